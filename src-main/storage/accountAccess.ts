import {
  AnonymousCredential,
  BlobServiceClient,
  ContainerClient,
  StorageSharedKeyCredential,
  newPipeline,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import {
  AnonymousCredential as DfsAnonymousCredential,
  DataLakeFileSystemClient,
  DataLakeServiceClient,
  StorageSharedKeyCredential as DfsSharedKeyCredential,
  newPipeline as newDfsPipeline,
} from '@azure/storage-file-datalake';
import type { TokenCredential } from '@azure/core-auth';
import type {
  ConnectionScope,
  ContainerSummary,
  NetworkSettings,
} from '../../shared/contract/index.js';
import { BlobUrlError, parseBlobUrl } from './blobUrl.js';
import { failWith } from './toLakeError.js';
import { lostAnswerPolicyFactory } from './lostAnswer/lostAnswerPolicy.js';
import {
  processStorageObserver,
  storageCallPolicyFactory,
  unobserved,
  type RetryProfile,
  type StorageObserver,
} from '../observability/storageCallPolicy.js';

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
  /** A folder of `container` (no `/` at either end): the connection's scope starts there. */
  directory?: string;
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
  /**
   * The account's namespace kind when something other than the data plane already said it:
   * Resource Manager's `properties.isHnsEnabled` for an account discovered after sign-in
   * (https://learn.microsoft.com/rest/api/storagerp/storage-accounts/list). Absent: detect it.
   */
  knownNamespace?: 'hns' | 'flat';
  /** The signed-in identity's credential of a `token` connection (to ask whether it must sign in again); absent for keys and SAS. */
  tokenCredential?: TokenCredential;
}

/**
 * The SDK's own retry policy gets one try: `observeStorageCall`, first in each pipeline,
 * retries (per `RetryProfile`), times out and records every request itself.
 */
const sdkOptions = {
  retryOptions: { maxTries: 1 },
  keepAliveOptions: { enable: true },
} satisfies StoragePipelineOptions;

/** The credential types the Blob and DataLake pipelines take (the SDKs' own shared-key classes, a token credential, or none for a SAS in the URL). */
type BlobPipelineCredential = Parameters<typeof newPipeline>[0];
type DfsPipelineCredential = Parameters<typeof newDfsPipeline>[0];

/**
 * A Blob pipeline whose first policy is `observeStorageCall` (a `Pipeline.factories` entry, run
 * before the SDK's retry and signing phases), and inside its retries `confirmLostAnswer`, which
 * makes a retried non-idempotent write whose first answer was lost succeed when its effect is
 * confirmed (lostAnswer/writeRules).
 */
function blobPipeline(credential: BlobPipelineCredential, watch: Watch) {
  const pipeline = newPipeline(credential, { ...watch.sdk, ...sdkOptions });
  pipeline.factories.push(storageCallPolicyFactory(watch.observer, watch.profile) as never);
  pipeline.factories.push(lostAnswerPolicyFactory(credential ?? {}, watch.observer) as never);
  return pipeline;
}

/** The same for the DataLake clients. */
function dfsPipeline(credential: DfsPipelineCredential, watch: Watch) {
  const { audience: _audience, ...sdk } = watch.sdk;
  const pipeline = newDfsPipeline(credential, { ...sdk, ...sdkOptions });
  pipeline.factories.push(storageCallPolicyFactory(watch.observer, watch.profile) as never);
  pipeline.factories.push(lostAnswerPolicyFactory(credential ?? {}, watch.observer) as never);
  return pipeline;
}

interface Watch {
  observer: StorageObserver;
  profile: RetryProfile;
  /** SDK options other than retries (proxy, user agent) a caller gave. */
  sdk: StoragePipelineOptions;
}

/**
 * How a caller asks for its requests to be retried: a profile, or the SDK's options (a
 * connection's own: `maxTries`, `retryDelayInMs`, `maxRetryDelayInMs` and `tryTimeoutInMs`
 * become its `NetworkSettings` overrides, applied by `observeStorageCall` in the interactive
 * profile, or once, like `transfer`, when `maxTries` is 1).
 */
export type RetryChoice = RetryProfile | StoragePipelineOptions;

/**
 * The network settings an SDK `retryOptions` sets (tries, first and longest delay in ms, and
 * `tryTimeoutInMs` as the operation timeout in ms); the ones it leaves out are absent.
 */
export const retryOptionsNetwork = (
  retryOptions: StoragePipelineOptions['retryOptions'],
): Partial<NetworkSettings> => ({
  ...(retryOptions?.maxTries !== undefined ? { maxAttempts: retryOptions.maxTries } : {}),
  ...(retryOptions?.retryDelayInMs !== undefined
    ? { retryDelayMs: retryOptions.retryDelayInMs }
    : {}),
  ...(retryOptions?.maxRetryDelayInMs !== undefined
    ? { maxRetryDelayMs: retryOptions.maxRetryDelayInMs }
    : {}),
  ...(retryOptions?.tryTimeoutInMs !== undefined
    ? { operationTimeoutMs: retryOptions.tryTimeoutInMs }
    : {}),
});

function watchFor(choice: RetryChoice, observer: StorageObserver): Watch {
  if (typeof choice === 'string') return { observer, profile: choice, sdk: {} };
  const { retryOptions, ...sdk } = choice;
  const overrides = retryOptionsNetwork(retryOptions);
  return {
    observer: { ...observer, network: () => ({ ...observer.network(), ...overrides }) },
    profile: 'interactive',
    sdk,
  };
}

const observers = new WeakMap<object, Watch>();

