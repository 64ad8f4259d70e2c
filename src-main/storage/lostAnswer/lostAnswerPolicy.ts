import { toCompatResponse } from '@azure/core-http-compat';
import type { PipelinePolicy, PipelineResponse } from '@azure/core-rest-pipeline';
import type { StorageObserver } from '../../observability/storageCallPolicy.js';
import { createLookups, isSasParameter, type LookupCredential, type Lookups } from './lookups.js';
import { ruleFor, type Confirmed, type WriteTryWithNames } from './writeRules.js';

/** The subset of a core-rest-pipeline `PipelineRequest` and a compat `WebResourceLike` the policy reads. */
interface RequestLike {
  url: string;
  method: string;
  headers: { get(name: string): string | undefined };
  body?: unknown;
}

/** The subset of a `PipelineResponse` and a compat `HttpOperationResponse` the policy reads and rewrites. */
interface ResponseLike {
  status: number;
  headers: {
    get(name: string): string | undefined;
    set(name: string, value: string): void;
  };
  bodyAsText?: string | null;
}

/** A write's try that got no answer: when the earliest such try started, and what `prepare` read. */
interface Unanswered {
  startedAt: number;
  prepared: unknown;
}

/** How long an unanswered try is remembered (ms): longer than any operation's deadline and retries. */
const rememberMs = 15 * 60_000;
/** At most this many unanswered writes are remembered (the oldest forgotten first). */
const rememberAtMost = 5_000;
/** Last-Modified has a resolution of one second; the window starts that much earlier, and once more for the rounding of `Date`. */
const clockSlackMs = 2_000;

/**
 * Unanswered writes by `keyOf`, for the whole process: a retry may be a new request (the
 * transfer engine retries a block or a commit itself) on another pipeline of the same account.
 */
const unanswered = new Map<string, Unanswered>();
const prepared = new WeakMap<object, unknown>();

