import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { AccessControl, AclEntry } from '../../../shared/contract/index.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import {
  aclProblems,
  formatAcl,
  formatAclEntry,
  hasPermission,
  togglePermission,
  type PermissionBit,
} from './aclText.js';
import { CheckAccessDialog } from './CheckAccessDialog.js';
import { RecursiveAclDialog } from './RecursiveAclDialog.js';
import { useSetAccessControl, type PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  owners: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalS },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  // The table's layout is fixed and the Id column takes what the others leave (each cell has
  // 16 px of padding): in the Properties panel (about 450 px at 1024x640) they took it all, the
  // Id column 18 px wide and its header under "r". The table keeps at least 140 px for Id and
  // scrolls sideways in a panel narrower than that.
  entries: { overflowX: 'auto' },
  table: { minWidth: '540px' },
  select: { width: '96px' },
  bit: { width: '28px' },
  fill: { width: '100%', minWidth: 0 },
  remove: { width: '28px' },
  problems: { margin: 0, color: tokens.colorPaletteRedForeground1 },
});

type Row = AclEntry & { key: string };
/** Which dialog is open; Apply to all below starts from the entries shown when it opened. */
type OpenDialog = { kind: 'recursive'; entries: AclEntry[] } | { kind: 'check' } | undefined;
const bits: { bit: PermissionBit; name: string }[] = [
  { bit: 'r', name: 'Read' },
  { bit: 'w', name: 'Write' },
  { bit: 'x', name: 'Execute' },
];

