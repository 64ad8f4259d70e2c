import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * One Markdown parser for previews (GitHub-flavoured): raw HTML in the source is dropped (shown
 * neither as markup nor as text), and images become their alt text in brackets, so a preview
 * never loads anything, local or remote.
 */
const parser = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: () => '',
    image: ({ text }) => (text ? `[${escapeHtml(text)}]` : ''),
  },
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Markdown as sanitised HTML: rendered by `marked` without raw HTML or images, then cleaned by
 * DOMPurify (no scripts, event handlers, forms, styles or media; links kept only with http(s)
 * and mailto targets) as a second line of defence.
 */
export function renderMarkdown(source: string): string {
  const html = parser.parse(source, { async: false });
  return DOMPurify.sanitize(html, {
    FORBID_TAGS: ['style', 'img', 'svg', 'math', 'video', 'audio', 'iframe', 'form', 'input'],
    FORBID_ATTR: ['style', 'src', 'srcset'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  });
}
