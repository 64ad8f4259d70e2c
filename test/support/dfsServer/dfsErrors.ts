import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** The x-ms-version this server reports on its own responses. */
export const DFS_SERVICE_VERSION = '2025-01-05';

/**
 * An error answered as the Data Lake service does: HTTP status, `x-ms-error-code` header and
 * the JSON body `{"error":{"code":"...","message":"..."}}` (no body on HEAD).
 * Codes and messages follow the "Other Status Codes" lists of the Data Lake Storage Gen2 REST
 * reference, e.g. https://learn.microsoft.com/rest/api/storageservices/datalakestoragegen2/path/create
 */
export class DfsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DfsError';
  }
}

const err = (status: number, code: string, message: string) => (): DfsError =>
  new DfsError(status, code, message);

/** The documented errors this server produces. */
export const dfsErrors = {
  pathNotFound: err(404, 'PathNotFound', 'The specified path does not exist.'),
  filesystemNotFound: err(404, 'FilesystemNotFound', 'The specified filesystem does not exist.'),
  sourcePathNotFound: err(
    404,
    'SourcePathNotFound',
    'The source path for a rename operation does not exist.',
  ),
  renameDestinationParentPathNotFound: err(
    404,
    'RenameDestinationParentPathNotFound',
    'The parent directory of the destination path does not exist.',
  ),
  pathAlreadyExists: err(409, 'PathAlreadyExists', 'The specified path already exists.'),
  filesystemAlreadyExists: err(
    409,
    'FilesystemAlreadyExists',
    'The specified filesystem already exists.',
  ),
  pathConflict: err(
    409,
    'PathConflict',
    'The specified path, or an element of the path, exists and its resource type is invalid for this operation.',
  ),
  invalidDestinationPath: err(
    409,
    'InvalidDestinationPath',
    'The specified path, or an element of the path, exists and its resource type is invalid for this operation.',
  ),
  invalidRenameSourcePath: err(
    409,
    'InvalidRenameSourcePath',
    'The source directory cannot be the same as the destination directory, nor can the destination be a subdirectory of the source directory.',
  ),
  invalidSourceOrDestinationResourceType: err(
    409,
    'InvalidSourceOrDestinationResourceType',
    'The source and destination resource type must be identical.',
  ),
  directoryNotEmpty: err(
    409,
    'DirectoryNotEmpty',
    'The recursive query parameter value must be true to delete a non-empty directory.',
  ),
  destinationDirectoryNotEmpty: err(
    409,
    'DirectoryNotEmpty',
    'The destination directory of a rename operation is not empty.',
  ),
  conditionNotMet: err(
    412,
    'ConditionNotMet',
    'The condition specified using HTTP conditional header(s) is not met.',
  ),
  sourceConditionNotMet: err(
    412,
    'SourceConditionNotMet',
    'The source condition specified using HTTP conditional header(s) is not met.',
  ),
  invalidFlushPosition: err(
    400,
    'InvalidFlushPosition',
    'The uploaded data is not contiguous or the position query parameter value is not equal to the length of the file after appending the uploaded data.',
  ),
  invalidHeaderValue: err(
    400,
    'InvalidHeaderValue',
    'The value for one of the HTTP headers is not in the correct format.',
  ),
  invalidQueryParameterValue: err(
    400,
    'InvalidQueryParameterValue',
    'Value for one of the query parameters specified in the request URI is invalid.',
  ),
  invalidInput: err(400, 'InvalidInput', 'One of the request inputs is not valid.'),
  missingRequiredHeader: err(
    400,
    'MissingRequiredHeader',
    "An HTTP header that's mandatory for this request is not specified.",
  ),
  unsupportedHttpVerb: err(
    405,
    'UnsupportedHttpVerb',
    'The resource does not support the specified HTTP verb.',
  ),
  noAuthenticationInformation: err(
    401,
    'NoAuthenticationInformation',
    'Server failed to authenticate the request. Please refer to the information in the www-authenticate header.',
  ),
  authenticationFailed: err(
    403,
    'AuthenticationFailed',
    'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.',
  ),
  authorizationPermissionMismatch: err(
    403,
    'AuthorizationPermissionMismatch',
    'This request is not authorized to perform this operation using this permission.',
  ),
};

/** Headers every response of this server carries: request ids, version and date. */
export const baseHeaders = (requestHeaders: Record<string, unknown>): Record<string, string> => {
  const headers: Record<string, string> = {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': DFS_SERVICE_VERSION,
    date: new Date().toUTCString(),
    server: 'Lakeshore-test-DFS',
  };
  const clientRequestId = requestHeaders['x-ms-client-request-id'];
  if (typeof clientRequestId === 'string') headers['x-ms-client-request-id'] = clientRequestId;
  return headers;
};

/** Answers `error` (a DfsError, or anything else as 500 InternalError) on `res`. */
export const sendDfsError = (
  res: ServerResponse,
  method: string,
  requestHeaders: Record<string, unknown>,
  error: unknown,
): void => {
  const dfs =
    error instanceof DfsError
      ? error
      : new DfsError(500, 'InternalError', `Test DFS server failure: ${String(error)}`);
  const body =
    method === 'HEAD'
      ? ''
      : JSON.stringify({
          error: { code: dfs.code, message: `${dfs.message}\nRequestId:${randomUUID()}` },
        });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(dfs.status, {
    ...baseHeaders(requestHeaders),
    'x-ms-error-code': dfs.code,
    'content-type': 'application/json;charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
};

/** Answers a successful response with optional JSON body. */
export const sendDfs = (
  res: ServerResponse,
  status: number,
  requestHeaders: Record<string, unknown>,
  headers: Record<string, string | undefined>,
  json?: unknown,
): void => {
  const body = json === undefined ? '' : JSON.stringify(json);
  const out: Record<string, string> = { ...baseHeaders(requestHeaders) };
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  if (json !== undefined) out['content-type'] = 'application/json;charset=utf-8';
  if (out['content-length'] === undefined) out['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, out);
  res.end(body);
};
