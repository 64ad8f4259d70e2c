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
import { emulatorSamplesContainer } from '../../../shared/contract/emulator.js';
import { useAddConnection } from '../../api/hooks.js';
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

/** Whole seconds since `running` turned true, counted once a second while it stays true. */
function useSecondsWhile(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => {
      clearInterval(timer);
      setSeconds(0);
    };
  }, [running]);
  return seconds;
}

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
  const seconds = useSecondsWhile(add.isPending);
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
      {add.isPending && (
        <Spinner
          size="small"
          label={`Starting the local emulator; the first start also seeds the sample data lake… ${seconds} s`}
        />
      )}
      {add.isError && <ErrorNotice error={add.error} title="The local emulator did not start" />}
    </Card>
  );
}
