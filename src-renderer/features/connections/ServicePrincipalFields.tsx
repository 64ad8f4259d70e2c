import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, type ChangeEvent } from 'react';
import type { AzureEnvironmentId } from '../../../shared/contract/index.js';
import type { ConnectionForm } from './connectionForm.js';
import { clouds } from './SignInDialog.js';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalM,
  },
  // A select is as wide as its longest option unless told otherwise: keep it in its column.
  cell: { minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%', '& > select': { minWidth: 0, width: '100%' } },
  certificate: { fontFamily: tokens.fontFamilyMonospace },
  hiddenFile: { display: 'none' },
});

/** What the Add connection form gives a kind's fields: its values, setter and field helpers. */
export interface FieldsProps {
  form: ConnectionForm;
  set: (patch: Partial<ConnectionForm>) => void;
  /** The error state of a refused field (see AddConnectionDialog). */
  validation: (key: keyof ConnectionForm) => { validationState?: 'error' };
  /** Registers a field's control, to focus it when a refusal names it. */
  register: (key: keyof ConnectionForm) => (el: HTMLElement | null) => void;
}

/**
 * A service principal's fields in Add connection: cloud, tenant, application (client) id, a
 * client secret or a certificate (PEM text with its private key, pasted or read from a file
 * here in the window), and the account, container or folder URL. The secret goes to main once,
 * with Connect, and never comes back.
 */
export function ServicePrincipalFields({ form, set, validation, register }: FieldsProps) {
  const styles = useStyles();
  const file = useRef<HTMLInputElement>(null);
  const readCertificate = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = e.target.files?.[0];
    e.target.value = '';
    if (picked) void picked.text().then((text) => set({ spCertificate: text }));
  };
  const input = (
    key: keyof ConnectionForm,
    type: 'text' | 'password' = 'text',
    placeholder?: string,
  ) => (
    <Input
      ref={register(key)}
      value={String(form[key])}
      type={type}
      placeholder={placeholder}
      onChange={(_, d) => set({ [key]: d.value })}
      autoComplete="off"
      spellCheck={false}
    />
  );
  return (
    <>
      <div className={styles.row}>
        <Field label="Cloud" className={styles.cell}>
          <Select
            className={styles.select}
            value={form.spCloud}
            onChange={(_, d) => set({ spCloud: d.value as AzureEnvironmentId })}
          >
            {clouds.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Tenant"
          required
          hint="Its id or domain, e.g. contoso.onmicrosoft.com."
          {...validation('spTenantId')}
        >
          {input('spTenantId')}
        </Field>
      </div>
      <Field label="Application (client) id" required {...validation('spClientId')}>
        {input('spClientId', 'text', '00000000-0000-0000-0000-000000000000')}
      </Field>
      <Field label="Credential">
        <RadioGroup
          value={form.spCredential}
          onChange={(_, d) => set({ spCredential: d.value as ConnectionForm['spCredential'] })}
          layout="horizontal"
        >
          <Radio value="clientSecret" label="Client secret" />
          <Radio value="certificate" label="Certificate" />
        </RadioGroup>
      </Field>
      {form.spCredential === 'clientSecret' ? (
        <Field label="Secret value" required {...validation('spClientSecret')}>
          {input('spClientSecret', 'password')}
        </Field>
      ) : (
        <Field
          label="Certificate (PEM)"
          required
          hint="The certificate and its unencrypted private key, as one PEM text."
          {...validation('spCertificate')}
        >
          <Textarea
            ref={register('spCertificate')}
            className={styles.certificate}
            value={form.spCertificate}
            placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----BEGIN PRIVATE KEY-----\n…'}
            onChange={(_, d) => set({ spCertificate: d.value })}
            resize="vertical"
            spellCheck={false}
          />
        </Field>
      )}
      {form.spCredential === 'certificate' && (
        <div>
          <Button onClick={() => file.current?.click()}>Read from a PEM file…</Button>
          <input
            ref={file}
            className={styles.hiddenFile}
            type="file"
            accept=".pem,.crt,.cer,.key,application/x-pem-file"
            aria-label="Certificate PEM file"
            onChange={readCertificate}
          />
        </div>
      )}
      <Field label="Account, container or folder URL" required {...validation('spUrl')}>
        {input('spUrl', 'text', 'https://<account>.blob.core.windows.net/<container>')}
      </Field>
    </>
  );
}
