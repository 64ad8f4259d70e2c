import {
  AnonymousCredential,
  BlobServiceClient,
  ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import {
  AnonymousCredential as DfsAnonymousCredential,
  DataLakeFileSystemClient,
  DataLakeServiceClient,
  StorageSharedKeyCredential as DfsSharedKeyCredential,
  type StoragePipelineOptions as DfsPipelineOptions,
} from '@azure/storage-file-datalake';
import type { TokenCredential } from '@azure/core-auth';
import type { ConnectionScope, ContainerSummary } from '../../shared/contract/index.js';
import { BlobUrlError, parseBlobUrl } from './blobUrl.js';
import { failWith } from './toLakeError.js';

/**
 * A credential as main stores it (secret included). The emulator's is resolved to a
 * connection string by the emulator supervisor before it is opened.
 */
export type AccountCredential =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountKey'; accountName: string; accountKey: string; blobEndpoint: string }
  | { kind: 'sas'; url: string };

/**
 * A Microsoft Entra ID identity (RBAC on the data plane, or ADLS ACLs): bearer tokens for
 * `https://storage.azure.com/.default` from `credential`, on the account at `blobEndpoint`,
 * or only on `container` when the user attached one by URL.
 */
export interface TokenAccountCredential {
  kind: 'token';
  blobEndpoint: string;
  credential: TokenCredential;
  container?: string;
}

/** What an opened connection can reach, and the clients to reach it. */
export interface AccountAccess {
  accountName: string;
  /** Blob endpoint without query string. */
  blobEndpoint: string;
  scope: ConnectionScope;
  /** All containers the credential can see (one for a container-scoped SAS). */
  listContainers(): Promise<ContainerSummary[]>;
  /** A client for `name`. Throws `PermissionDenied` when the credential is scoped to another container. */
  container(name: string): ContainerClient;
  /** The account's Blob service client; absent for a container-scoped SAS. */
  service?: BlobServiceClient;
  /**
   * The DataLake (DFS endpoint) client of container `name`, with the same credential; only
   * HNS accounts answer its directory, rename and ACL calls. Throws `PermissionDenied` like
   * `container`.
   */
  fileSystem(name: string): DataLakeFileSystemClient;
  /**
   * One cheap authenticated request (a one-item listing) that proves the credential works.
   * Rejects with the service's error (AuthFailed for a bad key or expired SAS, Unreachable
   * for an unknown host).
   */
  probe(): Promise<void>;
}

/** Retry and timeout settings: `interactive` for calls a user waits on, `transfer` for the transfer engine's requests, `probe` to test a new connection fast. */
export const pipelineOptions = {
  interactive: {
    retryOptions: {
      maxTries: 3,
      tryTimeoutInMs: 60_000,
      retryDelayInMs: 500,
      maxRetryDelayInMs: 4_000,
    },
    keepAliveOptions: { enable: true },
  },
  // The transfer engine retries each block itself and lowers its concurrency on 429/503, so the
  // SDK must not absorb them; an 8 MiB block on a slow uplink needs a long per-try deadline.
  transfer: {
    retryOptions: { maxTries: 1, tryTimeoutInMs: 600_000 },
    keepAliveOptions: { enable: true },
  },
  probe: {
    retryOptions: { maxTries: 1, tryTimeoutInMs: 15_000 },
    keepAliveOptions: { enable: true },
  },
} satisfies Record<string, StoragePipelineOptions>;

/** The same retry and keep-alive settings for the DataLake clients (their options type differs only in `audience`). */
const dfsOptions = (options: StoragePipelineOptions): DfsPipelineOptions => ({
  ...(options.retryOptions ? { retryOptions: options.retryOptions } : {}),
  ...(options.keepAliveOptions ? { keepAliveOptions: options.keepAliveOptions } : {}),
});

const trimEndpoint = (u: string): string => u.replace(/[?#].*$/, '').replace(/\/+$/, '');

function serviceAccess(
  service: BlobServiceClient,
  blobEndpoint: string,
  dataLake: DataLakeServiceClient,
): AccountAccess {
  return {
    accountName: service.accountName,
    blobEndpoint,
    scope: { type: 'account' },
    service,
    fileSystem: (name) => dataLake.getFileSystemClient(name),
    async listContainers() {
      const out: ContainerSummary[] = [];
      for await (const item of service.listContainers()) {
        out.push({
          name: item.name,
          lastModified: item.properties.lastModified.toISOString(),
          publicAccess: item.properties.publicAccess ?? 'none',
          ...(item.properties.leaseState ? { leaseState: item.properties.leaseState } : {}),
        });
      }
      return out;
    },
    container: (name) => service.getContainerClient(name),
    async probe() {
      await service.listContainers().byPage({ maxPageSize: 1 }).next();
    },
  };
}

function containerAccess(
  client: ContainerClient,
  accountName: string,
  blobEndpoint: string,
  fileSystem: DataLakeFileSystemClient,
): AccountAccess {
  const scoped = (name: string): void => {
    if (name !== client.containerName) {
      failWith(
        'PermissionDenied',
        `This connection only reaches container "${client.containerName}" (a container SAS, or a container attached by URL).`,
      );
    }
  };
  return {
    accountName,
    blobEndpoint,
    scope: { type: 'container', container: client.containerName },
    fileSystem(name) {
      scoped(name);
      return fileSystem;
    },
    async listContainers() {
      const props = await client.getProperties().catch(() => undefined);
      return [
        {
          name: client.containerName,
          lastModified: (props?.lastModified ?? new Date(0)).toISOString(),
          publicAccess: props?.blobPublicAccess ?? 'none',
          ...(props?.leaseState ? { leaseState: props.leaseState } : {}),
        },
      ];
    },
    container(name) {
      scoped(name);
      return client;
    },
    async probe() {
      await client.listBlobsFlat().byPage({ maxPageSize: 1 }).next();
    },
  };
}

/**
 * Builds clients for `credential`. Throws `InvalidInput` for a malformed connection string
 * or SAS URL; nothing is sent until a method is called.
 * SAS scope follows the URL: `…/?sv=…` is an account SAS, `…/<container>?sv=…` a container SAS
 * (https://learn.microsoft.com/rest/api/storageservices/create-service-sas).
 */
export function openAccount(
  credential: AccountCredential | TokenAccountCredential,
  options: StoragePipelineOptions = pipelineOptions.interactive,
): AccountAccess {
  switch (credential.kind) {
    case 'connectionString': {
      let service: BlobServiceClient;
      let dataLake: DataLakeServiceClient;
      try {
        service = BlobServiceClient.fromConnectionString(credential.connectionString, options);
        dataLake = DataLakeServiceClient.fromConnectionString(
          credential.connectionString,
          dfsOptions(options),
        );
      } catch (e) {
        return failWith(
          'InvalidInput',
          `This connection string cannot be read: ${(e as Error).message}. Copy it again from the portal (Access keys).`,
        );
      }
      return serviceAccess(service, trimEndpoint(service.url), dataLake);
    }
    case 'accountKey': {
      const shared = new StorageSharedKeyCredential(credential.accountName, credential.accountKey);
      const endpoint = trimEndpoint(credential.blobEndpoint);
      const dfsShared = new DfsSharedKeyCredential(credential.accountName, credential.accountKey);
      return serviceAccess(
        new BlobServiceClient(endpoint, shared, options),
        endpoint,
        new DataLakeServiceClient(endpoint, dfsShared, dfsOptions(options)),
      );
    }
    case 'token': {
      const endpoint = trimEndpoint(credential.blobEndpoint);
      const service = new BlobServiceClient(endpoint, credential.credential, options);
      const dataLake = new DataLakeServiceClient(
        endpoint,
        credential.credential,
        dfsOptions(options),
      );
      if (credential.container) {
        return containerAccess(
          service.getContainerClient(credential.container),
          service.accountName,
          endpoint,
          dataLake.getFileSystemClient(credential.container),
        );
      }
      return serviceAccess(service, endpoint, dataLake);
    }
    case 'sas': {
      let location;
      try {
        location = parseBlobUrl(credential.url);
      } catch (e) {
        if (e instanceof BlobUrlError) return failWith('InvalidInput', e.message);
        throw e;
      }
      if (!/(^|&)sig=/.test(location.query)) {
        return failWith(
          'InvalidInput',
          'This SAS URL has no signature (sig=…). Copy the whole URL, including everything after "?".',
        );
      }
      if (location.container) {
        const client = new ContainerClient(
          `${location.blobEndpoint}/${encodeURIComponent(location.container)}?${location.query}`,
          new AnonymousCredential(),
          options,
        );
        const fileSystem = new DataLakeFileSystemClient(
          `${location.blobEndpoint}/${encodeURIComponent(location.container)}?${location.query}`,
          new DfsAnonymousCredential(),
          dfsOptions(options),
        );
        return containerAccess(client, location.accountName, location.blobEndpoint, fileSystem);
      }
      return serviceAccess(
        new BlobServiceClient(
          `${location.blobEndpoint}?${location.query}`,
          new AnonymousCredential(),
          options,
        ),
        location.blobEndpoint,
        new DataLakeServiceClient(
          `${location.blobEndpoint}?${location.query}`,
          new DfsAnonymousCredential(),
          dfsOptions(options),
        ),
      );
    }
  }
}
