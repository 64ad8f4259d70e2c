import { Spinner, TreeItem, TreeItemLayout } from '@fluentui/react-components';

/** A leaf that says a branch is loading, empty or failed (the error's message and code). */
export function StatusItem({ kind, text }: { kind: 'loading' | 'empty' | 'error'; text: string }) {
  return (
    <TreeItem itemType="leaf" aria-label={text}>
      <TreeItemLayout
        iconBefore={kind === 'loading' ? <Spinner size="extra-tiny" aria-hidden /> : undefined}
      >
        <span role={kind === 'error' ? 'alert' : undefined}>{text}</span>
      </TreeItemLayout>
    </TreeItem>
  );
}
