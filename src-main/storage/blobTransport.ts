import { isTokenCredential } from '@azure/core-auth';
import { createRequestPolicyFactoryPolicy } from '@azure/core-http-compat';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createPipelineRequest,
  proxyPolicy,
  RestError,
  tracingPolicy,
  type HttpClient,
  type Pipeline,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { ContainerClient } from '@azure/storage-blob';
import { storageCallPolicy } from '../observability/storageCallPolicy.js';
import { watchOf } from './accountAccess.js';
import { bufferSink, type BodySink } from './bodySink.js';
import { lostAnswerPolicy } from './lostAnswer/lostAnswerPolicy.js';
import { parseListBlobs, type ListBlobsPage } from './listBlobsXml.js';
import { sendIntoSink } from './plainSocketClient.js';

/** The MD5s one Get Blob answer carries. */
export interface BlobDigests {
  /** `Content-MD5`: the MD5 of the bytes returned (the whole blob's when no range was asked). */
  contentMD5?: Uint8Array;
  /** `x-ms-blob-content-md5`: the whole blob's Content-MD5, sent with a range answer. */
  blobContentMD5?: Uint8Array;
}

/** Options of a Put Blob: content headers and the condition. */
export interface PutBlobOptions {
  /** `x-ms-blob-content-type`. */
  contentType: string;
  /** MD5 of the body (16 bytes): sent as the transactional `Content-MD5`, which the service checks, and kept as the blob's Content-MD5. */
  contentMD5: Uint8Array;
  /** `'*'`: write only if no blob has the name yet (fails with 409 BlobAlreadyExists). */
  ifNoneMatch?: '*';
  abortSignal: AbortSignal;
}

/**
 * The requests the transfer engine sends once per small file or per range, for the blobs of
 * one container. Each rejects with a `RestError` carrying the status and `x-ms-error-code`
 * (which `toLakeError` maps), with an `AbortError` when `abortSignal` fires, or with Node's
 * network error (ECONNRESET…).
 */
export interface BlobTransport {
  /**
   * Get Blob (https://learn.microsoft.com/rest/api/storageservices/get-blob) of `blobName`:
   * the whole blob when `count` is undefined and `offset` is 0, else `count` bytes from
   * `offset` (`x-ms-range`). Sent only if the blob's ETag is still `ifMatch` (If-Match; 412
   * ConditionNotMet when it changed). The body is read into `sink` (over plain HTTP straight
   * from the socket, `sendIntoSink`); resolves with the answer's MD5s once all of it is there,
   * rejects also with `shortBody`/`longBody` (Transient) when it is shorter or longer than
   * announced, or with the sink's own error.
   */
  download(
    blobName: string,
    offset: number,
    count: number | undefined,
    options: { ifMatch: string; abortSignal: AbortSignal; sink: BodySink },
  ): Promise<BlobDigests>;
  /** Put Blob (https://learn.microsoft.com/rest/api/storageservices/put-blob) of `body` as a block blob named `blobName`. */
  upload(blobName: string, body: Buffer, options: PutBlobOptions): Promise<void>;
  /**
   * One page of a flat List Blobs (https://learn.microsoft.com/rest/api/storageservices/list-blobs)
   * with metadata: blobs whose names start with `prefix`, from `marker` (the previous page's
   * `nextMarker`), at most `maxResults` (1–5,000). Rejects also when the answer is not a
   * List Blobs document.
   */
  listBlobs(options: {
    prefix: string;
    marker?: string;
    maxResults: number;
    abortSignal: AbortSignal;
  }): Promise<ListBlobsPage>;
}

/** The REST version sent, the one @azure/storage-blob 12.34 sends (https://learn.microsoft.com/rest/api/storageservices/versioning-for-the-azure-storage-services). */
const serviceVersion = '2026-10-06';

/** One HTTP client (and its keep-alive sockets) for every transport of the process. */
const httpClient = createDefaultHttpClient();

/** The SDK's blob URL rule (ContainerClient.getBlobClient): each `/`-separated segment URI-encoded, appended to the container's path, its query (a SAS) kept. */
function blobUrl(containerUrl: string, blobName: string): string {
  const url = new URL(containerUrl);
  const escaped = blobName.split('/').map(encodeURIComponent).join('/');
  url.pathname = url.pathname.endsWith('/') ? url.pathname + escaped : `${url.pathname}/${escaped}`;
  return url.toString();
}

/**
 * A pipeline that only routes, observes and signs: through the proxy that HTTPS_PROXY /
 * HTTP_PROXY name (NO_PROXY honoured), as the SDK's own pipeline does; recorded as transfer
 * activity with its span, the HTTP span beneath (`observeStorageCall` with the container's
 * observer, area `transfer`); a conditional Put Blob retried after a lost answer confirmed by
 * `lostAnswerPolicy`; then Shared Key or a SAS in the URL (the credential's own request
 * policy), or an Entra ID token.
 */
