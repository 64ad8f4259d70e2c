import { RestError, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
import type { BlobTransport } from '../storage/blobTransport.js';

/** A RestError as the SDK throws it: `status`, and response headers such as `x-ms-error-code` or `retry-after`. Test support. */
export const restError = (status: number, headers: Record<string, string> = {}): RestError =>
  new RestError(`HTTP ${status}`, {
    statusCode: status,
    response: {
      status,
      headers: { get: (n: string) => headers[n.toLowerCase()] },
    } as never,
  });

type BlobMethod =
  'stageBlock' | 'commitBlockList' | 'upload' | 'download' | 'getBlockList' | 'getProperties';

/** Called before every blob call the engine makes; throw to fail the call, return to let it run. */
export type BlobHook = (
  method: BlobMethod,
  blobName: string,
  args: unknown[],
) => void | Promise<void>;

/**
 * A ContainerClient whose block blob clients run `hook` before each data call, to count
 * calls, inject faults (throw a RestError) or act between calls (tamper, pause). Get Blob
 * and a small file's Put Blob go through a `BlobTransport`: see `hookedTransport`. Test support.
 */
export function hookedContainer(container: ContainerClient, hook: BlobHook): ContainerClient {
  const wrapBlob = (blob: BlockBlobClient, name: string): BlockBlobClient =>
    new Proxy(blob, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const fn = value as (...a: unknown[]) => Promise<unknown>;
        const hooked = ['stageBlock', 'commitBlockList', 'upload', 'getBlockList', 'getProperties'];
        if (!hooked.includes(String(prop))) return fn.bind(target);
        return async (...args: unknown[]) => {
          await hook(prop as BlobMethod, name, args);
          return fn.apply(target, args);
        };
      },
    });
  return new Proxy(container, {
    get(target, prop, receiver) {
      if (prop === 'getBlockBlobClient') {
        return (name: string) => wrapBlob(target.getBlockBlobClient(name), name);
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/** A BlobTransport that runs `hook` before each Get Blob ('download' with [offset, count, options]) and Put Blob ('upload' with [body, options]); listings pass through. Test support. */
export const hookedTransport = (transport: BlobTransport, hook: BlobHook): BlobTransport => ({
  async download(blobName, offset, count, options) {
    await hook('download', blobName, [offset, count, options]);
    return transport.download(blobName, offset, count, options);
  },
  async upload(blobName, body, options) {
    await hook('upload', blobName, [body, options]);
    return transport.upload(blobName, body, options);
  },
  listBlobs: (options) => transport.listBlobs(options),
});
