import { Button, Caption1, Checkbox, Field, Select, tokens } from '@fluentui/react-components';
import { LinkRegular } from '@fluentui/react-icons';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { SasLifetime } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

/** What a URL with SAS is made for: a file, or a folder with everything below it. */
export interface SasShareTarget {
  connectionId: string;
  container: string;
  path: string;
  kind: 'file' | 'folder';
}

const lifetimes: { value: SasLifetime; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days (the longest)' },
];

/**
 * "Copy URL with SAS" for a file or a folder: main signs its URL with a user delegation key of
 * the signed-in identity (`paths.delegationSas`; a folder's is a directory SAS, on accounts with
 * a hierarchical namespace), read-only unless "Allow changes" is ticked, for a preset
 * lifetime; the URL goes to the clipboard and the form says until when it works. `heading`
 * false leaves the title to a surrounding dialog.
 */
export function ShareWithSas({
  target,
  heading = true,
}: {
  target: SasShareTarget;
  heading?: boolean;
}) {
  const client = useClient();
  const headingId = useId();
  const [lifetime, setLifetime] = useState<SasLifetime>('1d');
  const [write, setWrite] = useState(false);
  const [status, setStatus] = useState('');
  const share = useMutation({
    mutationFn: async () =>
      unwrap(
        await client.call('paths.delegationSas', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.path,
          kind: target.kind,
          lifetime,
          ...(write ? { write } : {}),
        }),
      ),
    onMutate: () => setStatus(''),
    onSuccess: async (sas) => {
      const until = new Date(sas.expiresOn).toLocaleString();
      const what = /[acw]/.test(sas.permissions) ? 'read and write' : 'read-only';
      await navigator.clipboard.writeText(sas.url).then(
        () => setStatus(`URL with SAS copied: ${what}, works until ${until}.`),
        (e: unknown) => setStatus(`Could not copy: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
  });
  return (
    <section
      {...(heading ? { 'aria-labelledby': headingId } : { 'aria-label': 'Share with a SAS' })}
      style={{ display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS }}
    >
      {heading && (
        <Caption1
          id={headingId}
          as="h3"
          style={{ fontWeight: tokens.fontWeightSemibold, margin: 0 }}
        >
          Share with a SAS
        </Caption1>
      )}
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'end',
          gap: tokens.spacingHorizontalM,
        }}
      >
        <Field label="Works for" size="small">
          <Select
            size="small"
            value={lifetime}
            onChange={(_, d) => setLifetime(d.value as SasLifetime)}
          >
            {lifetimes.map((l) => (
              <option key={l.value} value={l.value}>
                {l.label}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label="Allow changes (write)"
          checked={write}
          onChange={(_, d) => setWrite(d.checked === true)}
        />
        <Button
          size="small"
          icon={<LinkRegular />}
          disabled={share.isPending}
          onClick={() => share.mutate()}
        >
          Copy URL with SAS
        </Button>
      </div>
      <Caption1 role="status">
        {status ||
          (target.kind === 'folder'
            ? 'Signed with a user delegation key of your sign-in: whoever has the URL can read and list everything in this folder until it expires.'
            : 'Signed with a user delegation key of your sign-in: whoever has the URL can use it until it expires.')}
      </Caption1>
      {share.isError && <ErrorNotice error={share.error} title="No URL with SAS" />}
    </section>
  );
}
