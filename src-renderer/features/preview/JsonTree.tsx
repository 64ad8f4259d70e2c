import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflow: 'auto',
    flexGrow: 1,
  },
  nested: { paddingLeft: tokens.spacingHorizontalL },
  key: { color: tokens.colorPaletteBerryForeground2 },
  string: { color: tokens.colorPaletteGreenForeground2 },
});

/** Children shown per object or array before "… N more". */
const maxChildren = 500;

function JsonNode({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const styles = useStyles();
  const label =
    name !== undefined ? <span className={styles.key}>{JSON.stringify(name)}: </span> : null;
  if (value === null || typeof value !== 'object') {
    return (
      <div>
        {label}
        <span className={typeof value === 'string' ? styles.string : undefined}>
          {JSON.stringify(value)}
        </span>
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <details open={depth < 2}>
      <summary>
        {label}
        {open} {entries.length} {entries.length === 1 ? 'item' : 'items'} {close}
      </summary>
      <div className={styles.nested}>
        {entries.slice(0, maxChildren).map(([k, v]) => (
          <JsonNode
            key={k}
            name={Array.isArray(value) ? undefined : k}
            value={v}
            depth={depth + 1}
          />
        ))}
        {entries.length > maxChildren && <div>… {entries.length - maxChildren} more</div>}
      </div>
    </details>
  );
}

/** A JSON document as a collapsible tree (native details/summary: keyboard accessible). */
export function JsonTree({ value }: { value: unknown }) {
  const styles = useStyles();
  return (
    <div className={styles.root} aria-label="JSON document">
      <JsonNode value={value} depth={0} />
    </div>
  );
}
