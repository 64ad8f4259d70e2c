import {
  Body1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { InspectConversionResult } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';
import { targetFormatOf, type ConvertForm } from './convertForm.js';
import { DestinationPicker } from './DestinationPicker.js';
import { useQueryFormStyles } from './queryFormStyles.js';

const useStyles = makeStyles({
  schema: { maxHeight: '16em', overflowY: 'auto' },
});

/**
 * The Convert form's fields: the schema DuckDB inferred (each type may be changed), the Parquet
 * codec and row group size, the rows that may be rejected, and the target in any connection.
 * `from`: the file the schema was inferred from, when not the one converted (a folder's first).
 */
export function ConvertFields({
  inspected,
  form,
  set,
  problem,
  from,
}: {
  inspected: InspectConversionResult;
  form: ConvertForm;
  set: (part: Partial<ConvertForm>) => void;
  problem: string | undefined;
  from?: string;
}) {
  const styles = useStyles();
  const layout = useQueryFormStyles();
  const to = targetFormatOf(inspected.sourceFormat);
  return (
    <>
      <Body1>
        {inspected.sourceFormat.toUpperCase()}, {formatSize(inspected.sourceBytes)}. The schema
        DuckDB inferred{from ? ` from ${from}` : ''}; change a type where it guessed wrong.
      </Body1>
      <div className={styles.schema}>
        <Table size="small" aria-label="Schema">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Column</TableHeaderCell>
              <TableHeaderCell>Type</TableHeaderCell>
              <TableHeaderCell>Nullable</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {inspected.schema.map((c, i) => (
              <TableRow key={`${i}-${c.name}`}>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  <Input
                    size="small"
                    aria-label={`Type of ${c.name}`}
                    value={form.types[i] ?? c.type}
                    onChange={(_, d) =>
                      set({ types: form.types.map((t, j) => (j === i ? d.value : t)) })
                    }
                  />
                </TableCell>
                <TableCell>{c.nullable ? 'yes' : 'no'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={layout.row}>
        {to === 'parquet' && (
          <>
            <Field label="Compression">
              <Dropdown
                value={form.codec}
                selectedOptions={[form.codec]}
                onOptionSelect={(_, d) => set({ codec: d.optionValue as ConvertForm['codec'] })}
              >
                <Option value="zstd">zstd</Option>
                <Option value="snappy">snappy</Option>
              </Dropdown>
            </Field>
            <Field label="Row group size (rows)">
              <Input
                value={form.rowGroupSize}
                placeholder="122880"
                inputMode="numeric"
                onChange={(_, d) => set({ rowGroupSize: d.value })}
              />
            </Field>
          </>
        )}
        <Field label="Rows that may be rejected">
          <Input
            value={form.maxRejects}
            inputMode="numeric"
            onChange={(_, d) => set({ maxRejects: d.value })}
          />
        </Field>
      </div>
      <DestinationPicker
        blob={form}
        onBlob={set}
        overwrite={form.overwrite}
        onOverwrite={(overwrite) => set({ overwrite })}
        problem={problem}
      />
    </>
  );
}
