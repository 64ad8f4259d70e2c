import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AclChangeSummary, AclEntry } from '../../../shared/contract/index.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { formatAcl, parseAcl } from './aclText.js';
import {
  useRecursiveAcl,
  type PropertiesTarget,
  type RecursiveAclRequest,
} from './useProperties.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
});

type Mode = RecursiveAclRequest['mode'];

const modes: { mode: Mode; label: string; help: string }[] = [
  {
    mode: 'modify',
    label: 'Merge',
    help: 'Adds or updates these entries and keeps entries that exist only on children.',
  },
  {
    mode: 'remove',
    label: 'Remove these entries',
    help: 'Removes the named entries (permissions are ignored) from every path below.',
  },
  {
    mode: 'set',
    label: 'Replace whole ACLs',
    help: 'Destructive: every path below gets exactly this ACL; entries only children had are lost.',
  },
];

/** The ACL text a mode starts from: named entries to merge or remove, everything to replace. */
function initialText(mode: Mode, entries: readonly AclEntry[]): string {
  if (mode === 'set') return formatAcl(entries);
  const named = entries.filter((e) => e.id !== '');
  return mode === 'remove' ? formatAcl(named, false) : formatAcl(named.length ? named : entries);
}

/** Counts, examples (before → after) and failures of a dry run or a finished run. */
function SummaryView({ summary, dryRun }: { summary: AclChangeSummary; dryRun: boolean }) {
  const styles = useStyles();
  return (
    <div role="status" aria-label={dryRun ? 'Dry run result' : 'Result'}>
      <MessageBar intent={summary.failures.length ? 'warning' : 'success'}>
        <MessageBarBody>
          {dryRun ? 'Would change' : 'Changed'} {summary.changed} of {summary.directories}{' '}
          directories and {summary.files} files
          {summary.failures.length ? `; ${summary.failures.length} failed` : ''}.
        </MessageBarBody>
      </MessageBar>
      {summary.examples.length > 0 && (
        <>
          <Caption1>Examples (before → after)</Caption1>
          <ul className={styles.list} aria-label="Examples">
            {summary.examples.map((e) => (
              <li key={e.path}>
                <code>{e.path}</code>: <code>{e.before}</code> → <code>{e.after}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.failures.length > 0 && (
        <>
          <Caption1>Failures</Caption1>
          <ul className={styles.list} aria-label="Failures">
            {summary.failures.map((f) => (
              <li key={f.path}>
                <code>{f.path}</code>: {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The dialog's body; mounted while the dialog is open, so each opening starts from `entries`. */
function RecursiveAclBody({
  target,
  entries,
  run,
  onClose,
}: {
  target: PropertiesTarget;
  entries: readonly AclEntry[];
  run: ReturnType<typeof useRecursiveAcl>;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [mode, setMode] = useState<Mode>('modify');
  const [text, setText] = useState(() => initialText('modify', entries));
  const [cancelError, setCancelError] = useState<unknown>(undefined);
  let parseError: string | undefined;
  try {
    if (parseAcl(text).length === 0) parseError = 'Enter at least one entry';
  } catch (e) {
    parseError = (e as Error).message;
  }
  const running = run.isPending;
  const request = run.variables;
  const progress = run.progress;

  const start = (dryRun: boolean) => run.mutate({ mode, acl: text.trim(), dryRun });
  const cancel = () => run.cancel().catch(setCancelError);

  return (
    <DialogBody>
      <DialogTitle>Apply to all below {target.entry.path || target.container}</DialogTitle>
      <DialogContent className={styles.content}>
        <RadioGroup
          aria-label="Mode"
          value={mode}
          disabled={running}
          onChange={(_, d) => {
            setMode(d.value as Mode);
            setText(initialText(d.value as Mode, entries));
            run.reset();
          }}
        >
          {modes.map((m) => (
            <Radio key={m.mode} value={m.mode} label={`${m.label} — ${m.help}`} />
          ))}
        </RadioGroup>
        {mode === 'set' && (
          <MessageBar intent="warning">
            <MessageBarBody>
              Replacing whole ACLs is destructive: permissions granted only on children are removed.
              Run a dry run first.
            </MessageBarBody>
          </MessageBar>
        )}
        <Field
          label="Entries ([default:]type:id:rwx, comma-separated)"
          validationMessage={parseError}
        >
          <Textarea
            value={text}
            disabled={running}
            resize="vertical"
            onChange={(_, d) => {
              setText(d.value);
              run.reset();
            }}
          />
        </Field>
        {running && (
          <div role="status" aria-label="Progress">
            <ProgressBar value={progress?.total ? progress.done / progress.total : undefined} />
            <Caption1>
              {request?.dryRun ? 'Dry run: ' : ''}
              {progress?.done ?? 0}
              {progress?.total ? ` of ${progress.total}` : ''} paths{' '}
              {request?.dryRun ? 'checked' : 'updated'}
              {progress?.failures ? `, ${progress.failures} failed` : ''}
            </Caption1>
          </div>
        )}
        {run.isError && <ErrorNotice error={run.error} title="Could not update ACLs" />}
        {cancelError !== undefined && <ErrorNotice error={cancelError} title="Could not cancel" />}
        {run.isSuccess && request && <SummaryView summary={run.data} dryRun={request.dryRun} />}
        {!running && progress?.state === 'cancelled' && (
          <MessageBar intent="warning">
            <MessageBarBody>
              Cancelled after {progress.done} paths; paths already updated keep their new ACL.
            </MessageBarBody>
          </MessageBar>
        )}
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button onClick={cancel}>Cancel</Button>
        ) : (
          <Button onClick={onClose}>Close</Button>
        )}
        <Button disabled={running || !!parseError} onClick={() => start(true)}>
          Dry run
        </Button>
        <Button
          appearance="primary"
          disabled={running || !!parseError}
          onClick={() => start(false)}
        >
          Apply
        </Button>
      </DialogActions>
    </DialogBody>
  );
}

/**
 * "Apply to all below…": merges, removes or replaces ACL entries on a directory and everything
 * under it. A dry run says what would change; Apply shows progress and can be cancelled.
 * It stays open while a run is in progress.
 */
export function RecursiveAclDialog({
  target,
  entries,
  open,
  onClose,
}: {
  target: PropertiesTarget;
  entries: readonly AclEntry[];
  open: boolean;
  onClose: () => void;
}) {
  const run = useRecursiveAcl(target);
  const close = () => {
    if (run.isPending) return;
    run.reset();
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label="Apply access control to all below">
        <RecursiveAclBody target={target} entries={entries} run={run} onClose={close} />
      </DialogSurface>
    </Dialog>
  );
}
