import { Switch, makeStyles } from '@fluentui/react-components';
import { useState } from 'react';
import type { ImagePreview } from '../../../shared/contract/index.js';

const useStyles = makeStyles({
  root: { overflow: 'auto', flexGrow: 1, minHeight: 0 },
  fit: { maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' },
});

/** An image from its bytes (a data: URL in an img element, so SVG scripts never run); fit to the pane or actual size. */
export function ImageView({ preview }: { preview: ImagePreview }) {
  const styles = useStyles();
  const [fit, setFit] = useState(true);
  return (
    <>
      <Switch label="Fit to pane" checked={fit} onChange={(_, d) => setFit(d.checked)} />
      <div className={styles.root}>
        <img
          alt={preview.name}
          src={`data:${preview.mimeType};base64,${preview.dataBase64}`}
          className={fit ? styles.fit : undefined}
        />
      </div>
    </>
  );
}
