import { Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { renderMarkdown } from './markdown.js';
import { useRememberedFlag } from './rememberedFlag.js';
import { TextView } from './TextView.js';

const useStyles = makeStyles({
  frame: { display: 'flex', flexDirection: 'column', minHeight: 0, flexGrow: 1 },
  doc: {
    overflow: 'auto',
    flexGrow: 1,
    minHeight: 0,
    padding: `0 ${tokens.spacingHorizontalM}`,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: 'anywhere',
    '& pre': {
      backgroundColor: tokens.colorNeutralBackground3,
      padding: tokens.spacingHorizontalS,
      whiteSpace: 'pre-wrap',
      fontFamily: tokens.fontFamilyMonospace,
    },
    '& code': { fontFamily: tokens.fontFamilyMonospace },
    '& a': { color: tokens.colorBrandForegroundLink },
    '& table': { borderCollapse: 'collapse' },
    '& th, & td': { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: '2px 6px' },
    '& blockquote': {
      margin: 0,
      paddingLeft: tokens.spacingHorizontalM,
      borderLeft: `3px solid ${tokens.colorNeutralStroke1}`,
      color: tokens.colorNeutralForeground2,
    },
  },
});

/**
 * A Markdown file rendered (headings, lists, tables, code; sanitised, no raw HTML, images or
 * scripts), with a "Show source" switch (remembered) for the text with line numbers. Links
 * show their target in a tooltip and do not navigate the window.
 */
export function MarkdownView({ text }: { text: string }) {
  const styles = useStyles();
  const [source, setSource] = useRememberedFlag('markdownSource');
  const html = useMemo(() => (source ? '' : renderMarkdown(text)), [text, source]);
  return (
    <div className={styles.frame}>
      <Switch label="Show source" checked={source} onChange={(_, d) => setSource(d.checked)} />
      {source ? (
        <TextView text={text} />
      ) : (
        <div
          role="document"
          aria-label="Rendered Markdown"
          tabIndex={0}
          className={styles.doc}
          onClick={(e) => {
            const link = (e.target as HTMLElement).closest('a');
            if (link) e.preventDefault();
          }}
          onMouseOver={(e) => {
            const link = (e.target as HTMLElement).closest('a');
            if (link && !link.title) link.title = link.getAttribute('href') ?? '';
          }}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </div>
  );
}
