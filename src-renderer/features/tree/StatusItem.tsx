import { Spinner, TreeItem, TreeItemLayout } from '@fluentui/react-components';
import { clampedNoteStyle } from './clampedNote.js';

/** A leaf that says a branch is loading, empty or failed (the error's code and message, in at most four lines; all of it in the tooltip). */
export function StatusItem({ kind, text }: { kind: 'loading' | 'empty' | 'error'; text: string }) {
  return (
    <TreeItem itemType="leaf" aria-label={text}>
      <TreeItemLayout
        iconBefore={kind === 'loading' ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
      >
        {kind === 'error' ? (
          <span role="alert" title={text} style={clampedNoteStyle(4)}>
            {text}
          </span>
        ) : (
          <span>{text}</span>
        )}
      </TreeItemLayout>
    </TreeItem>
  );
}
