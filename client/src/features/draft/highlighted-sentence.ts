/**
 * A candidate's sentence as the review shows it: text nodes and <mark> elements only, so the
 * article's text (anyone's input) is never parsed as HTML.
 */
import { h } from '../../ui/dom.ts';
import { highlightSegments, type SentenceMark } from './sentence-highlights.ts';

/** A <blockquote> of the sentence with its cue and mentions marked (classes mark-cue, mark-end, mark-mention). */
export function highlightedSentence(text: string, offset: number, marks: readonly SentenceMark[]): HTMLElement {
  const quote = h('blockquote', { class: 'draft-sentence' });
  for (const segment of highlightSegments(text, offset, marks)) {
    if (segment.kinds.length === 0) {
      quote.append(document.createTextNode(segment.text));
      continue;
    }
    const mark = h('mark', { class: segment.kinds.map((k) => `mark-${k}`).join(' ') });
    if (segment.titles.length > 0) mark.title = segment.titles.join('\n');
    mark.append(document.createTextNode(segment.text));
    quote.append(mark);
  }
  return quote;
}
