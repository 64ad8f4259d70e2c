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
import { useState } from 'react';
import { useAddConnection } from '../../api/hooks.js';
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

/** Shown while no connection is saved: start the embedded emulator, or add a real account. */
export function Welcome({ onAddConnection }: { onAddConnection: () => void }) {
  const styles = useStyles();
  const add = useAddConnection();
  const [signingIn, setSigningIn] = useState(false);
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
          onClick={() => add.mutate({ kind: 'emulator' })}
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
          label="Starting the local emulator… The first start seeds sample data and takes a minute."
        />
      )}
      {add.isError && <ErrorNotice error={add.error} title="The local emulator did not start" />}
    </Card>
  );
}
