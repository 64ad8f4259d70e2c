import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, DismissRegular, OpenRegular } from '@fluentui/react-icons';
import { type ReactNode } from 'react';
import type { Preview } from '../../../shared/contract/index.js';
import { exactSize, formatSize } from '../files/formatSize.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { useSidePaneStyles } from '../shell/sidePaneStyles.js';
import { base64Bytes } from './base64Bytes.js';
import { DeltaView } from './DeltaView.js';
import { HexView } from './HexView.js';
import { ImageView } from './ImageView.js';
import { JsonTree } from './JsonTree.js';
import { MarkdownView } from './MarkdownView.js';
import { TableView } from './TableView.js';
import { TextView } from './TextView.js';
import { usePreview, type PreviewTarget } from './usePreview.js';

const useStyles = makeStyles({
  /** The file's name above what was read. */
  title: { display: 'flex', flexDirection: 'column' },
});

function describe(preview: Preview): string {
  switch (preview.kind) {
    case 'table': {
      const parquet = preview.parquet
        ? ` · ${preview.parquet.rowGroups} row groups · ${preview.parquet.codecs.join(', ') || 'uncompressed'}`
        : '';
      const csv = preview.delimited
        ? ` · delimiter ${JSON.stringify(preview.delimited.delimiter)}${preview.delimited.hasHeader ? ', header row' : ''}`
        : '';
      return `${preview.source.toUpperCase()} · ${preview.columns.length} columns${parquet}${csv}`;
    }
    case 'text':
      return `Text (${preview.encoding})${preview.truncated ? ` · truncated at ${exactSize(preview.textBytes)}${preview.totalBytes ? ` of ${exactSize(preview.totalBytes)}` : ''}` : ''}`;
    case 'image':
      return `Image ${preview.mimeType}${preview.width && preview.height ? ` · ${preview.width} × ${preview.height}` : ''}`;
    case 'json':
      return 'JSON';
    case 'hex':
      return `Binary · first ${exactSize(base64Bytes(preview.dataBase64).length)}`;
  }
}

/** Whether a blob name is Markdown (`.md`, `.markdown`), rendered rather than shown as text. */
const isMarkdown = (name: string) => /\.(?:md|markdown)$/i.test(name);

function PreviewBody({ preview }: { preview: Preview }) {
  switch (preview.kind) {
    case 'table':
      return <TableView preview={preview} />;
    case 'text':
      return isMarkdown(preview.name) ? (
        <MarkdownView text={preview.text} />
      ) : (
        <TextView text={preview.text} />
      );
    case 'json':
      return <JsonTree value={preview.value} />;
    case 'image':
      return <ImageView preview={preview} />;
    case 'hex':
      return <HexView dataBase64={preview.dataBase64} offset={preview.offset} />;
  }
}

/** What the pane's header buttons do. */
interface PaneActions {
  onClose: () => void;
  /** Downloads what is shown to the Downloads folder, through the transfer queue. */
  onDownload: () => void;
  /** Opens the file with the OS's default app (desktop app, files only); no button when absent. */
  onOpen?: (() => void) | undefined;
}

/** The pane's frame: a title line with Download and Close buttons, then `children`. */
function PaneFrame({
  title,
  subtitle,
  actions,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  actions: PaneActions;
  children: ReactNode;
}) {
  const styles = useStyles();
  const pane = useSidePaneStyles();
  return (
    <section className={pane.root} aria-label="Preview">
      <div className={pane.header}>
        <div className={mergeClasses(pane.title, styles.title)}>
          <Subtitle2>{title}</Subtitle2>
          {subtitle && <Caption1>{subtitle}</Caption1>}
        </div>
        {actions.onOpen && (
          <Button appearance="subtle" icon={<OpenRegular />} onClick={actions.onOpen}>
            Open
          </Button>
        )}
        <Button appearance="subtle" icon={<ArrowDownloadRegular />} onClick={actions.onDownload}>
          Download
        </Button>
        <Button
          appearance="subtle"
          icon={<DismissRegular />}
          aria-label="Close preview"
          onClick={actions.onClose}
        />
      </div>
      {children}
    </section>
  );
}

function BlobPreview({
  target,
  actions,
}: {
  target: Extract<PreviewTarget, { kind: 'blob' }>;
  actions: PaneActions;
}) {
  const preview = usePreview(target);
  const p = preview.data;
  const subtitle = p && (
    <>
      {formatSize(p.size)} · {p.contentType ?? 'unknown type'}
      {p.lastModified ? ` · modified ${new Date(p.lastModified).toLocaleString()}` : ''} ·{' '}
      {describe(p)} · read {formatSize(p.bytesRead)}
    </>
  );
  return (
    <PaneFrame
      title={target.path.slice(target.path.lastIndexOf('/') + 1)}
      subtitle={subtitle}
      actions={actions}
    >
      {preview.isFetching && <Spinner size="tiny" label="Reading…" />}
      {preview.isError && <ErrorNotice error={preview.error} title="Could not preview this file" />}
      {p && p.notes.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{p.notes.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      {p && !preview.isFetching && <PreviewBody preview={p} />}
    </PaneFrame>
  );
}

/**
 * The preview pane (region "Preview"): for a blob, a header with name, size, type and modified
 * time, then its content by kind; for a Delta table, its versions, history and rows. Main reads
 * them with ranged requests. Notes mark partial or malformed content.
 */
export function PreviewPane({ target, ...actions }: { target: PreviewTarget } & PaneActions) {
  if (target.kind === 'blob') return <BlobPreview target={target} actions={actions} />;
  return (
    <PaneFrame
      title={target.directory.slice(target.directory.lastIndexOf('/') + 1)}
      actions={{ ...actions, onOpen: undefined }}
    >
      <DeltaView target={target} />
    </PaneFrame>
  );
}
