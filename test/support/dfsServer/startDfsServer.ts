import { Agent } from 'node:https';
import {
  BlobServiceClient,
  newPipeline,
  Pipeline,
  StorageSharedKeyCredential,
  type RequestPolicyFactory,
} from '@azure/storage-blob';
import { listenFrontServer } from '../frontServer.js';
import { AclStore } from './aclStore.js';
import { PendingAppends } from './appendFlush.js';
import type { DfsContext } from './context.js';
import { PathStore } from './pathStore.js';
import { handleRequest } from './router.js';

/** Azurite's well-known development account. */
export const DEV_ACCOUNT_NAME = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running DFS front for Azurite. */
export interface DfsServer {
  /** Account URL, e.g. `http://127.0.0.1:PORT/devstoreaccount1` (serves Blob and DFS calls). */
  url: string;
  /** `DefaultEndpointsProtocol=http;AccountName=…;AccountKey=…;BlobEndpoint=<url>;` */
  connectionString: string;
  stop(): Promise<void>;
}

/** Options of `startDfsServer`. */
export interface DfsServerOptions {
  /**
   * Azurite's Blob endpoint, e.g. `http://127.0.0.1:10000/devstoreaccount1`, or an HTTPS
   * Azurite's (`--oauth basic`, whose bearer tokens this server then takes too).
   */
  azuriteBlobEndpoint: string;
  /** The CA (PEM) an HTTPS Azurite's certificate chains to, trusted besides Node's own. */
  azuriteCa?: string;
  /** Defaults to Azurite's `devstoreaccount1`. */
  accountName?: string;
  /** Defaults to Azurite's well-known key. */
  accountKey?: string;
  /** Most paths one recursive Path - Delete call removes before answering x-ms-continuation. */
  deletePageSize?: number;
  /** Paths per setAccessControlRecursive call when the request has no maxRecords. */
  aclPageSize?: number;
}

/** A request policy sending every request through an HTTPS agent that trusts `ca` (PEM) besides Node's CAs. */
const trusting = (ca: string): RequestPolicyFactory => {
  const agent = new Agent({ ca, keepAlive: true });
  return {
    create: (next) => ({
      sendRequest: (request) => {
        request.agent = agent;
        return next.sendRequest(request);
      },
    }),
  };
};

/** Runs `work` calls one at a time, in call order. */
const createLock = (): DfsContext['exclusive'] => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
};

/**
 * Starts, on 127.0.0.1 with a free port, an HTTP server that makes Azurite look like an ADLS Gen2
 * (hierarchical namespace) account: it answers the Data Lake Path/Filesystem operations itself,
 * keeping file bytes in Azurite through the Blob API, and passes every other request through to
 * Azurite unchanged. Point `DataLakeServiceClient` and `BlobServiceClient` at `url`.
 */
export const startDfsServer = async (options: DfsServerOptions): Promise<DfsServer> => {
  const accountName = options.accountName ?? DEV_ACCOUNT_NAME;
  const accountKey = options.accountKey ?? DEV_ACCOUNT_KEY;
  const azuriteOrigin = new URL(options.azuriteBlobEndpoint).origin;
  const credential = new StorageSharedKeyCredential(accountName, accountKey);
  const service = new BlobServiceClient(
    options.azuriteBlobEndpoint,
    options.azuriteCa
      ? new Pipeline([trusting(options.azuriteCa), credential])
      : newPipeline(credential),
  );
  const ctx: DfsContext = {
    accountName,
    accountKey,
    azuriteOrigin,
    ...(options.azuriteCa ? { azuriteCa: options.azuriteCa } : {}),
    store: new PathStore(service),
    acls: new AclStore(),
    pending: new PendingAppends(),
    deletePageSize: options.deletePageSize ?? 1000,
    aclPageSize: options.aclPageSize ?? 2000,
    exclusive: createLock(),
  };
  return listenFrontServer(accountName, accountKey, (req, res) => handleRequest(ctx, req, res));
};
