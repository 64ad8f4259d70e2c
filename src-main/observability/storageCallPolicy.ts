import { randomUUID } from 'node:crypto';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  defaultNetworkSettings,
  type ActivityArea,
  type LakeError,
  type NetworkSettings,
  type StorageActivity,
} from '../../shared/contract/index.js';
import { LakeFailure, codeForStatus, toLakeError } from '../storage/toLakeError.js';
import { backoffMs, isRetryable, retryAfterMs, sleep } from '../transfers/retry.js';
import { connectDeadlineAgent, isReadTimeout } from './connectDeadlineAgent.js';
import { describeRequest } from './describeRequest.js';
import { recordOperationMetrics } from './operationMetrics.js';
import { redactSecrets } from './redaction.js';

/** Who watches a connection's requests: its name, the timeouts and retries in force, where entries go. */
export interface StorageObserver {
  /** The connection's name as the activity log shows it. */
  connection: string;
  /** Read at each request, so a changed setting applies at once. */
  network: () => NetworkSettings;
  record: (entry: StorageActivity) => void;
}

/**
 * How a client's requests are retried: `interactive` with the network settings; `transfer`
 * once (the transfer engine retries each block itself and lowers its concurrency on 429/503)
 * within at least 10 minutes (an 8 MiB block on a slow uplink); `probe` once within 15 s, to
 * test a new connection fast.
 */
export type RetryProfile = 'interactive' | 'transfer' | 'probe';

/** The subset of a core-rest-pipeline `PipelineRequest` and a compat `WebResourceLike` the policy uses. */
interface RequestLike {
  url: string;
  method: string;
  headers: { get(name: string): string | undefined; set(name: string, value: string): void };
  abortSignal?: AbortSignal | { aborted: boolean } | undefined;
  body?: unknown;
  agent?: unknown;
}

/** The subset of a `PipelineResponse` and a compat `HttpOperationResponse` the policy uses. */
interface ResponseLike {
  status: number;
  headers: { get(name: string): string | undefined };
  readableStreamBody?: NodeJS.ReadableStream | undefined;
}

const limitsFor = (profile: RetryProfile, network: NetworkSettings): NetworkSettings => {
  switch (profile) {
    case 'interactive':
      return network;
    case 'transfer':
      return {
        ...network,
        maxAttempts: 1,
        operationTimeoutMs: Math.max(network.operationTimeoutMs, 600_000),
      };
    case 'probe':
      return {
        ...network,
        maxAttempts: 1,
        operationTimeoutMs: Math.min(network.operationTimeoutMs, 15_000),
      };
  }
};

const isStream = (body: unknown): boolean =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as { pipe?: unknown }).pipe === 'function';

const bytesOf = (request: RequestLike, response: ResponseLike | undefined): number | undefined => {
  const sent = Number(request.headers.get('content-length'));
  if (Number.isFinite(sent) && sent > 0) return sent;
  if (Buffer.isBuffer(request.body)) return request.body.length;
  const received = Number(response?.headers.get('content-length'));
  return Number.isFinite(received) ? received : undefined;
};

const scrubUrl = (url: string): string => redactSecrets(url);

/**
 * Sends `request` through `send` as one observed storage operation: a span
 * `lakeshore.<area>.<op>` around all its tries (the Azure SDK's HTTP spans beneath), each try
 * under the connect deadline and the read timeout (`connectDeadlineAgent`: a try that moves no
 * byte that long is cut and fails with `Timeout`, so it is retried), the whole under the operation deadline
 * (aborted then, failing with `Timeout`), Transient and Timeout failures retried with
 * exponential backoff and jitter or after the service's Retry-After
 * (https://learn.microsoft.com/azure/architecture/best-practices/retry-service-specific#azure-storage),
 * a request with a one-shot stream body never (the deadline also bounds reading a streamed
 * answer's body, whose socket the same signal aborts); then one `StorageActivity` recorded and the
 * operation's metrics counted. Answers with an error status are returned as they are (the
 * SDK's deserializer throws them); the caller's abort fails with `Cancelled`.
 */
