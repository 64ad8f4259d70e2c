import { lookupUrl, type LookupAnswer, type Lookups } from './lookups.js';

/** One try of a write as the rules read it. */
export interface WriteTry {
  method: string;
  url: string;
  header(name: string): string | undefined;
  /** The request body after serialization (a string, a Buffer, a stream…). */
  body: unknown;
}

/** The answer a retry got: its status and headers. */
export interface RetryAnswer {
  status: number;
  header(name: string): string | undefined;
}

/** The success answer a confirmed write is given instead of the retry's error. */
export interface Confirmed {
  status: number;
  headers: Record<string, string>;
}

/** What a rule may use to confirm: lookups, and when the first try may have taken effect. */
export interface ConfirmContext {
  lookups: Lookups;
  /** The earliest time (ms, the service's clock) a change by the first try can carry. */
  sinceMs: number;
  /** What `prepare` found before the first try (`undefined` when it found nothing). */
  prepared: unknown;
}

/**
 * How one kind of non-idempotent write is recognised after a retry: a try of it went out and
 * got no answer (a network error, a timeout, a 5xx), the retry answered with the error its own
 * first try would cause (`ownEffectAnswers`), and `confirm` then checks that the state the
 * write asked for holds; if so, the write succeeded and the caller gets `Confirmed`.
 */
export interface WriteRule {
  /** The REST operation(s), as the reference names them. */
  operation: string;
  /** The REST reference page the rule follows. */
  reference: string;
  matches(write: WriteTry): boolean;
  /** Read before the first try what `confirm` compares with (the rename's source). */
  prepare?(write: WriteTry, lookups: Lookups): Promise<unknown>;
  ownEffectAnswers(answer: RetryAnswer): boolean;
  confirm(
    write: WriteTry,
    answer: RetryAnswer,
    context: ConfirmContext,
  ): Promise<Confirmed | undefined>;
}