function signingPipeline(container: ContainerClient): Pipeline {
  const pipeline = createEmptyPipeline();
  pipeline.addPolicy(proxyPolicy());
  const { observer, profile } = watchOf(container);
  pipeline.addPolicy(storageCallPolicy(observer, profile, 'transfer'));
  const credential = container.credential;
  pipeline.addPolicy(lostAnswerPolicy(credential, observer));
  pipeline.addPolicy(tracingPolicy());
  pipeline.addPolicy(
    isTokenCredential(credential)
      ? bearerTokenAuthenticationPolicy({
          credential,
          scopes: 'https://storage.azure.com/.default',
        })
      : createRequestPolicyFactoryPolicy([credential]),
  );
  return pipeline;
}

const md5Header = (value: string | undefined): Uint8Array | undefined =>
  value ? new Uint8Array(Buffer.from(value, 'base64')) : undefined;

/** The error a request answered with a status outside `ok`. */
function answeredWith(
  operation: string,
  request: PipelineRequest,
  response: PipelineResponse,
): RestError {
  const code = response.headers.get('x-ms-error-code');
  return new RestError(`${operation} answered HTTP ${response.status}${code ? ` ${code}` : ''}.`, {
    statusCode: response.status,
    ...(code ? { code } : {}),
    request,
    response,
  });
}

/**
 * A `BlobTransport` for `container` with the container client's URL and credential: each call
 * is one signed request through a pipeline with only the proxy and signing policies, without the SDK's
 * operation layer (serializers, tracing, logging, retries), which costs more CPU than the
 * request itself for a small blob. The transfer engine retries and throttles itself
 * (transferIo).
 */
export function createBlobTransport(container: ContainerClient): BlobTransport {
  const pipeline = signingPipeline(container);
  const streamed = new Set([200, 206]);
  const created = new Set([201]);
  /** A request with the REST version; `stream`: the body of a 200/206 answer is left unread. */
  const request = (
    url: string,
    method: 'GET' | 'PUT',
    abortSignal: AbortSignal,
    stream = false,
  ) => {
    const r = createPipelineRequest({
      url,
      method,
      abortSignal,
      allowInsecureConnection: true,
      ...(stream ? { streamResponseStatusCodes: streamed } : {}),
    });
    r.headers.set('x-ms-version', serviceVersion);
    return r;
  };
  /** Sends a request whose answer has no body to keep (Put Blob's 201), over a plain socket where it may (`sendIntoSink`). */
  const answerOnly: HttpClient = {
    sendRequest: async (r) => (await sendIntoSink(r, bufferSink(0), created, httpClient)).response,
  };
  return {
    async download(blobName, offset, count, { ifMatch, abortSignal, sink }) {
      const get = request(blobUrl(container.url, blobName), 'GET', abortSignal, true);
      get.headers.set('If-Match', ifMatch);
      if (count !== undefined || offset > 0) {
        const end = count === undefined ? '' : String(offset + count - 1);
        get.headers.set('x-ms-range', `bytes=${offset}-${end}`);
      }
      // The last try's body (the policies may retry a try that failed before its answer).
      let body: Promise<void> | undefined;
      const intoSink: HttpClient = {
        async sendRequest(r) {
          const answer = await sendIntoSink(r, sink, streamed, httpClient);
          body = answer.body;
          return answer.response;
        },
      };
      const response = await pipeline.sendRequest(intoSink, get);
      if (!body || !streamed.has(response.status)) throw answeredWith('Get Blob', get, response);
      await body;
      const contentMD5 = md5Header(response.headers.get('content-md5'));
      const blobContentMD5 = md5Header(response.headers.get('x-ms-blob-content-md5'));
      return {
        ...(contentMD5 ? { contentMD5 } : {}),
        ...(blobContentMD5 ? { blobContentMD5 } : {}),
      };
    },
    async upload(blobName, body, options) {
      const put = request(blobUrl(container.url, blobName), 'PUT', options.abortSignal);
      const md5 = Buffer.from(options.contentMD5).toString('base64');
      put.body = body;
      put.headers.set('x-ms-blob-type', 'BlockBlob');
      put.headers.set('Content-MD5', md5);
      put.headers.set('x-ms-blob-content-md5', md5);
      put.headers.set('x-ms-blob-content-type', options.contentType);
      if (options.ifNoneMatch) put.headers.set('If-None-Match', options.ifNoneMatch);
      const response = await pipeline.sendRequest(answerOnly, put);
      if (response.status !== 201) throw answeredWith('Put Blob', put, response);
    },
    async listBlobs({ prefix, marker, maxResults, abortSignal }) {
      const query = [
        'restype=container',
        'comp=list',
        'include=metadata',
        `maxresults=${maxResults}`,
        ...(prefix ? [`prefix=${encodeURIComponent(prefix)}`] : []),
        ...(marker ? [`marker=${encodeURIComponent(marker)}`] : []),
      ].join('&');
      // Appended as text: re-serializing the URL's query would re-encode a SAS signature.
      const url = `${container.url}${container.url.includes('?') ? '&' : '?'}${query}`;
      const list = request(url, 'GET', abortSignal);
      const response = await pipeline.sendRequest(httpClient, list);
      if (response.status !== 200) throw answeredWith('List Blobs', list, response);
      return parseListBlobs(response.bodyAsText ?? '');
    },
  };
}
