/** A unified diff as the form shows it: file headers, hunk headers, added and removed lines coloured. */
import { h } from '../../ui/dom.ts';

/** The class a line of a unified diff is drawn with. */
export function diffLineClass(line: string): 'file' | 'hunk' | 'add' | 'del' | 'ctx' | 'meta' {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith(' ')) return 'ctx';
  return 'meta';
}

/** A <pre> of the diff, one span a line (screen readers hear "added"/"removed" through the hidden prefix). */
export function renderDiff(diff: string): HTMLElement {
  const lines = diff.replace(/\n$/, '').split('\n');
  return h(
    'pre',
    { class: 'diff', 'aria-label': 'Changes to the seed files' },
    lines.map((line) => {
      const kind = diffLineClass(line);
      return h(
        'span',
        { class: `diff-${kind}` },
        kind === 'add' ? h('span', { class: 'visually-hidden' }, 'added: ') : null,
        kind === 'del' ? h('span', { class: 'visually-hidden' }, 'removed: ') : null,
        line,
        '\n',
      );
    }),
  );
}
