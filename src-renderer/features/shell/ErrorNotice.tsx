import { Caption1, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { ErrorCode } from '../../../shared/contract/index.js';
import { LakeCallError } from '../../api/lakeCallError.js';

/** What to do about each kind of failure, shown under the message. */
export const errorHints: Partial<Record<ErrorCode, string>> = {
  AuthFailed: 'Check the account key or SAS. A SAS may have expired: generate a new one.',
  PermissionDenied:
    'Ask for a role or SAS that allows this operation (for browsing: List and Read).',
  Unreachable: 'Check the account name or endpoint URL, and your network or proxy.',
  NotFound: 'It may have been deleted or renamed; refresh the parent folder.',
  Transient: 'The service is busy or the connection dropped. Try again.',
  Timeout: 'The request took too long. Try again; large folders list in pages.',
  InvalidInput: 'Correct the highlighted value and try again.',
};

/** An error as a Fluent MessageBar (role=alert): message, code, a hint, and the request id for support. */
export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const lake = error instanceof LakeCallError ? error : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const hint = lake ? errorHints[lake.code] : undefined;
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {[title, lake?.code].filter(Boolean).join(': ') || 'Error'}
        </MessageBarTitle>{' '}
        {message}
        {hint ? <div>{hint}</div> : null}
        {lake?.requestId ? <Caption1>Request id: {lake.requestId}</Caption1> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