export async function observeStorageCall<R extends ResponseLike>(
  observer: StorageObserver,
  profile: RetryProfile,
  request: RequestLike,
  send: (request: RequestLike) => Promise<R>,
  area?: ActivityArea,
): Promise<R> {
  const limits = limitsFor(profile, observer.network());
  const described = describeRequest(request.method, request.url, (n) => request.headers.get(n));
  const where = { ...described, area: area ?? described.area };
  const clientRequestId = request.headers.get('x-ms-client-request-id') ?? randomUUID();
  request.headers.set('x-ms-client-request-id', clientRequestId);
  if (!request.agent) {
    request.agent = connectDeadlineAgent(
      new URL(request.url).protocol,
      limits.connectTimeoutMs,
      limits.readTimeoutMs,
    );
  }
  const callerSignal = request.abortSignal instanceof AbortSignal ? request.abortSignal : undefined;
  const deadline = AbortSignal.timeout(limits.operationTimeoutMs);
  const signal = callerSignal ? AbortSignal.any([callerSignal, deadline]) : deadline;
  request.abortSignal = signal;
  const started = Date.now();
  const name = `lakeshore.${where.area}.${where.operation}`;
  return trace.getTracer('lakeshore').startActiveSpan(
    name,
    {
      attributes: {
        'azure.account': where.account,
        container: where.container,
        path: where.path,
        'http.request.method': request.method,
      },
    },
    async (span: Span) => {
      let attempts = 0;
      let response: R | undefined;
      let failure: LakeError | undefined;
      let lastThrown: unknown;
      const retryable = !isStream(request.body);
      for (;;) {
        attempts += 1;
        failure = undefined;
        try {
          response = await send(request);
        } catch (thrown) {
          response = undefined;
          lastThrown = thrown;
          failure = deadline.aborted
            ? {
                code: 'Timeout',
                message: `${request.method} ${where.container}/${where.path} did not finish within ${limits.operationTimeoutMs} ms and was aborted (Settings → Network, operation timeout).`,
              }
            : callerSignal?.aborted
              ? { code: 'Cancelled', message: 'Cancelled.' }
              : isReadTimeout(thrown)
                ? {
                    code: 'Timeout',
                    message: `${request.method} ${where.container}/${where.path} moved no data for ${limits.readTimeoutMs} ms, so the try was cut (Settings → Network, read timeout).`,
                  }
                : toLakeError(thrown);
          if (deadline.aborted || callerSignal?.aborted) break;
          if (attempts >= limits.maxAttempts || !retryable || !isRetryable(failure)) break;
        }
        if (response) {
          const code =
            response.status >= 400
              ? codeForStatus(response.status, response.headers.get('x-ms-error-code'))
              : undefined;
          if (
            !code ||
            attempts >= limits.maxAttempts ||
            !retryable ||
            !isRetryable({ code, message: '' })
          )
            break;
          response.readableStreamBody?.resume();
        }
        const wait =
          retryAfterMs(response ? { response } : lastThrown) ??
          backoffMs(attempts - 1, {
            maxTries: limits.maxAttempts,
            baseDelayMs: limits.retryDelayMs,
            maxDelayMs: limits.maxRetryDelayMs,
          });
        try {
          await sleep(wait, signal);
        } catch {
          failure = deadline.aborted
            ? {
                code: 'Timeout',
                message: `Gave up retrying after ${limits.operationTimeoutMs} ms (operation timeout).`,
              }
            : { code: 'Cancelled', message: 'Cancelled.' };
          response = undefined;
          lastThrown = new LakeFailure(failure);
          break;
        }
      }
      const status = response?.status ?? failure?.status;
      const azureCode = response?.headers.get('x-ms-error-code') ?? failure?.azureCode;
      const errorCode =
        failure?.code ??
        (status !== undefined && status >= 400 ? codeForStatus(status, azureCode) : undefined);
      const requestId = response?.headers.get('x-ms-request-id') ?? failure?.requestId;
      const bytes = bytesOf(request, response);
      const entry: StorageActivity = {
        id: clientRequestId,
        at: new Date(started).toISOString(),
        connection: observer.connection,
        ...where,
        method: request.method,
        url: scrubUrl(request.url),
        outcome: errorCode === 'Cancelled' ? 'cancelled' : errorCode ? 'failed' : 'ok',
        durationMs: Date.now() - started,
        attempts,
        ...(status !== undefined ? { status } : {}),
        ...(errorCode ? { errorCode } : {}),
        ...(azureCode ? { azureCode } : {}),
        ...(failure ? { message: redactSecrets(failure.message) } : {}),
        ...(requestId ? { requestId } : {}),
        clientRequestId,
        ...(bytes !== undefined ? { bytes } : {}),
      };
      span.setAttributes({
        attempts,
        ...(bytes !== undefined ? { bytes } : {}),
        ...(status !== undefined ? { 'http.response.status_code': status } : {}),
        ...(errorCode ? { 'error.class': errorCode } : {}),
        ...(requestId ? { 'az.service_request_id': requestId } : {}),
        'az.client_request_id': clientRequestId,
      });
      if (errorCode) span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode });
      span.end();
      observer.record(entry);
      recordOperationMetrics(entry);
      // The deadline's own error; otherwise what the SDK threw, unchanged (callers read its
      // statusCode, or its name AbortError when they cancelled).
      if (failure)
        throw failure.code === 'Timeout' && (deadline.aborted || isReadTimeout(lastThrown))
          ? new LakeFailure(failure)
          : lastThrown;
      return response!;
    },
  );
}

