import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
} from '@fluentui/react-components';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { queryKeys, useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { containerNameProblem, containerNameRule } from './validateName.js';
import { DestructiveButton } from '../shell/DestructiveButton.js';

/** A connection, as the container dialogs name it. */
export interface ConnectionRef {
  id: string;
  name: string;
}

/** A container of a connection. */
export interface ContainerRef {
  connection: ConnectionRef;
  container: string;
}

/**
 * "New container" on a connection: the name is checked against Azure's rule as it is typed
 * (the rule shows under the field), then `containers.create`; the connection's container list
 * refreshes.
 */
export function NewContainerDialog({
  connection,
  onClose,
}: {
  connection: ConnectionRef | undefined;
  onClose: () => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: async (n: string) =>
      unwrap(
        await client.call('containers.create', { connectionId: connection!.id, container: n }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.containers(connection!.id) }),
  });
  const problem = containerNameProblem(name);
  const close = () => {
    if (create.isPending) return;
    create.reset();
    setName('');
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) create.mutate(name, { onSuccess: close });
  };
  return (
    <Dialog open={connection !== undefined} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label="New container">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>New container in {connection?.name}</DialogTitle>
            <DialogContent>
              <Field
                label="Container name"
                required
                hint={containerNameRule}
                validationMessage={name === '' ? undefined : problem}
              >
                <Input value={name} autoFocus onChange={(_, d) => setName(d.value)} />
              </Field>
              {create.isError && (
                <ErrorNotice error={create.error} title="The container was not created" />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={close} disabled={create.isPending}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={!!problem || create.isPending}>
                {create.isPending ? 'Creating…' : 'Create'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * "Delete container…": everything in it goes, so the name must be typed exactly before Delete
 * is enabled. Errors (a lease on the container, no permission) show in the dialog.
 */
export function DeleteContainerDialog({
  target,
  onClose,
}: {
  target: ContainerRef | undefined;
  /** Closed; `deleted` when the container was deleted. */
  onClose: (deleted: boolean) => void;
}) {
  const client = useClient();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: async (t: ContainerRef) =>
      unwrap(
        await client.call('containers.delete', {
          connectionId: t.connection.id,
          container: t.container,
          confirmName: typed,
        }),
      ),
    onSettled: (_, __, t) =>
      queryClient.invalidateQueries({ queryKey: queryKeys.containers(t.connection.id) }),
  });
  const close = (deleted: boolean) => {
    if (remove.isPending) return;
    remove.reset();
    setTyped('');
    onClose(deleted);
  };
  const matches = target !== undefined && typed === target.container;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (matches) remove.mutate(target, { onSuccess: () => close(true) });
  };
  return (
    <Dialog open={target !== undefined} onOpenChange={(_, d) => !d.open && close(false)}>
      <DialogSurface aria-label="Delete container">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Delete container “{target?.container}”?</DialogTitle>
            <DialogContent>
              <p>
                The container and every file in it will be deleted from {target?.connection.name}. A
                container of the same name cannot be created again for a while after.
              </p>
              <Field label={`Type “${target?.container ?? ''}” to confirm`} required>
                <Input value={typed} autoFocus onChange={(_, d) => setTyped(d.value)} />
              </Field>
              {remove.isError && (
                <ErrorNotice error={remove.error} title="The container was not deleted" />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => close(false)} disabled={remove.isPending}>
                Cancel
              </Button>
              <DestructiveButton type="submit" disabled={!matches || remove.isPending}>
                {remove.isPending ? 'Deleting…' : 'Delete container'}
              </DestructiveButton>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
