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
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { connectionKinds } from '../../../shared/contract/index.js';
import { useEntraAccounts } from '../../api/authHooks.js';
import { useAddConnection } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import {
  emptyForm,
  formFieldOf,
  kindLabels,
  toNewConnection,
  type ConnectionForm,
} from './connectionForm.js';
import { networkFromDraft, type NetworkDraft } from '../settings/networkFields.js';
import { ConnectionNetworkFields } from './ConnectionNetworkFields.js';
import { ServicePrincipalFields } from './ServicePrincipalFields.js';
import { SignInDialog } from './SignInDialog.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Seven kinds do not fit one line of a narrow window: they wrap whole, never squeezed.
  kinds: { flexWrap: 'wrap' },
  kind: { flexShrink: 0 },
  // As a Field's hint: one caption line under the kinds, saying where the identity comes from.
  hint: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    marginTop: `calc(-1 * ${tokens.spacingVerticalS})`,
  },
});

/**
 * "Add connection": pick a kind, fill its fields, Connect. Main tries the connection before it
 * saves it; on failure the error and what to do show here and nothing is saved.
 */
export function AddConnectionDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const [form, setForm] = useState<ConnectionForm>(emptyForm);
  const add = useAddConnection();
  const accounts = useEntraAccounts();
  const [signingIn, setSigningIn] = useState(false);
  const [network, setNetwork] = useState<NetworkDraft>({});
  // The field the last refusal named: marked invalid and focused, until it is edited.
  const [refused, setRefused] = useState<keyof ConnectionForm>();
  const controls = useRef<Partial<Record<keyof ConnectionForm, HTMLElement | null>>>({});
  useEffect(() => {
    if (refused) controls.current[refused]?.focus();
  }, [refused, add.error]);
  const set = (patch: Partial<ConnectionForm>) => {
    if (refused && refused in patch) setRefused(undefined);
    setForm((f) => ({ ...f, ...patch }));
  };
  /**
   * A Field's validation props: the error state (red, aria-invalid on its control) when
   * refused; the message is the dialog's error notice, so the field adds no second alert.
   */
  const validation = (key: keyof ConnectionForm) =>
    refused === key ? { validationState: 'error' as const } : {};
  const close = () => {
    if (add.isPending) return;
    add.reset();
    setRefused(undefined);
    setForm(emptyForm);
    setNetwork({});
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRefused(undefined);
    const own = networkFromDraft(network);
    add.mutate(
      { ...toNewConnection(form), ...(Object.keys(own).length ? { network: own } : {}) },
      {
        onSuccess: close,
        onError: (error) =>
          setRefused(
            formFieldOf(form.kind, error instanceof LakeCallError ? error.field : undefined),
          ),
      },
    );
  };
  const text = (
    label: string,
    key: keyof ConnectionForm,
    props: { required?: boolean; type?: 'password'; placeholder?: string } = {},
  ) => (
    <Field label={label} required={props.required} {...validation(key)}>
      <Input
        ref={(el) => {
          controls.current[key] = el;
        }}
        value={form[key]}
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        onChange={(_, d) => set({ [key]: d.value })}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );

  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : close())} modalType="modal">
      <DialogSurface aria-label="Add connection">
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>Add connection</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Kind">
                <RadioGroup
                  value={form.kind}
                  onChange={(_, d) => {
                    // The error was about the other kind's fields.
                    add.reset();
                    setRefused(undefined);
                    set({ kind: d.value as ConnectionForm['kind'] });
                  }}
                  layout="horizontal"
                  className={styles.kinds}
                >
                  {connectionKinds.map((k) => (
                    <Radio key={k} value={k} label={kindLabels[k]} className={styles.kind} />
                  ))}
                </RadioGroup>
              </Field>
              {form.kind === 'defaultCredential' && (
                <div className={styles.hint}>
                  From environment variables, a workload or managed identity, Azure CLI or Azure
                  Developer CLI.
                </div>
              )}
              {form.kind !== 'emulator' && text('Display name (optional)', 'name')}
              {form.kind === 'connectionString' && (
                <Field
                  label="Connection string"
                  required
                  hint="From the portal: Storage account › Access keys › Connection string."
                  {...validation('connectionString')}
                >
                  <Textarea
                    ref={(el) => {
                      controls.current.connectionString = el;
                    }}
                    value={form.connectionString}
                    onChange={(_, d) => set({ connectionString: d.value })}
                    resize="vertical"
                    spellCheck={false}
                  />
                </Field>
              )}
              {form.kind === 'accountKey' && (
                <>
                  {text('Account name', 'accountName', { required: true })}
                  {text('Account key', 'accountKey', { required: true, type: 'password' })}
                  {text('Blob endpoint (optional)', 'blobEndpoint', {
                    placeholder: 'https://<account>.blob.core.windows.net',
                  })}
                </>
              )}
              {form.kind === 'sas' &&
                text('SAS URL', 'sasUrl', {
                  required: true,
                  placeholder: 'https://<account>.blob.core.windows.net/<container>?sv=…&sig=…',
                })}
              {form.kind === 'entra' && (
                <>
                  <Field
                    label="Signed-in account"
                    required
                    hint={
                      accounts.data?.length
                        ? 'The identity whose data roles or ACLs open the storage.'
                        : 'No account is signed in yet.'
                    }
                    {...validation('entraAccountId')}
                  >
                    <Select
                      ref={(el) => {
                        controls.current.entraAccountId = el;
                      }}
                      value={form.entraAccountId}
                      onChange={(_, d) => set({ entraAccountId: d.value })}
                    >
                      <option value="">Choose…</option>
                      {(accounts.data ?? []).map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.username}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Button onClick={() => setSigningIn(true)}>
                    Sign in with Microsoft Entra ID…
                  </Button>
                  {text('Account, container or folder URL', 'entraUrl', {
                    required: true,
                    placeholder: 'https://<account>.blob.core.windows.net/<container>',
                  })}
                  <SignInDialog open={signingIn} onClose={() => setSigningIn(false)} />
                </>
              )}
              {form.kind === 'servicePrincipal' && (
                <ServicePrincipalFields
                  form={form}
                  set={set}
                  validation={validation}
                  register={(key) => (el) => {
                    controls.current[key] = el;
                  }}
                />
              )}
              {form.kind === 'defaultCredential' && (
                <>
                  {text('Tenant (optional)', 'dcTenantId', {
                    placeholder: 'Its id or domain, e.g. contoso.onmicrosoft.com',
                  })}
                  {text('Account, container or folder URL', 'dcUrl', {
                    required: true,
                    placeholder: 'https://<account>.blob.core.windows.net/<container>',
                  })}
                </>
              )}
              {form.kind === 'emulator' && (
                <div>Starts Azurite on this computer with a sample data lake.</div>
              )}
              <ConnectionNetworkFields draft={network} onChange={setNetwork} />
              {add.isPending && <Spinner size="tiny" label="Testing the connection…" />}
              {add.isError && <ErrorNotice error={add.error} title="Could not connect" />}
            </DialogContent>
            <DialogActions>
              {/* disabledFocusable: focus stays in the dialog while testing, so Escape still reaches it. */}
              <Button appearance="secondary" onClick={close} disabledFocusable={add.isPending}>
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabledFocusable={add.isPending}>
                Connect
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
