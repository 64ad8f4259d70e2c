import { containerNameProblem, containerNameRule } from '../../shared/contract/index.js';

/**
 * Parses the URL forms users paste or type for a storage location:
 * - `https://<account>.blob.core.windows.net/<container>/<path>` (also other clouds' suffixes)
 * - `https://<account>.dfs.core.windows.net/<filesystem>/<path>` (mapped to the blob endpoint)
 * - `abfss://<filesystem>@<account>.dfs.core.windows.net/<path>` (and `abfs://`)
 * - path-style URLs of emulators: `http://127.0.0.1:10000/devstoreaccount1/<container>/<path>`
 * Any of them may carry a SAS query (`?sv=…&sig=…`).
 */
export interface BlobLocation {
  accountName: string;
  /** Blob service endpoint without a query or trailing `/`, e.g. `https://acct.blob.core.windows.net` or `http://127.0.0.1:10000/devstoreaccount1`. */
  blobEndpoint: string;
  /** Absent when the URL names the account only. */
  container?: string;
  /** Path inside the container without leading or trailing `/`; `''` for the container root. */
  path: string;
  /** The query string without `?` (a SAS), `''` when none. */
  query: string;
}

/** An input that is not a storage URL Lakeshore understands; `message` says which form is expected. */
export class BlobUrlError extends Error {
  override name = 'BlobUrlError';
}

const pathStyleHost = (hostname: string): boolean =>
  hostname === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');

const trimSlashes = (s: string): string => s.replace(/^\/+|\/+$/g, '');

/** Containers whose names Azure reserves outside the usual rules: the root container, logs and the static website. */
const specialContainers = new Set(['$root', '$logs', '$web']);

/** A blob name is 1–1,024 characters; its `/`-separated path segments are at most 254 (REST "Naming and Referencing Containers, Blobs, and Metadata"). */
export const maxBlobNameLength = 1024;
export const maxPathSegments = 254;

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BlobUrlError(
      `"${segment}" has a "%" that does not start an escape such as %20: write %25 for a literal percent sign.`,
    );
  }
};

const decodeSegments = (p: string): string[] =>
  trimSlashes(p)
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeSegment);

const checkContainer = (container: string): string => {
  const problem = specialContainers.has(container) ? undefined : containerNameProblem(container);
  if (problem) {
    throw new BlobUrlError(
      `"${container}" is not a valid container name: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}. Container names are ${containerNameRule}.`,
    );
  }
  return container;
};

const number = (n: number) => n.toLocaleString('en-US');

const checkPath = (segments: string[]): string => {
  const path = segments.join('/');
  if (path.length > maxBlobNameLength) {
    throw new BlobUrlError(
      `A blob name can be at most ${number(maxBlobNameLength)} characters; this one has ${number(path.length)}.`,
    );
  }
  if (segments.length > maxPathSegments) {
    throw new BlobUrlError(
      `A blob name can have at most ${maxPathSegments} path segments (the parts between "/"); this one has ${number(segments.length)}.`,
    );
  }
  return path;
};

/**
 * Parses `input` into a `BlobLocation`. Throws `BlobUrlError` for anything else (a bare path,
 * an unknown scheme, a host that is not a storage endpoint, a missing account segment on a
 * path-style URL, a bare `%` that is not an escape, a container name outside Azure's rules other
 * than `$root`, `$logs` and `$web`, a blob name over 1,024 characters or 254 path segments).
 */
export function parseBlobUrl(input: string): BlobLocation {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BlobUrlError(
      `Not a URL: "${input}". Use https://<account>.blob.core.windows.net/<container>/<path> or abfss://<container>@<account>.dfs.core.windows.net/<path>`,
    );
  }
  const query = url.search.replace(/^\?/, '');
  if (url.protocol === 'abfss:' || url.protocol === 'abfs:') {
    const [account, ...suffix] = url.hostname.split('.');
    if (!url.username || !account || suffix[0] !== 'dfs') {
      throw new BlobUrlError(
        `Expected abfss://<container>@<account>.dfs.<suffix>/<path>, got "${input}"`,
      );
    }
    const scheme = url.protocol === 'abfss:' ? 'https' : 'http';
    return {
      accountName: account,
      blobEndpoint: `${scheme}://${account}.blob.${suffix.slice(1).join('.')}`,
      container: checkContainer(decodeSegment(url.username)),
      path: checkPath(decodeSegments(url.pathname)),
      query,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BlobUrlError(
      `Unsupported scheme "${url.protocol}" in "${input}"; use https://, http:// (emulator) or abfss://`,
    );
  }
  const segments = decodeSegments(url.pathname);
  if (pathStyleHost(url.hostname)) {
    const [account, container, ...rest] = segments;
    if (!account)
      throw new BlobUrlError(
        `An emulator URL names the account first: http://127.0.0.1:10000/devstoreaccount1/<container>, got "${input}"`,
      );
    return {
      accountName: account,
      blobEndpoint: `${url.protocol}//${url.host}/${account}`,
      ...(container ? { container: checkContainer(container) } : {}),
      path: checkPath(rest),
      query,
    };
  }
  const [account, service, ...suffix] = url.hostname.split('.');
  if (!account || (service !== 'blob' && service !== 'dfs') || suffix.length === 0) {
    throw new BlobUrlError(
      `Not a storage endpoint: "${url.hostname}". Expected <account>.blob.core.windows.net or <account>.dfs.core.windows.net`,
    );
  }
  const [container, ...rest] = segments;
  return {
    accountName: account,
    blobEndpoint: `${url.protocol}//${account}.blob.${suffix.join('.')}${url.port ? `:${url.port}` : ''}`,
    ...(container ? { container: checkContainer(container) } : {}),
    path: checkPath(rest),
    query,
  };
}
