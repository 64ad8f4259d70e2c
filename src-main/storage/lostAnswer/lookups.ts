import { isTokenCredential, type TokenCredential } from '@azure/core-auth';
import { createRequestPolicyFactoryPolicy } from '@azure/core-http-compat';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createPipelineRequest,
  proxyPolicy,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { storageCallPolicy, type StorageObserver } from '../../observability/storageCallPolicy.js';

/** What a lookup answered: the status, a header reader and, for a GET, the body (bytes and as text). */
export interface LookupAnswer {
  status: number;
  header(name: string): string | undefined;
  bytes: Buffer;
  text: string;
}

/**
 * Read-only requests the lost-answer rules send to see the state a write left: each signed
 * like the write (Shared Key, the write URL's SAS, or an Entra ID token) and observed as its own
 * storage operation (retried on Transient and Timeout, recorded in the activity log).
 */
export interface Lookups {
  /** HEAD `url` (Get Blob Properties, Get Container Properties, DFS Get Properties…). */
  head(url: string): Promise<LookupAnswer>;
  /** GET `url` with its body read whole (Get Block List, Get Blob of a small blob). */
  get(url: string): Promise<LookupAnswer>;
}

/** A credential as the storage pipelines hold it: an SDK shared-key or anonymous credential (a request policy factory), a token credential, or none (a SAS in the URL). */
export type LookupCredential = TokenCredential | object;

/** The REST version the lookups send (the one @azure/storage-blob 12.34 sends). */
const serviceVersion = '2026-10-06';

const httpClient = createDefaultHttpClient();

/**
 * The query parameters a SAS consists of
 * (https://learn.microsoft.com/rest/api/storageservices/create-account-sas,
 * https://learn.microsoft.com/rest/api/storageservices/create-service-sas,
 * https://learn.microsoft.com/rest/api/storageservices/create-user-delegation-sas).
 */
const sasParameters = new Set([
  'sv', 'ss', 'srt', 'sp', 'se', 'st', 'spr', 'sip', 'sig', 'sr', 'si', 'sdd', 'ses',
  'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'saoid', 'suoid', 'scid',
  'rscc', 'rscd', 'rsce', 'rscl', 'rsct',
]); // prettier-ignore

/** Whether query parameter `name` is part of a SAS. */
export const isSasParameter = (name: string): boolean => sasParameters.has(name);

/**
 * `path` (absolute, or a URL path) on `writeUrl`'s origin, with `query` (`comp=blocklist…`) and
 * the SAS parameters of `writeUrl`, so a lookup is authorized as the write was.
 */
export function lookupUrl(writeUrl: string, path: string, query = ''): string {
  const write = new URL(writeUrl);
  const url = new URL(path, write.origin);
  const sas = [...write.searchParams].filter(([k]) => sasParameters.has(k));
  const parts = [
    ...(query ? [query] : []),
    ...sas.map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
  ];
  return `${url.origin}${url.pathname}${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** The write's own URL without its query (the resource it names). */
export const resourceOf = (writeUrl: string): string => writeUrl.replace(/[?#].*$/, '');

/** `Lookups` signed with `credential`, recorded through `observer`. */
export function createLookups(credential: LookupCredential, observer: StorageObserver): Lookups {
  let pipeline: Pipeline | undefined;
  const build = (): Pipeline => {
    const p = createEmptyPipeline();
    p.addPolicy(proxyPolicy());
    p.addPolicy(storageCallPolicy(observer, 'interactive'));
    if (isTokenCredential(credential)) {
      p.addPolicy(
        bearerTokenAuthenticationPolicy({
          credential,
          scopes: 'https://storage.azure.com/.default',
        }),
      );
    } else if (typeof (credential as { create?: unknown }).create === 'function') {
      p.addPolicy(
        createRequestPolicyFactoryPolicy([
          credential as Parameters<typeof createRequestPolicyFactoryPolicy>[0][number],
        ]),
      );
    }
    return p;
  };
  const send = async (url: string, method: 'HEAD' | 'GET'): Promise<LookupAnswer> => {
    pipeline ??= build();
    const request = createPipelineRequest({
      url,
      method,
      allowInsecureConnection: true,
      streamResponseStatusCodes: new Set([200]),
    });
    request.headers.set('x-ms-version', serviceVersion);
    const response = await pipeline.sendRequest(httpClient, request);
    const chunks: Buffer[] = [];
    if (response.readableStreamBody) {
      for await (const chunk of response.readableStreamBody) chunks.push(Buffer.from(chunk));
    }
    const bytes = chunks.length ? Buffer.concat(chunks) : Buffer.from(response.bodyAsText ?? '');
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      bytes,
      text: bytes.toString('utf8'),
    };
  };
  return { head: (url) => send(url, 'HEAD'), get: (url) => send(url, 'GET') };
}
