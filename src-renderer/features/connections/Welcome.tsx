import {
  Body1,
  Button,
  Card,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, PersonRegular, ServerRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import {
  emulatorSamplesContainer,
  type EmulatorSeedingEvent,
} from '../../../shared/contract/emulator.js';
import { useAddConnection, useClient } from '../../api/hooks.js';
import type { BrowseLocation } from '../shell/location.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { SignInDialog } from './SignInDialog.js';

const useStyles = makeStyles({
  card: {
    maxWidth: '640px',
    margin: '48px auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  // Each button keeps its label on one line; the row wraps instead when the window is narrow.
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    '& > button': { whiteSpace: 'nowrap' },
  },
});

/**
 * The emulator's seeding progress (`emulator.seeding`) while `running`: the last count, or
 * undefined before the first (Azurite still starting, or a start that needs no seeding).
 */
function useSeedingWhile(running: boolean): EmulatorSeedingEvent | undefined {
  const client = useClient();
  const [seeding, setSeeding] = useState<EmulatorSeedingEvent>();
  useEffect(() => {
    if (!running) return;
    const stop = client.on('emulator.seeding', setSeeding);
    return () => {
      stop();
      setSeeding(undefined);
    };
  }, [client, running]);
  return seeding;
}

/** What the wait says: starting, then the files seeded so far. */
export const startingText = (seeding: EmulatorSeedingEvent | undefined): string =>
  seeding
    ? `Seeding the sample data lake: ${seeding.done.toLocaleString()} of ${seeding.total.toLocaleString()} files`
    : 'Starting the local emulator…';

/**
 * Shown while no connection is saved: start the embedded emulator, or add a real account.
 * Once the emulator's connection is added, `onOpen` is given its sample container to show.
 * Whether the sign-in dialog is open is the window's (`signingIn`), which keeps this card while
 * it is, though a signed-in account would otherwise replace it with the tree.
 */
export function Welcome({
  onAddConnection,
  onOpen,
  signingIn,
  setSigningIn,
}: {
  onAddConnection: () => void;
  onOpen: (location: BrowseLocation) => void;
  signingIn: boolean;
  setSigningIn: (open: boolean) => void;
}) {
  const styles = useStyles();
  const add = useAddConnection();
  const seeding = useSeedingWhile(add.isPending);
  // mutateAsync: the window replaces this card once the connection is listed, before a
  // per-call onSuccess would run.
  const startEmulator = () =>
    add
      .mutateAsync({ kind: 'emulator' })
      .then((connection) =>
        onOpen({
          connectionId: connection.id,
          connectionName: connection.name,
          container: emulatorSamplesContainer,
          directory: '',
        }),
      )
      // A failure shows through add.isError below.
      .catch(() => undefined);
  return (
    <Card className={styles.card} aria-label="Welcome">
      <Title3 as="h1">Welcome to Lakeshore</Title3>
      <Body1>
        Browse Azure Data Lake Storage Gen2 and Blob Storage. Try it on a local emulator with a
        sample data lake, or connect to your storage account.
      </Body1>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<ServerRegular />}
          disabled={add.isPending}
          onClick={startEmulator}
        >
          Local emulator
        </Button>
        <Button icon={<AddRegular />} onClick={onAddConnection} disabled={add.isPending}>
          Add connection…
        </Button>
        <Button
          icon={<PersonRegular />}
          onClick={() => setSigningIn(true)}
          disabled={add.isPending}
        >
          Sign in with Microsoft Entra ID…
        </Button>
      </div>
      <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} />
      {add.isPending && <Spinner size="small" label={startingText(seeding)} aria-live="polite" />}
      {add.isError && <ErrorNotice error={add.error} title="The local emulator did not start" />}
    </Card>
  );
}