/** The observer and profile `container` was opened with (for pipelines built on its URL and credential, the transfer engine's), `unobserved` for a client made elsewhere. */
export const watchOf = (container: ContainerClient): Watch =>
  observers.get(container) ?? { observer: unobserved, profile: 'transfer', sdk: {} };

const trimEndpoint = (u: string): string => u.replace(/[?#].*$/, '').replace(/\/+$/, '');

/**
 * `make()`'s value, made at the first call and kept: the DataLake clients are built only when
 * a DFS call needs one (building an SDK client and its pipeline costs about a millisecond, and
 * a start opens every provisioned connection).
 */
const once = <T>(make: () => T): (() => T) => {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
};

function serviceAccess(
  service: BlobServiceClient,
  blobEndpoint: string,
  dataLake: () => DataLakeServiceClient,
  watch: Watch,
): AccountAccess {
  const remember = (client: ContainerClient): ContainerClient => {
    observers.set(client, watch);
    return client;
  };
  return {
    accountName: service.accountName,
    blobEndpoint,
    scope: { type: 'account' },
    service,
    fileSystem: (name) => dataLake().getFileSystemClient(name),
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
    container: (name) => remember(service.getContainerClient(name)),
    async probe() {
      await service.listContainers().byPage({ maxPageSize: 1 }).next();
    },
  };
}

function containerAccess(
  client: ContainerClient,
  accountName: string,
  blobEndpoint: string,
  fileSystem: () => DataLakeFileSystemClient,
  watch: Watch,
  directory?: string,
): AccountAccess {
  observers.set(client, watch);
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
    scope: {
      type: 'container',
      container: client.containerName,
      ...(directory ? { directory } : {}),
    },
    fileSystem(name) {
      scoped(name);
      return fileSystem();
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
      // A folder attached by URL: its identity may list only under it (ADLS ACLs).
      await client
        .listBlobsFlat(directory ? { prefix: `${directory}/` } : {})
        .byPage({ maxPageSize: 1 })
        .next();
    },
  };
}

/**
 * Builds clients for `credential`. Throws `InvalidInput` for a malformed connection string
 * or SAS URL; nothing is sent until a method is called.
 * SAS scope follows the URL: `…/?sv=…` is an account SAS, `…/<container>?sv=…` a container SAS
 * (https://learn.microsoft.com/rest/api/storageservices/create-service-sas).
 * Every request of every client goes through `observeStorageCall` with `observer` (its
 * activity, span, metrics, timeouts and retries per `retry`; by default the process's, see
 * `setProcessObserver`).
 */
export function openAccount(
  credential: AccountCredential | TokenAccountCredential,
  retry: RetryChoice = 'interactive',
  observer: StorageObserver = processStorageObserver(),
): AccountAccess {
  const watch = watchFor(retry, observer);
  switch (credential.kind) {
    case 'connectionString': {
      let parsed: BlobServiceClient;
      try {
        parsed = BlobServiceClient.fromConnectionString(credential.connectionString);
      } catch (e) {
        return failWith(
          'InvalidInput',
          `This connection string cannot be read: ${(e as Error).message}. Copy it again from the portal (Access keys).`,
        );
      }
      // The SDK reads the string (account key or SAS, endpoints); the clients used are rebuilt
      // on its URL and credential with the observed pipeline.
      const service = new BlobServiceClient(parsed.url, blobPipeline(parsed.credential, watch));
      const dataLake = once(() => {
        const parsedDfs = DataLakeServiceClient.fromConnectionString(credential.connectionString);
        return new DataLakeServiceClient(parsedDfs.url, dfsPipeline(parsedDfs.credential, watch));
      });
      return serviceAccess(service, trimEndpoint(service.url), dataLake, watch);
    }
    case 'accountKey': {
      const shared = new StorageSharedKeyCredential(credential.accountName, credential.accountKey);
      const endpoint = trimEndpoint(credential.blobEndpoint);
      const dfsShared = new DfsSharedKeyCredential(credential.accountName, credential.accountKey);
      return serviceAccess(
        new BlobServiceClient(endpoint, blobPipeline(shared, watch)),
        endpoint,
        once(() => new DataLakeServiceClient(endpoint, dfsPipeline(dfsShared, watch))),
        watch,
      );
    }
    case 'token': {
      const tokenCredential = credential.credential;
      const endpoint = trimEndpoint(credential.blobEndpoint);
      const service = new BlobServiceClient(endpoint, blobPipeline(credential.credential, watch));
      const dataLake = once(
        () => new DataLakeServiceClient(endpoint, dfsPipeline(credential.credential, watch)),
      );
      const { container } = credential;
      if (container) {
        return {
          ...containerAccess(
            service.getContainerClient(container),
            service.accountName,
            endpoint,
            () => dataLake().getFileSystemClient(container),
            watch,
            credential.directory,
          ),
          tokenCredential,
        };
      }
      return { ...serviceAccess(service, endpoint, dataLake, watch), tokenCredential };
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
        const url = `${location.blobEndpoint}/${encodeURIComponent(location.container)}?${location.query}`;
        const client = new ContainerClient(url, blobPipeline(new AnonymousCredential(), watch));
        const fileSystem = once(
          () => new DataLakeFileSystemClient(url, dfsPipeline(new DfsAnonymousCredential(), watch)),
        );
        return containerAccess(
          client,
          location.accountName,
          location.blobEndpoint,
          fileSystem,
          watch,
        );
      }
      const url = `${location.blobEndpoint}?${location.query}`;
      return serviceAccess(
        new BlobServiceClient(url, blobPipeline(new AnonymousCredential(), watch)),
        location.blobEndpoint,
        once(
          () => new DataLakeServiceClient(url, dfsPipeline(new DfsAnonymousCredential(), watch)),
        ),
        watch,
      );
    }
  }
}