/** `observeStorageCall` as a core-rest-pipeline policy, for pipelines Lakeshore builds itself (the transfer engine's). */
export function storageCallPolicy(
  observer: StorageObserver,
  profile: RetryProfile,
  area?: ActivityArea,
): PipelinePolicy {
  return {
    name: 'lakeshoreStorageCall',
    sendRequest: (request, next) =>
      observeStorageCall(observer, profile, request as RequestLike, () => next(request), area),
  };
}

/**
 * `observeStorageCall` as a request policy factory (the form `@azure/storage-blob`'s and
 * `@azure/storage-file-datalake`'s `Pipeline.factories` take, run before the SDK's retry policy,
 * which is then given one try): see `newObservedPipeline` in accountAccess.
 */
export function storageCallPolicyFactory(observer: StorageObserver, profile: RetryProfile) {
  return {
    create: (nextPolicy: { sendRequest(request: unknown): Promise<ResponseLike> }) => ({
      sendRequest: (webResource: RequestLike) =>
        observeStorageCall(observer, profile, webResource, (r) => nextPolicy.sendRequest(r)),
    }),
  };
}

/**
 * `observer` with a connection's own timeouts and retries (`own`, each field optional) over
 * those it reads (the settings'), re-read at each request like them.
 */
export const withOwnNetwork = (
  observer: StorageObserver,
  own: Partial<NetworkSettings> | undefined,
): StorageObserver =>
  own && Object.keys(own).length > 0
    ? { ...observer, network: () => ({ ...observer.network(), ...own }) }
    : observer;

/** An observer that records nothing, with the default network settings (for code paths that have no activity log, e.g. tests). */
export const unobserved: StorageObserver = {
  connection: '',
  network: () => defaultNetworkSettings,
  record: () => undefined,
};

let processObserver: StorageObserver = unobserved;

/**
 * The observer of accounts opened without one (`openAccount`'s default): `unobserved` until a
 * process sets its own (the command line's run log, `startCliLog`). Returns the previous one.
 */
export function setProcessObserver(observer: StorageObserver): StorageObserver {
  const previous = processObserver;
  processObserver = observer;
  return previous;
}

/** The process's default observer (see `setProcessObserver`). */
export const processStorageObserver = (): StorageObserver => processObserver;
