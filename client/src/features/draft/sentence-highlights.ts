/**
 * Where a candidate's sentence is highlighted: the cue that proposed the relation, the mentions
 * of its two ends, and the other mentions. Spans are UTF-16 offsets into the article (as
 * JavaScript strings index it), so a sentence's own offset turns them into offsets in its text.
 * Pure: the DOM is built from these segments (highlighted-sentence.ts).
 */
import type { TextSpan } from '../../api/draft-operations.ts';

/** What a highlight marks: the cue words, a mention of one of the relation's ends, another mention. */
export type MarkKind = 'cue' | 'end' | 'mention';

export interface SentenceMark {
  span: TextSpan;
  kind: MarkKind;
  /** Shown on hover: how the mention was resolved, or what the cue proposes. */
  title: string;
}

/** A run of the sentence with the same highlights; `kinds` empty for plain text. */
export interface Segment {
  text: string;
  kinds: MarkKind[];
  titles: string[];
}

const ORDER: readonly MarkKind[] = ['cue', 'end', 'mention'];

/**
 * Splits `text` (which starts at `offset` in the article) at every mark's edges. Marks are
 * clamped to the sentence (a span reaching past it, or outside it, is cut or dropped), may
 * overlap (a run inside two marks carries both), and never split a run of plain text.
 */
export function highlightSegments(text: string, offset: number, marks: readonly SentenceMark[]): Segment[] {
  const local = marks
    .map((m) => ({ ...m, start: Math.max(0, m.span.start - offset), end: Math.min(text.length, m.span.end - offset) }))
    .filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, text.length]);
  for (const m of local) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = local.filter((m) => m.start <= start && m.end >= end);
    const kinds = ORDER.filter((k) => covering.some((m) => m.kind === k));
    const titles = [...new Set(covering.map((m) => m.title).filter((t) => t !== ''))];
    const last = segments.at(-1);
    if (last && sameKinds(last.kinds, kinds) && sameKinds(last.titles, titles)) last.text += text.slice(start, end);
    else segments.push({ text: text.slice(start, end), kinds, titles });
  }
  return segments.filter((s) => s.text !== '');
}

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
