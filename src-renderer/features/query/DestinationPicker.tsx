import {
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Radio,
  RadioGroup,
} from '@fluentui/react-components';
import { useConnections } from '../../api/hooks.js';
import type { BlobFields, LocalFields } from './destination.js';
import { useQueryFormStyles } from './queryFormStyles.js';

/** What the destination fields show and where their edits go. */
export interface DestinationPickerProps {
  blob: BlobFields;
  onBlob: (part: Partial<BlobFields>) => void;
  /** With it, "Save to" offers this computer (folder and file name) besides a connection. */
  local?: LocalFields & { onChange: (part: Partial<LocalFields>) => void };
  /** "Replace if it exists". */
  overwrite: boolean;
  onOverwrite: (overwrite: boolean) => void;
  /** The form's first problem, shown as a warning under the fields. */
  problem: string | undefined;
}

/**
 * Where a query dialog writes (Save result, Convert): a file on this computer (when `local` is
 * given) or a blob of a writable connection (read-only and failing ones are not offered) by
 * connection, container and path; then "Replace if it exists" and the form's problem.
 */
export function DestinationPicker({
  blob,
  onBlob,
  local,
  overwrite,
  onOverwrite,
  problem,
}: DestinationPickerProps) {
  const styles = useQueryFormStyles();
  const connections = useConnections();
  const writable = (connections.data ?? []).filter((c) => !c.readOnly && !c.problem);
  return (
    <>
      {local && (
        <Field label="Save to">
          <RadioGroup
            layout="horizontal"
            value={local.where}
            onChange={(_, d) => local.onChange({ where: d.value as LocalFields['where'] })}
          >
            <Radio value="local" label="This computer" />
            <Radio value="remote" label="A connection" />
          </RadioGroup>
        </Field>
      )}
      {local?.where === 'local' ? (
        <div className={styles.row}>
          <Field label="Folder" className={styles.grow}>
            <Input value={local.folder} onChange={(_, d) => local.onChange({ folder: d.value })} />
          </Field>
          <Field label="File name" className={styles.grow}>
            <Input
              value={local.fileName}
              onChange={(_, d) => local.onChange({ fileName: d.value })}
            />
          </Field>
        </div>
      ) : (
        <div className={styles.row}>
          <Field label="Connection" className={styles.grow}>
            <Dropdown
              value={writable.find((c) => c.id === blob.connectionId)?.name ?? ''}
              selectedOptions={[blob.connectionId]}
              onOptionSelect={(_, d) => onBlob({ connectionId: d.optionValue ?? '' })}
            >
              {writable.map((c) => (
                <Option key={c.id} value={c.id} text={c.name}>
                  {`${c.name} (${c.accountName})`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label="Container" className={styles.grow}>
            <Input value={blob.container} onChange={(_, d) => onBlob({ container: d.value })} />
          </Field>
          <Field label="Path" className={styles.grow}>
            <Input value={blob.path} onChange={(_, d) => onBlob({ path: d.value })} />
          </Field>
        </div>
      )}
      <Checkbox
        label="Replace if it exists"
        checked={overwrite}
        onChange={(_, d) => onOverwrite(d.checked === true)}
      />
      {problem && <Field validationMessage={problem} validationState="warning" />}
    </>
  );
}
