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
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AccessCheck } from '../../../shared/contract/index.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { useCheckAccess, type PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  path: { overflowWrap: 'anywhere' },
});

/** ✓ or ✗ with words for screen readers. */
function Mark({ on, what }: { on: boolean; what: string }) {
  return (
    <span role="img" aria-label={`${what}: ${on ? 'yes' : 'no'}`}>
      {on ? '✓' : '✗'}
    </span>
  );
}

/** The verdict: reachable, or the first directory that lacks execute. */
function Verdict({
  check,
  principal,
  path,
}: {
  check: AccessCheck;
  principal: string;
  path: string;
}) {
  const blocked = check.steps.find((s) => !s.execute && s.path !== path);
  return (
    <MessageBar intent={check.reachable ? 'success' : 'error'}>
      <MessageBarBody>
        {check.reachable
          ? `${principal} can reach this path.`
          : `${principal} cannot reach this path${blocked ? `: no execute on ${blocked.path || '/ (the root)'}` : ''}.`}
      </MessageBarBody>
    </MessageBar>
  );
}

/** The dialog's form; mounted while the dialog is open, so each opening starts empty. */
function CheckAccessForm({ target, onClose }: { target: PropertiesTarget; onClose: () => void }) {
  const styles = useStyles();
  const [principal, setPrincipal] = useState('');
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const check = useCheckAccess(target);
  const submit = () =>
    principal.trim() && check.mutate({ principal: principal.trim(), principalKind: kind });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <DialogBody>
        <DialogTitle>Check access to {target.entry.path}</DialogTitle>
        <DialogContent className={styles.content}>
          <Caption1>
            To reach a path, a user or group needs execute (x) on every directory above it, from the
            container&apos;s root down; then read or write on the path itself.
          </Caption1>
          <Field label="User or group (object id or UPN)" required>
            <Input value={principal} onChange={(_, d) => setPrincipal(d.value)} />
          </Field>
          <RadioGroup
            aria-label="Kind"
            layout="horizontal"
            value={kind}
            onChange={(_, d) => setKind(d.value as 'user' | 'group')}
          >
            <Radio value="user" label="User" />
            <Radio value="group" label="Group" />
          </RadioGroup>
          {check.isPending && <Spinner size="tiny" label="Checking…" />}
          {check.isError && <ErrorNotice error={check.error} title="Could not check access" />}
          {check.isSuccess && (
            <>
              <Verdict
                check={check.data}
                principal={check.variables.principal}
                path={target.entry.path}
              />
              <Table size="small" aria-label="Access from the root down">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Path</TableHeaderCell>
                    <TableHeaderCell>Execute</TableHeaderCell>
                    <TableHeaderCell>Read</TableHeaderCell>
                    <TableHeaderCell>Write</TableHeaderCell>
                    <TableHeaderCell>Granted by</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {check.data.steps.map((s) => (
                    <TableRow key={s.path}>
                      <TableCell className={styles.path}>{s.path || '/'}</TableCell>
                      <TableCell>
                        <Mark on={s.execute} what="Execute" />
                      </TableCell>
                      <TableCell>
                        <Mark on={s.read} what="Read" />
                      </TableCell>
                      <TableCell>
                        <Mark on={s.write} what="Write" />
                      </TableCell>
                      <TableCell>{s.via}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button
            appearance="primary"
            type="submit"
            disabled={!principal.trim() || check.isPending}
          >
            Check
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}

/**
 * "Check access": whether a user or group (object id or UPN) can reach the path, shown for
 * each directory from the root down with ✓/✗ for execute, read and write.
 */
export function CheckAccessDialog({
  target,
  open,
  onClose,
}: {
  target: PropertiesTarget;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Check access">
        <CheckAccessForm target={target} onClose={onClose} />
      </DialogSurface>
    </Dialog>
  );
}