const query = (w: WriteTry, name: string): string | null => new URL(w.url).searchParams.get(name);
const code = (a: RetryAnswer): string => a.header('x-ms-error-code') ?? '';
const modifiedSince = (l: LookupAnswer, sinceMs: number): boolean => {
  const at = Date.parse(l.header('last-modified') ?? '');
  return Number.isFinite(at) && at >= sinceMs;
};
const withoutQuery = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.origin}${decodeURIComponent(u.pathname)}`;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
};
/** ETag and Last-Modified of `l`, the headers every write's success answer carries. */
const stamped = (l: LookupAnswer): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const h of ['etag', 'last-modified']) {
    const v = l.header(h);
    if (v) out[h] = v;
  }
  return out;
};
const headOf = (w: WriteTry, c: ConfirmContext) =>
  c.lookups.head(lookupUrl(w.url, new URL(w.url).pathname));
/** The resource type a HEAD reports: DFS's x-ms-resource-type, else the folder marker. */
const kindOf = (l: LookupAnswer): 'directory' | 'file' =>
  (l.header('x-ms-resource-type') ??
    (l.header('x-ms-meta-hdi_isfolder') === 'true' ? 'directory' : 'file')) === 'directory'
    ? 'directory'
    : 'file';
const bodyBytes = (body: unknown): Buffer | undefined => {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.length);
  return undefined;
};
/** The `x-ms-meta-*` headers a write sent, lower-cased names. */
const metadataSent = (w: WriteTry, names: string[]): [string, string][] =>
  names.filter((n) => n.startsWith('x-ms-meta-')).map((n) => [n, w.header(n) ?? '']);
/** Header names of a write (rules read them through `header`; the policy passes the list). */
export interface WriteTryWithNames extends WriteTry {
  headerNames: string[];
}
const names = (w: WriteTry): string[] => (w as WriteTryWithNames).headerNames ?? [];
const conditional = (w: WriteTry): boolean =>
  w.header('if-none-match') !== undefined || w.header('if-match') !== undefined;

/**
 * Delete Blob, Delete Path (DFS), Delete Container, Delete Filesystem: a retry answered 404
 * (BlobNotFound, PathNotFound, ContainerNotFound, FilesystemNotFound) or 409
 * ContainerBeingDeleted finds the target gone, which is what the delete asked for; nothing
 * more to look at. (A flat folder's blobs go in a Blob Batch, whose 404 sub-answers
 * deletePaths already counts as gone.)
 */
const deleteRule: WriteRule = {
  operation: 'Delete Blob, Delete Path, Delete Container, Delete Filesystem',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/delete-blob',
  matches: (w) => w.method === 'DELETE',
  ownEffectAnswers: (a) =>
    a.status === 404 || (a.status === 409 && code(a) === 'ContainerBeingDeleted'),
  confirm: async () => ({ status: 202, headers: {} }),
};

/**
 * Copy Blob and Copy Blob From URL: a retry answered 409 (BlobAlreadyExists under
 * If-None-Match: *, PendingCopyOperation) or 412 is the first try's copy when the destination's
 * `x-ms-copy-source` is this copy's source (query left out), its copy status is success (or
 * pending, for the asynchronous Copy Blob; the caller polls it) and it was modified since the
 * first try. A blob that was there before, or copied from elsewhere, stays the conflict.
 */
const copyRule: WriteRule = {
  operation: 'Copy Blob, Copy Blob From URL',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/copy-blob',
  matches: (w) =>
    w.method === 'PUT' && w.header('x-ms-copy-source') !== undefined && query(w, 'comp') === null,
  ownEffectAnswers: (a) => a.status === 409 || a.status === 412,
  async confirm(w, _a, c) {
    const to = await headOf(w, c);
    const status = to.header('x-ms-copy-status');
    const sync = w.header('x-ms-requires-sync') === 'true';
    const ours =
      to.status === 200 &&
      withoutQuery(to.header('x-ms-copy-source') ?? '') ===
        withoutQuery(w.header('x-ms-copy-source') ?? '') &&
      (status === 'success' || (!sync && status === 'pending')) &&
      modifiedSince(to, c.sinceMs);
    if (!ours) return undefined;
    return {
      status: 202,
      headers: {
        ...stamped(to),
        'x-ms-copy-id': to.header('x-ms-copy-id') ?? '',
        'x-ms-copy-status': status!,
      },
    };
  },
};

/**
 * The path of a rename's destination. With IP-style URLs (an emulator's, `http://127.0.0.1:port/
 * <account>/…`) DataLakePathClient.move sends the rename to a URL without the account segment
 * while the rename source keeps it: the account is put back so a lookup names the path.
 */
function renameDestination(writeUrl: string, source: string): string {
  const url = new URL(writeUrl);
  const ipStyle = /^(\d+\.){3}\d+$|^\[.*\]$|^localhost$/.test(url.hostname);
  const account = source.split('/')[1] ?? '';
  if (!ipStyle || !account || url.pathname.startsWith(`/${account}/`)) return url.pathname;
  return `/${account}${url.pathname}`;
}

/**
 * Path - Create with `x-ms-rename-source` (DFS rename or move): a retry answered 404
 * SourcePathNotFound or 409 PathAlreadyExists (If-None-Match: * on the destination) is the first
 * try's move when the source is gone and the destination is a path of the kind and length the
 * source had before the first try (read by `prepare`).
 */
const renameRule: WriteRule = {
  operation: 'Path - Create (rename)',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create',
  matches: (w) => w.method === 'PUT' && w.header('x-ms-rename-source') !== undefined,
  async prepare(w, lookups) {
    const source = (w.header('x-ms-rename-source') ?? '').split('?')[0]!;
    const before = await lookups.head(lookupUrl(w.url, source));
    if (before.status !== 200) return undefined;
    return { source, kind: kindOf(before), length: before.header('content-length') ?? '0' };
  },
  ownEffectAnswers: (a) =>
    (a.status === 404 && code(a) === 'SourcePathNotFound') ||
    (a.status === 409 && code(a) === 'PathAlreadyExists'),
  async confirm(w, _a, c) {
    const before = c.prepared as { source: string; kind: string; length: string } | undefined;
    if (!before) return undefined;
    const [to, from] = await Promise.all([
      c.lookups.head(lookupUrl(w.url, renameDestination(w.url, before.source))),
      c.lookups.head(lookupUrl(w.url, before.source)),
    ]);
    const landed =
      to.status === 200 &&
      from.status === 404 &&
      kindOf(to) === before.kind &&
      (before.kind === 'directory' || (to.header('content-length') ?? '0') === before.length);
    return landed ? { status: 201, headers: { ...stamped(to), 'content-length': '0' } } : undefined;
  },
};

/**
 * Put Blob with If-None-Match: * or If-Match: a retry answered 409 BlobAlreadyExists or 412
 * holds the first try's blob when the blob there has its type, metadata and Content-MD5
 * (`x-ms-blob-content-md5` or `Content-MD5` as sent) or, without an MD5, its very bytes (read
 * back, for a body of at most 8 MiB), and was modified since the first try.
 */
const putBlobRule: WriteRule = {
  operation: 'Put Blob (conditional)',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/put-blob',
  matches: (w) =>
    w.method === 'PUT' &&
    w.header('x-ms-blob-type') !== undefined &&
    w.header('x-ms-copy-source') === undefined &&
    query(w, 'comp') === null &&
    conditional(w),
  ownEffectAnswers: (a) => a.status === 409 || a.status === 412,
  async confirm(w, _a, c) {
    const to = await headOf(w, c);
    if (to.status !== 200 || !modifiedSince(to, c.sinceMs)) return undefined;
    if (to.header('x-ms-blob-type') !== w.header('x-ms-blob-type')) return undefined;
    if (metadataSent(w, names(w)).some(([n, v]) => to.header(n) !== v)) return undefined;
    const md5 = w.header('x-ms-blob-content-md5') ?? w.header('content-md5');
    const bytes = bodyBytes(w.body);
    if (md5) {
      if (to.header('content-md5') !== md5) return undefined;
    } else {
      if (!bytes || bytes.length > 8 * 1024 * 1024) return undefined;
      if (to.header('content-length') !== String(bytes.length)) return undefined;
      if (bytes.length > 0) {
        const read = await c.lookups.get(lookupUrl(w.url, new URL(w.url).pathname));
        if (read.status !== 200 || !read.bytes.equals(bytes)) {
          return undefined;
        }
      }
    }
    const headers = stamped(to);
    if (md5) headers['content-md5'] = md5;
    return { status: 201, headers };
  },
};

const blockIdsSent = (body: unknown): string[] =>
  [...String(bodyBytes(body) ?? '').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(
    (m) => m[2]!,
  );

/**
 * Put Block List with If-None-Match: * or If-Match: a retry answered 409 BlobAlreadyExists or
 * 412 is the first try's commit when the blob's committed block list (Get Block List,
 * https://learn.microsoft.com/rest/api/storageservices/get-block-list) is exactly the ids sent,
 * in order, its Content-MD5 the one sent (if any), and it was modified since the first try.
 */
const commitRule: WriteRule = {
  operation: 'Put Block List (conditional)',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/put-block-list',
  matches: (w) => w.method === 'PUT' && query(w, 'comp') === 'blocklist' && conditional(w),
  ownEffectAnswers: (a) => a.status === 409 || a.status === 412,
  async confirm(w, _a, c) {
    const path = new URL(w.url).pathname;
    const list = await c.lookups.get(
      lookupUrl(w.url, path, 'comp=blocklist&blocklisttype=committed'),
    );
    if (list.status !== 200 || !modifiedSince(list, c.sinceMs)) return undefined;
    const committed = [...list.text.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1]!);
    if (committed.join('\n') !== blockIdsSent(w.body).join('\n')) return undefined;
    const md5 = w.header('x-ms-blob-content-md5');
    const to = await headOf(w, c);
    if (md5 && to.header('content-md5') !== md5) return undefined;
    return { status: 201, headers: stamped(to) };
  },
};

/**
 * Path - Create with `resource=file|directory` and If-None-Match: * (no rename source): a
 * retry answered 409 PathAlreadyExists holds the first try's path when the path there is of
 * that resource type (an empty file) and was modified since the first try.
 */
const createPathRule: WriteRule = {
  operation: 'Path - Create (file or directory)',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create',
  matches: (w) =>
    w.method === 'PUT' &&
    w.header('x-ms-rename-source') === undefined &&
    (query(w, 'resource') === 'file' || query(w, 'resource') === 'directory') &&
    w.header('if-none-match') === '*',
  ownEffectAnswers: (a) => a.status === 409,
  async confirm(w, _a, c) {
    const to = await headOf(w, c);
    const made =
      to.status === 200 &&
      kindOf(to) === query(w, 'resource') &&
      (kindOf(to) === 'directory' || to.header('content-length') === '0') &&
      modifiedSince(to, c.sinceMs);
    return made ? { status: 201, headers: { ...stamped(to), 'content-length': '0' } } : undefined;
  },
};

/**
 * Create Container and Filesystem - Create: a retry answered 409 ContainerAlreadyExists or
 * FilesystemAlreadyExists holds the first try's container when the container was modified
 * (created) since the first try.
 */
const createContainerRule: WriteRule = {
  operation: 'Create Container, Filesystem - Create',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/create-container',
  matches: (w) =>
    w.method === 'PUT' &&
    (query(w, 'restype') === 'container' || query(w, 'resource') === 'filesystem') &&
    query(w, 'comp') === null,
  ownEffectAnswers: (a) => a.status === 409 && /AlreadyExists$/.test(code(a)),
  async confirm(w, _a, c) {
    const to = await c.lookups.head(lookupUrl(w.url, new URL(w.url).pathname, 'restype=container'));
    return to.status === 200 && modifiedSince(to, c.sinceMs)
      ? { status: 201, headers: stamped(to) }
      : undefined;
  },
};

/** Request headers of Set Blob Properties and the Get Blob Properties header each becomes. */
const propertyHeaders: [string, string][] = [
  ['x-ms-blob-content-type', 'content-type'],
  ['x-ms-blob-content-encoding', 'content-encoding'],
  ['x-ms-blob-content-language', 'content-language'],
  ['x-ms-blob-content-disposition', 'content-disposition'],
  ['x-ms-blob-cache-control', 'cache-control'],
  ['x-ms-blob-content-md5', 'content-md5'],
];

/**
 * Set Blob Properties and Set Blob Metadata with If-Match: a retry answered 412 (the first try
 * changed the ETag) holds the first try's change when every property sent reads back as sent
 * (metadata: exactly the pairs sent) and the blob was modified since the first try.
 */
const setPropertiesRule: WriteRule = {
  operation: 'Set Blob Properties, Set Blob Metadata (If-Match)',
  reference: 'https://learn.microsoft.com/rest/api/storageservices/set-blob-properties',
  matches: (w) =>
    w.method === 'PUT' &&
    (query(w, 'comp') === 'properties' || query(w, 'comp') === 'metadata') &&
    query(w, 'restype') === null &&
    w.header('if-match') !== undefined,
  ownEffectAnswers: (a) => a.status === 412,
  async confirm(w, _a, c) {
    const to = await headOf(w, c);
    if (to.status !== 200 || !modifiedSince(to, c.sinceMs)) return undefined;
    if (query(w, 'comp') === 'properties') {
      const differs = propertyHeaders.some(
        ([sent, read]) => w.header(sent) !== undefined && to.header(read) !== w.header(sent),
      );
      return differs ? undefined : { status: 200, headers: stamped(to) };
    }
    const sent = metadataSent(w, names(w));
    const same = sent.every(([n, v]) => to.header(n) === v);
    return same ? { status: 200, headers: stamped(to) } : undefined;
  },
};

/**
 * The rule table: one row per kind of non-idempotent write. Writes not listed are idempotent
 * as Lakeshore sends them, so a retry after a lost answer simply applies them again: Put Blob
 * and Put Block List without conditions (the same bytes, the same committed list), Put Block
 * (https://learn.microsoft.com/rest/api/storageservices/put-block: the same id and bytes), Set
 * Access Control and Set Access Control Recursive without If-Match
 * (https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/update: the
 * same ACL again), Undelete Blob, Set Blob Tier, and Set Blob Metadata without conditions.
 */
export const writeRules: readonly WriteRule[] = [
  deleteRule,
  copyRule,
  renameRule,
  putBlobRule,
  commitRule,
  createPathRule,
  createContainerRule,
  setPropertiesRule,
];

/** The rule for `write`, or `undefined` for a read or an idempotent write. */
export const ruleFor = (write: WriteTry): WriteRule | undefined =>
  writeRules.find((r) => r.matches(write));
