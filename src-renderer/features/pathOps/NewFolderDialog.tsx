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
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { BrowseLocation } from '../shell/location.js';
import { usePathActions } from './usePathActions.js';
import { entryNameProblem } from './validateName.js';

/**
 * "New folder" in the location's directory: the name is checked as it is typed (no empty name,
 * "/", "." or "..", NUL) before anything is sent. On HNS accounts a real directory is created;
 * on flat ones a marker blob makes the folder show.
 */
export function NewFolderDialog({
  location,
  onClose,
}: {
  /** Where the folder goes; undefined: the dialog is closed. */
  location: BrowseLocation | undefined;
  /** Closed, with the new folder's name when one was created. */
  onClose: (created?: string) => void;
}) {
  const actions = usePathActions();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: (n: string) => actions.createFolder(location!, n),
  });
  const problem = entryNameProblem(name);
  const close = (created?: string) => {
    if (create.isPending) return;
    create.reset();
    setName('');
    setTouched(false);
    onClose(created);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem || !location) return;
    create.mutate(name, { onSuccess: () => close(name) });
  };
  return (
    <Dialog open={location !== undefined} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label="New folder">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>New folder</DialogTitle>
            <DialogContent>
              <Field
                label="Name"
                hint={location && `In ${location.container}/${location.directory}`}
                required
                validationMessage={touched ? problem : undefined}
              >
                <Input
                  value={name}
                  autoFocus
                  onChange={(_, d) => {
                    setName(d.value);
                    setTouched(true);
                  }}
                />
              </Field>
              {create.isError && (
                <ErrorNotice error={create.error} title="The folder was not created" />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => close()} disabled={create.isPending}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={create.isPending}>
                {create.isPending ? 'Creating…' : 'Create'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