/** The write's method, resource and operation parameters (a SAS and `timeout` left out). */
function keyOf(request: RequestLike): string {
  const url = new URL(request.url);
  const params = [...url.searchParams].filter(([k]) => !isSasParameter(k) && k !== 'timeout');
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${request.method} ${url.origin}${url.pathname}?${new URLSearchParams(params).toString()}`;
}

function remember(key: string, startedAt: number, found: unknown): void {
  const earlier = unanswered.get(key);
  unanswered.delete(key);
  unanswered.set(key, {
    startedAt: Math.min(startedAt, earlier?.startedAt ?? startedAt),
    prepared: earlier?.prepared ?? found,
  });
  if (unanswered.size > rememberAtMost) unanswered.delete(unanswered.keys().next().value!);
}

function recall(key: string): Unanswered | undefined {
  const entry = unanswered.get(key);
  if (entry && Date.now() - entry.startedAt > rememberMs) {
    unanswered.delete(key);
    return undefined;
  }
  return entry;
}

/** Header names of a core `HttpHeaders` (iterable) or a compat `HttpHeadersLike` (headersArray), lower case. */
function headerNames(headers: unknown): string[] {
  const h = headers as {
    [Symbol.iterator]?: () => Iterator<[string, string]>;
    headersArray?: () => { name: string }[];
  };
  if (typeof h.headersArray === 'function')
    return h.headersArray().map((x) => x.name.toLowerCase());
  if (typeof h[Symbol.iterator] === 'function') {
    return [...(h as Iterable<[string, string]>)].map(([n]) => n.toLowerCase());
  }
  return [];
}

function removeHeader(headers: ResponseLike['headers'], name: string): void {
  const h = headers as { delete?: (n: string) => void; remove?: (n: string) => void };
  if (typeof h.delete === 'function') h.delete(name);
  else if (typeof h.remove === 'function') h.remove(name);
}

/** The answer a thrown error carries: the SDK's deserializer (inside this policy) throws a `RestError` with the response for an error status. */
function answerIn(thrown: unknown): ResponseLike | undefined {
  const response = (thrown as { response?: ResponseLike } | undefined)?.response;
  return response && typeof response.status === 'number' && response.headers ? response : undefined;
}

/**
 * The headers of `confirmed` as the SDK's deserializer names them (`parsedHeaders`), since the
 * answer is rewritten after the deserializer threw: what callers read of a write's result.
 */
function parsedHeadersOf(confirmed: Confirmed, response: ResponseLike): Record<string, unknown> {
  const h = confirmed.headers;
  const date = (v: string | undefined) => (v ? new Date(v) : undefined);
  const md5 = h['content-md5'];
  return {
    requestId: response.headers.get('x-ms-request-id'),
    clientRequestId: response.headers.get('x-ms-client-request-id'),
    version: response.headers.get('x-ms-version'),
    date: date(response.headers.get('date')),
    etag: h.etag,
    lastModified: date(h['last-modified']),
    ...(md5 ? { contentMD5: new Uint8Array(Buffer.from(md5, 'base64')) } : {}),
    ...(h['x-ms-copy-id'] ? { copyId: h['x-ms-copy-id'] } : {}),
    ...(h['x-ms-copy-status'] ? { copyStatus: h['x-ms-copy-status'] } : {}),
  };
}

/** Turns the retry's error answer into the success the first try would have answered. */
function answerAsConfirmed(response: ResponseLike, confirmed: Confirmed): void {
  response.status = confirmed.status;
  for (const name of ['x-ms-error-code', 'content-type', 'content-length']) {
    removeHeader(response.headers, name);
  }
  for (const [name, value] of Object.entries(confirmed.headers)) response.headers.set(name, value);
  response.bodyAsText = undefined;
  (response as { parsedHeaders?: unknown }).parsedHeaders = parsedHeadersOf(confirmed, response);
  delete (response as { parsedBody?: unknown }).parsedBody;
}

const noAnswer = (status: number): boolean => status >= 500 || status === 408;

/**
 * Sends one try of `request` through `next`, and makes a non-idempotent write safe to retry
 * when an earlier try's answer was lost: a try that threw without an answer (a reset, a
 * timeout) or answered 408 or 5xx may still have taken effect, so it is remembered; when a
 * later try of the same write (same method, resource and operation; the same request retried by
 * `observeStorageCall`, or a new one from the transfer engine's own retries) answers with the
 * error that first try's effect would cause, the write's rule (`writeRules`, one per operation
 * kind with its REST page) checks with read-only lookups that the state the write asked for
 * holds, and if it does the error answer is replaced by the success answer (status, ETag,
 * Last-Modified, copy id…; `asReturned` gives it the caller's shape), so the SDK and the caller
 * see the write succeed. Anything else is passed on unchanged, so a real conflict stays one. A
 * rule's `prepare` (the rename's source) runs once before the first try. Reads and idempotent
 * writes pass straight through.
 */
export async function confirmLostAnswer<R>(
  lookups: Lookups,
  request: RequestLike,
  next: (request: RequestLike) => Promise<R>,
  asReturned: (answer: ResponseLike) => R,
): Promise<R> {
  if (request.method === 'GET' || request.method === 'HEAD') return next(request);
  const write: WriteTryWithNames = {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name) ?? undefined,
    body: request.body,
    headerNames: headerNames(request.headers),
  };
  const rule = ruleFor(write);
  if (!rule) return next(request);
  const key = keyOf(request);
  if (rule.prepare && !prepared.has(request)) {
    const earlier = recall(key)?.prepared;
    prepared.set(request, earlier ?? (await rule.prepare(write, lookups).catch(() => undefined)));
  }
  const found = prepared.get(request);
  const startedAt = Date.now();
  let returned: R | undefined;
  let thrown: unknown;
  let answer: ResponseLike | undefined;
  try {
    returned = await next(request);
    answer = returned as ResponseLike;
  } catch (e) {
    thrown = e;
    answer = answerIn(e);
  }
  const settle = (): R => {
    if (thrown !== undefined) throw thrown;
    return returned!;
  };
  if (!answer || noAnswer(answer.status)) {
    remember(key, startedAt, found);
    return settle();
  }
  const earlier = recall(key);
  unanswered.delete(key);
  const seen = { status: answer.status, header: (n: string) => answer.headers.get(n) ?? undefined };
  if (!earlier || answer.status < 400 || !rule.ownEffectAnswers(seen)) return settle();
  const serverNow = Date.parse(answer.headers.get('date') ?? '');
  const elapsed = Date.now() - earlier.startedAt;
  const sinceMs = (Number.isFinite(serverNow) ? serverNow : Date.now()) - elapsed - clockSlackMs;
  const confirmed = await rule
    .confirm(write, seen, { lookups, sinceMs, prepared: earlier.prepared ?? found })
    .catch(() => undefined);
  if (!confirmed) return settle();
  answerAsConfirmed(answer, confirmed);
  return thrown !== undefined ? asReturned(answer) : returned!;
}

/**
 * `confirmLostAnswer` as a core-rest-pipeline policy, for pipelines Lakeshore builds itself (the
 * transfer engine's): add it after `storageCallPolicy`, so it sees each try. Lookups are signed
 * with `credential` and recorded through `observer`.
 */
export function lostAnswerPolicy(
  credential: LookupCredential,
  observer: StorageObserver,
): PipelinePolicy {
  const lookups = createLookups(credential, observer);
  return {
    name: 'lakeshoreLostAnswer',
    sendRequest: (request, next) =>
      confirmLostAnswer(
        lookups,
        request as RequestLike,
        () => next(request),
        (answer) => answer as PipelineResponse,
      ),
  };
}

/**
 * `confirmLostAnswer` as a request policy factory (the form `@azure/storage-blob`'s and
 * `@azure/storage-file-datalake`'s `Pipeline.factories` take): push it after
 * `storageCallPolicyFactory`, so it runs inside that policy's retries, once per try.
 */
export function lostAnswerPolicyFactory(credential: LookupCredential, observer: StorageObserver) {
  const lookups = createLookups(credential, observer);
  return {
    create: (nextPolicy: { sendRequest(request: unknown): Promise<ResponseLike> }) => ({
      sendRequest: (webResource: RequestLike) =>
        confirmLostAnswer(
          lookups,
          webResource,
          (r) => nextPolicy.sendRequest(r),
          // The deserializer threw with the core response: hand it back as the compat layer's.
          (answer) => toCompatResponse(answer as never, { createProxy: true }) as never,
        ),
    }),
  };
}
