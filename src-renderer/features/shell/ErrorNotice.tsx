import { Caption1, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorCode } from '../../../shared/contract/index.js';
import { LakeCallError } from '../../api/lakeCallError.js';

/**
 * What to do about each kind of failure, shown under the message. None for AuthFailed: its
 * messages already say what to check (the key or SAS, signing in again).
 */
export const errorHints: Partial<Record<ErrorCode, string>> = {
  PermissionDenied:
    'Ask for a role or SAS that allows this operation (for browsing: List and Read).',
  Unreachable: 'Check the account name or endpoint URL, and your network or proxy.',
  NotFound: 'It may have been deleted or renamed; refresh the parent folder.',
  Transient: 'The service is busy or the connection dropped. Try again.',
  Timeout: 'The request took too long. Try again; large folders list in pages.',
  InvalidInput: 'Correct the value it names and try again.',
};

/** A refusal of a signed-in identity that already names the data role to ask for (`missingDataRole`). */
const namesDataRole = /ask for the Storage Blob Data \w+ role/;

/**
 * The hint for `error`, unless its message already gives the same advice: AuthorizationFailure
 * (Azurite's answer to a wrong key) is explained as a key or SAS that may be wrong, expired or
 * short of permission, and a signed-in identity's refusal names the data role and its scope.
 */
export const hintFor = (error: LakeCallError): string | undefined =>
  error.azureCode === 'AuthorizationFailure' || namesDataRole.test(error.message)
    ? undefined
    : errorHints[error.code];

/** An error as a Fluent MessageBar (role=alert): message, code, a hint, and the request id for support. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const lake = error instanceof LakeCallError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const hint = lake ? hintFor(lake) : undefined;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {[title, lake?.code].filter(Boolean).join(': ') || 'Error'}
        </MessageBarTitle>{' '}
        {message}
        {hint ? <div>{hint}</div> : null}
        {lake?.requestId ? (
          <div>
            <Caption1>Request id: {lake.requestId}</Caption1>
          </div>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