/** The form, remounted (key) whenever the access control is read again. */
function AccessControlForm({
  target,
  accessControl,
  save,
  onDialog,
}: {
  target: PropertiesTarget;
  accessControl: AccessControl;
  save: ReturnType<typeof useSetAccessControl>;
  onDialog: (dialog: OpenDialog) => void;
}) {
  const styles = useStyles();
  const isDirectory = target.entry.kind === 'directory';
  const [owner, setOwner] = useState(accessControl.owner);
  const [group, setGroup] = useState(accessControl.group);
  const [rows, setRows] = useState<Row[]>(() =>
    accessControl.acl.map((e, i) => ({ ...e, key: `e${i}` })),
  );
  const nextKey = useRef(0);
  const entries: AclEntry[] = rows.map(({ key: _key, ...entry }) => entry);
  const problems = aclProblems(entries, true);
  const acl = formatAcl(entries);
  const aclChanged = acl !== formatAcl(accessControl.acl);
  const changed = aclChanged || owner !== accessControl.owner || group !== accessControl.group;

  const update = (key: string, change: Partial<AclEntry>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => {
    nextKey.current += 1;
    setRows((all) => [
      ...all,
      { key: `new${nextKey.current}`, scope: 'access', type: 'user', id: '', permissions: 'r-x' },
    ]);
  };
  const submit = () =>
    save.mutate({
      ...(owner !== accessControl.owner && owner.trim() ? { owner: owner.trim() } : {}),
      ...(group !== accessControl.group && group.trim() ? { group: group.trim() } : {}),
      ...(aclChanged ? { acl } : {}),
    });

  return (
    <div className={styles.root}>
      <div className={styles.owners}>
        <Field label="Owner">
          <Input value={owner} onChange={(_, d) => setOwner(d.value)} />
        </Field>
        <Field label="Owning group">
          <Input value={group} onChange={(_, d) => setGroup(d.value)} />
        </Field>
      </div>
      <Caption1>
        Permissions: <code>{accessControl.permissions}</code>
        {accessControl.permissions.endsWith('+') ? ' (with an extended ACL)' : ''}. An empty id
        means the owning user or group; default entries (directories) are what new children inherit.
      </Caption1>
      <div className={styles.entries}>
        <Table size="small" aria-label="ACL entries" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.select}>Scope</TableHeaderCell>
              <TableHeaderCell className={styles.select}>Type</TableHeaderCell>
              <TableHeaderCell>Id</TableHeaderCell>
              {bits.map((b) => (
                <TableHeaderCell key={b.bit} className={styles.bit}>
                  {b.bit}
                </TableHeaderCell>
              ))}
              <TableHeaderCell className={styles.remove} aria-label="Remove" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, i) => {
              const label = formatAclEntry({ scope: row.scope, type: row.type, id: row.id });
              const noId = row.type === 'mask' || row.type === 'other';
              return (
                <TableRow key={row.key}>
                  <TableCell>
                    <Select
                      aria-label={`Scope of entry ${i + 1}`}
                      className={styles.fill}
                      value={row.scope}
                      disabled={!isDirectory}
                      onChange={(_, d) => update(row.key, { scope: d.value as AclEntry['scope'] })}
                    >
                      <option value="access">access</option>
                      <option value="default">default</option>
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Select
                      aria-label={`Type of entry ${i + 1}`}
                      className={styles.fill}
                      value={row.type}
                      onChange={(_, d) => {
                        const type = d.value as AclEntry['type'];
                        update(
                          row.key,
                          type === 'mask' || type === 'other' ? { type, id: '' } : { type },
                        );
                      }}
                    >
                      <option value="user">user</option>
                      <option value="group">group</option>
                      <option value="mask">mask</option>
                      <option value="other">other</option>
                    </Select>
                  </TableCell>
                  <TableCell>
                    <Input
                      aria-label={`Id of entry ${i + 1}`}
                      className={styles.fill}
                      placeholder={noId ? '' : `owning ${row.type}`}
                      value={row.id}
                      disabled={noId}
                      onChange={(_, d) => update(row.key, { id: d.value.trim() })}
                    />
                  </TableCell>
                  {bits.map((b) => (
                    <TableCell key={b.bit}>
                      <Checkbox
                        aria-label={`${b.name} for ${label}`}
                        checked={hasPermission(row.permissions, b.bit)}
                        onChange={(_, d) =>
                          update(row.key, {
                            permissions: togglePermission(
                              row.permissions,
                              b.bit,
                              d.checked === true,
                            ),
                          })
                        }
                      />
                    </TableCell>
                  ))}
                  <TableCell>
                    <Button
                      appearance="subtle"
                      icon={<DeleteRegular />}
                      aria-label={`Remove entry ${label}`}
                      onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                    />
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      {problems.length > 0 && (
        <ul className={styles.problems} aria-label="ACL problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className={styles.actions}>
        <Button icon={<AddRegular />} onClick={addRow}>
          Add entry
        </Button>
        <Button
          appearance="primary"
          disabled={!changed || problems.length > 0 || save.isPending}
          onClick={submit}
        >
          Save access control
        </Button>
        {isDirectory && (
          <Button onClick={() => onDialog({ kind: 'recursive', entries })}>
            Apply to all below…
          </Button>
        )}
        <Button onClick={() => onDialog({ kind: 'check' })}>Check access…</Button>
        {save.isPending && <Spinner size="tiny" label="Saving…" />}
      </div>
    </div>
  );
}

/**
 * The "Access control" section of an HNS path: owner, owning group, permissions and the ACL
 * as a table (scope, type, id, r/w/x), saved with `paths.setAccessControl`; for directories,
 * "Apply to all below…"; and "Check access…" for a user or group.
 */
export function AccessControlEditor({
  target,
  accessControl,
}: {
  target: PropertiesTarget;
  accessControl: AccessControl;
}) {
  const save = useSetAccessControl(target);
  // The dialogs live outside the form: the form remounts when the ACL is read again, as after
  // a recursive run, and an open Fluent dialog must not unmount.
  const [dialog, setDialog] = useState<OpenDialog>(undefined);
  // The outcome shows below the table: bring it into a short pane's view (as at 1024x640).
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (save.isError || save.isSuccess) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [save.isError, save.isSuccess]);
  return (
    <section aria-label="Access control">
      <Subtitle2 as="h3">Access control</Subtitle2>
      <AccessControlForm
        key={`${accessControl.owner}|${accessControl.group}|${formatAcl(accessControl.acl)}`}
        target={target}
        accessControl={accessControl}
        save={save}
        onDialog={setDialog}
      />
      {target.entry.kind === 'directory' && (
        <RecursiveAclDialog
          target={target}
          entries={dialog?.kind === 'recursive' ? dialog.entries : []}
          open={dialog?.kind === 'recursive'}
          onClose={() => setDialog(undefined)}
        />
      )}
      <CheckAccessDialog
        target={target}
        open={dialog?.kind === 'check'}
        onClose={() => setDialog(undefined)}
      />
      <div ref={outcome}>
        {save.isError && <ErrorNotice error={save.error} title="Could not save access control" />}
        {save.isSuccess && (
          <MessageBar intent="success">
            <MessageBarBody>Access control saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
}
