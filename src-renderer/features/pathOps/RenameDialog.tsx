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
import type { PathEntry } from '../../../shared/contract/index.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { BrowseLocation } from '../shell/location.js';
import { OperationStatus } from './OperationStatus.js';
import { newOperationId, useOperationProgress } from './useOperations.js';
import { usePathActions } from './usePathActions.js';
import { moveProblem, resolveDestination } from './validateName.js';

/** An entry to rename and the directory the list shows it in. */
export interface RenameTarget {
  location: BrowseLocation;
  entry: PathEntry;
}

/** Selects the name without its extension, as file managers do, so typing replaces only that. */
const selectBaseName = (input: HTMLInputElement | null) => {
  if (!input) return;
  const dot = input.value.lastIndexOf('.');
  input.setSelectionRange(0, dot > 0 ? dot : input.value.length);
};

/**
 * Rename or move (F2): the field starts with the name; a new name renames in place, a path with
 * "/" moves (relative to the shown directory, or from the container root with a leading "/").
 * Moving a folder into itself is refused before any call. On HNS accounts the move is one
 * atomic rename; on flat ones every blob is copied then deleted, with progress and Cancel here
 * and in the Transfers panel ("Run in background" closes the dialog and lets it go on).
 */
export function RenameDialog({
  target,
  onClose,
}: {
  target: RenameTarget | undefined;
  /** Closed; with the new full path when the move completed. */
  onClose: (movedTo?: string) => void;
}) {
  const actions = usePathActions();
  const [input, setInput] = useState<string>();
  const [operationId, setOperationId] = useState<string>();
  const progress = useOperationProgress(operationId);
  const move = useMutation({
    mutationFn: ({ destination, id }: { destination: string; id: string }) =>
      actions.move(target!.location, target!.entry, destination, id),
  });
  const text = input ?? target?.entry.name ?? '';
  const resolved = target ? resolveDestination(target.location.directory, text) : undefined;
  const problem = !resolved
    ? undefined
    : 'problem' in resolved
      ? resolved.problem
      : moveProblem(target!.entry, resolved.path);
  const close = (movedTo?: string) => {
    move.reset();
    setInput(undefined);
    setOperationId(undefined);
    onClose(movedTo);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!resolved || !('path' in resolved) || problem || move.isPending) return;
    const id = newOperationId();
    setOperationId(id);
    const destination = resolved.path;
    move.mutate({ destination, id }, { onSuccess: () => close(destination) });
  };
  const changed = input !== undefined && input !== target?.entry.name;
  return (
    <Dialog
      open={target !== undefined}
      onOpenChange={(_, d) => !d.open && !move.isPending && close()}
    >
      <DialogSurface aria-label="Rename or move">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Rename or move “{target?.entry.name}”</DialogTitle>
            <DialogContent>
              <Field
                label="New name or path"
                hint="A path with / moves it (from this folder; a leading / starts at the container root)"
                validationMessage={changed ? problem : undefined}
              >
                <Input
                  value={text}
                  autoFocus
                  ref={selectBaseName}
                  disabled={move.isPending}
                  onChange={(_, d) => setInput(d.value)}
                />
              </Field>
              {move.isPending && (
                <OperationStatus progress={progress} label={`Moving ${target?.entry.name}`} />
              )}
              {move.isError && <ErrorNotice error={move.error} title="The move did not complete" />}
            </DialogContent>
            <DialogActions>
              {move.isPending ? (
                <>
                  <Button onClick={() => operationId && void actions.cancel(operationId)}>
                    Cancel move
                  </Button>
                  <Button onClick={() => close()}>Run in background</Button>
                </>
              ) : (
                <>
                  <Button onClick={() => close()}>Cancel</Button>
                  <Button appearance="primary" type="submit" disabled={!changed || !!problem}>
                    Rename
                  </Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
