import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { PathProperties } from '../../../shared/contract/index.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import {
  metadataNameRule,
  metadataProblems,
  metadataToRows,
  rowsToMetadata,
  type MetadataRow,
} from './metadataRows.js';
import { useSetProperties, type PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/** The form, remounted (key) whenever the properties are read again, so it starts from them. */
function MetadataForm({
  properties,
  save,
}: {
  properties: PathProperties;
  save: ReturnType<typeof useSetProperties>;
}) {
  const styles = useStyles();
  const isFile = properties.kind === 'file';
  const [contentType, setContentType] = useState(properties.contentType ?? '');
  const [rows, setRows] = useState<MetadataRow[]>(() => metadataToRows(properties.metadata));
  const nextKey = useRef(0);
  const problems = metadataProblems(rows);
  const metadata = rowsToMetadata(rows);
  const contentTypeChanged = isFile && contentType.trim() !== (properties.contentType ?? '');
  const changed =
    contentTypeChanged ||
    JSON.stringify(metadata) !==
      JSON.stringify(rowsToMetadata(metadataToRows(properties.metadata)));
  const contentTypeProblem =
    contentTypeChanged && contentType.trim() === '' ? 'Enter a content type' : undefined;

  const update = (key: string, change: Partial<MetadataRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const addRow = () => {
    nextKey.current += 1;
    setRows((all) => [...all, { key: `new${nextKey.current}`, name: '', value: '' }]);
  };
  const submit = () =>
    save.mutate({
      metadata,
      ...(contentTypeChanged ? { contentType: contentType.trim() } : {}),
    });

  return (
    <form
      className={styles.root}
      aria-label="Edit properties"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {isFile && (
        <Field label="Content type" validationMessage={contentTypeProblem}>
          <Input value={contentType} onChange={(_, d) => setContentType(d.value)} />
        </Field>
      )}
      <Subtitle2 as="h3">Metadata</Subtitle2>
      <Caption1>{metadataNameRule}</Caption1>
      {rows.length > 0 ? (
        <Table size="small" aria-label="Metadata">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Value</TableHeaderCell>
              <TableHeaderCell aria-label="Remove" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row, i) => (
              <TableRow key={row.key}>
                <TableCell>
                  <Input
                    aria-label={`Metadata name ${i + 1}`}
                    aria-invalid={problems.has(row.key)}
                    value={row.name}
                    autoFocus={row.key.startsWith('new') && row.name === ''}
                    onChange={(_, d) => update(row.key, { name: d.value })}
                  />
                  {problems.has(row.key) && (
                    <Caption1 className={styles.problem} role="status">
                      {problems.get(row.key)}
                    </Caption1>
                  )}
                </TableCell>
                <TableCell>
                  <Input
                    aria-label={`Metadata value ${i + 1}`}
                    value={row.value}
                    onChange={(_, d) => update(row.key, { value: d.value })}
                  />
                </TableCell>
                <TableCell>
                  <Button
                    appearance="subtle"
                    icon={<DeleteRegular />}
                    aria-label={`Remove metadata ${row.name || i + 1}`}
                    onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Caption1>No metadata.</Caption1>
      )}
      <div className={styles.actions}>
        <Button icon={<AddRegular />} onClick={addRow}>
          Add metadata
        </Button>
        <Button
          appearance="primary"
          type="submit"
          disabled={!changed || problems.size > 0 || !!contentTypeProblem || save.isPending}
        >
          Save properties
        </Button>
        {save.isPending && <Spinner size="tiny" label="Saving…" />}
      </div>
    </form>
  );
}

/**
 * Edits a path's content type (files only) and metadata (add, edit, remove rows; names
 * checked as C# identifiers before saving) and saves them with `paths.setProperties`.
 */
export function MetadataEditor({
  target,
  properties,
}: {
  target: PropertiesTarget;
  properties: PathProperties;
}) {
  const save = useSetProperties(target);
  return (
    <>
      <MetadataForm
        key={`${properties.etag ?? ''}|${properties.lastModified ?? ''}|${JSON.stringify(properties.metadata)}|${properties.contentType ?? ''}`}
        properties={properties}
        save={save}
      />
      {save.isError && <ErrorNotice error={save.error} title="Could not save properties" />}
      {save.isSuccess && (
        <MessageBar intent="success">
          <MessageBarBody>Properties saved.</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
