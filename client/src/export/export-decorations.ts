/**
 * What an exported picture may carry besides the graph, so it can go into an article as it is:
 * a legend of the kinds and relation types it shows, and a caption (the date, the filters, and
 * "source: splinternet, seed version …"). The layout is computed once here, in picture units,
 * and drawn by both the SVG and the PNG export.
 */
import type { Core } from 'cytoscape';
import type { FilterState } from '../graph/filters.ts';

/** The choices of the export menu. */
export interface ExportDecorations {
  legend: boolean;
  caption: boolean;
}

export interface LegendEntry {
  kind: 'entity' | 'relation';
  label: string;
  color: string;
  /** A Cytoscape node shape, for entity entries. */
  shape?: string;
}

/** One thing to draw below the graph, in picture units relative to the block's top-left. */
export type DecorationItem =
  | { type: 'swatch'; entry: LegendEntry; x: number; y: number; size: number }
  | { type: 'text'; text: string; x: number; y: number; size: number; muted: boolean };

export interface DecorationBlock {
  items: DecorationItem[];
  height: number;
}

/** Measures text in picture units (the SVG export estimates; the PNG export asks its canvas). */
export type MeasureText = (text: string, size: number) => number;

/** A generous estimate of a sans-serif line's width: wide enough for capitals and digits. */
export const estimateTextWidth: MeasureText = (text, size) => text.length * size * 0.62;

const LEGEND_SIZE = 12;
const CAPTION_SIZE = 12;
const ROW = 20;
const SWATCH = 12;
const GAP = 18;

/** The kinds and relation types shown (not filtered out), each once, in drawing order. */
export function legendFromCy(cy: Core): LegendEntry[] {
  const kinds = new Map<string, LegendEntry>();
  const types = new Map<string, LegendEntry>();
  cy.nodes().forEach((n) => {
    if (n.hasClass('filtered')) return;
    const kind = String(n.data('kind'));
    if (!kinds.has(kind)) kinds.set(kind, { kind: 'entity', label: kind, color: String(n.data('color')), shape: String(n.data('shape')) });
  });
  cy.edges().forEach((e) => {
    if (e.hasClass('filtered')) return;
    const type = String(e.data('type'));
    if (!types.has(type)) types.set(type, { kind: 'relation', label: String(e.data('label') ?? type), color: String(e.data('color')) });
  });
  const byLabel = (a: LegendEntry, b: LegendEntry) => a.label.localeCompare(b.label);
  return [...[...kinds.values()].sort(byLabel), ...[...types.values()].sort(byLabel)];
}

/** The caption's lines: what the picture shows, as of when, and where it comes from. */
export function captionLines(filters: FilterState, seedVersion: string | null, exportedOn: string): string[] {
  const shown = filters.asOf ? `Relations in force on ${filters.asOf}` : 'Relations at all dates';
  const hidden = [
    filters.hiddenKinds.length > 0 ? `kinds hidden: ${filters.hiddenKinds.join(', ')}` : '',
    filters.hiddenTypes.length > 0 ? `relation types hidden: ${filters.hiddenTypes.join(', ')}` : '',
  ].filter(Boolean);
  return [
    `${shown}${hidden.length > 0 ? `; ${hidden.join('; ')}` : '; no filters'}.`,
    `Source: splinternet, seed version ${seedVersion ?? 'unknown'}; exported ${exportedOn}.`,
  ];
}

/** Lays the legend and caption out in rows `width` wide. */
export function layoutDecorations(
  legend: readonly LegendEntry[] | null,
  caption: readonly string[] | null,
  width: number,
  measure: MeasureText,
): DecorationBlock {
  const items: DecorationItem[] = [];
  let y = 0;
  if (legend && legend.length > 0) {
    for (const group of ['entity', 'relation'] as const) {
      const entries = legend.filter((e) => e.kind === group);
      if (entries.length === 0) continue;
      items.push({ type: 'text', text: group === 'entity' ? 'Kinds' : 'Relations', x: 0, y: y + LEGEND_SIZE, size: LEGEND_SIZE, muted: true });
      y += ROW;
      let x = 0;
      for (const entry of entries) {
        const w = SWATCH + 6 + measure(entry.label, LEGEND_SIZE);
        if (x > 0 && x + w > width) {
          x = 0;
          y += ROW;
        }
        items.push({ type: 'swatch', entry, x, y: y + 2, size: SWATCH });
        items.push({ type: 'text', text: entry.label, x: x + SWATCH + 6, y: y + LEGEND_SIZE, size: LEGEND_SIZE, muted: false });
        x += w + GAP;
      }
      y += ROW + 4;
    }
  }
  for (const line of caption ?? []) {
    for (const part of wrap(line, width, CAPTION_SIZE, measure)) {
      items.push({ type: 'text', text: part, x: 0, y: y + CAPTION_SIZE, size: CAPTION_SIZE, muted: true });
      y += ROW - 2;
    }
  }
  return { items, height: y };
}

/** The widest any item of the block reaches (text may exceed `width` when one word does). */
export function decorationsWidth(block: DecorationBlock, measure: MeasureText): number {
  let w = 0;
  for (const item of block.items) w = Math.max(w, item.type === 'swatch' ? item.x + item.size : item.x + measure(item.text, item.size));
  return w;
}

function wrap(line: string, width: number, size: number, measure: MeasureText): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && measure(next, size) > width) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
