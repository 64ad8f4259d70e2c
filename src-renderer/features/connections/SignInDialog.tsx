import {
  Body1,
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
  Link,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { AzureEnvironmentId } from '../../../shared/contract/index.js';
import { useEntraAccounts, useSignIn, useSignOut } from '../../api/authHooks.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    letterSpacing: '0.1em',
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  accounts: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The clouds one can sign in to, as the Cloud pickers list them. */
export const clouds: { id: AzureEnvironmentId; label: string }[] = [
  { id: 'public', label: 'Azure' },
  { id: 'china', label: 'Azure China' },
  { id: 'usgov', label: 'Azure US Government' },
  { id: 'custom', label: 'Custom cloud (from the environment)' },
];

/**
 * "Sign in with Microsoft Entra ID": the tenant (optional; id or domain) and cloud first, then
 * the system browser, or a device code shown here with the page to enter it on. Lists the
 * accounts already signed in, each with Sign out. Tokens never reach this window.
 */
export function SignInDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const [tenant, setTenant] = useState('');
  const [cloud, setCloud] = useState<AzureEnvironmentId>('public');
  const [flow, setFlow] = useState<'browser' | 'deviceCode'>('browser');
  const [copied, setCopied] = useState(false);
  const { signIn, deviceCode, browserPage, cancel } = useSignIn();
  const accounts = useEntraAccounts();
  const signOut = useSignOut();
  const close = () => {
    if (signIn.isPending) cancel();
    signIn.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Opened from Add connection, the dialog sits in that form's React tree: its submit would
    // bubble there (through the portal) and try to add the half-filled connection.
    e.stopPropagation();
    setCopied(false);
    signIn.mutate({
      flow,
      environment: cloud,
      ...(tenant.trim() ? { tenant: tenant.trim() } : {}),
    });
  };
  const copyCode = (code: string) =>
    void navigator.clipboard.writeText(code).then(() => setCopied(true));

  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : close())} modalType="modal">
      <DialogSurface aria-label="Sign in with Microsoft Entra ID">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Sign in with Microsoft Entra ID</DialogTitle>
            <DialogContent className={styles.form}>
              <Field
                label="Tenant (optional)"
                hint="Its id or domain, e.g. contoso.onmicrosoft.com; empty: your organisation's default."
              >
                <Input
                  value={tenant}
                  placeholder="organizations"
                  onChange={(_, d) => setTenant(d.value)}
                  spellCheck={false}
                  disabled={signIn.isPending}
                />
              </Field>
              <Field label="Cloud">
                <Select
                  value={cloud}
                  onChange={(_, d) => setCloud(d.value as AzureEnvironmentId)}
                  disabled={signIn.isPending}
                >
                  {clouds.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="How">
                <RadioGroup
                  value={flow}
                  onChange={(_, d) => setFlow(d.value as typeof flow)}
                  layout="horizontal"
                  disabled={signIn.isPending}
                >
                  <Radio value="browser" label="In the browser" />
                  <Radio value="deviceCode" label="With a device code" />
                </RadioGroup>
              </Field>
              {signIn.isPending && !deviceCode && (
                <Spinner
                  size="tiny"
                  label={
                    flow === 'browser'
                      ? 'Waiting for the sign-in in the browser…'
                      : 'Getting a code…'
                  }
                />
              )}
              {signIn.isPending && browserPage && (
                <Body1>
                  If no tab opened,{' '}
                  <Link href={browserPage.url} target="_blank" rel="noopener noreferrer">
                    open the sign-in page
                  </Link>
                  .
                </Body1>
              )}
              {signIn.isPending && deviceCode && (
                <div aria-label="Device code" role="group">
                  <Body1>{deviceCode.message}</Body1>
                  <div className={styles.row}>
                    <span className={styles.code} aria-label="Code">
                      {deviceCode.userCode}
                    </span>
                    <Button
                      icon={<CopyRegular aria-hidden />}
                      onClick={() => copyCode(deviceCode.userCode)}
                    >
                      {copied ? 'Copied' : 'Copy code'}
                    </Button>
                  </div>
                  <Link href={deviceCode.verificationUri} target="_blank" rel="noopener noreferrer">
                    {deviceCode.verificationUri}
                  </Link>
                </div>
              )}
              {signIn.isError && <ErrorNotice error={signIn.error} title="Not signed in" />}
              {signIn.isSuccess && <Body1>Signed in as {signIn.data.username}.</Body1>}
              {(accounts.data?.length ?? 0) > 0 && (
                <div>
                  <Caption1>Signed in</Caption1>
                  <ul className={styles.accounts} aria-label="Signed-in accounts">
                    {accounts.data!.map((a) => (
                      <li key={a.id} className={styles.row}>
                        <span>{a.username}</span>
                        <Button
                          size="small"
                          appearance="subtle"
                          onClick={() => signOut.mutate(a.id)}
                          aria-label={`Sign out ${a.username}`}
                        >
                          Sign out
                        </Button>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={close}>
                {signIn.isPending ? 'Cancel' : 'Close'}
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={signIn.isPending}>
                Sign in
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
