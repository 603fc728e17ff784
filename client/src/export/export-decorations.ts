/**
 * What an exported picture may carry besides the graph, so it can go into an article as it is:
 * a legend of the kinds and relation types it shows and of what size and colour stand for when
 * the analyst chose them ("size by PageRank, colour by community"), and a caption (the date, the filters, and
 * "source: splinternet, seed version …"). The layout is computed once here, in picture units,
 * and drawn by both the SVG and the PNG export.
 */
import type { Core } from 'cytoscape';
import type { AppearanceLegend } from '../graph/appearance-legend.ts';
import type { FilterState } from '../graph/filters.ts';

/** The choices of the export menu. */
export interface ExportDecorations {
  legend: boolean;
  caption: boolean;
}

export interface LegendEntry {
  /** Its group: kinds, what colour stands for (when not kind), what size stands for, relation types. */
  kind: 'entity' | 'colour' | 'size' | 'relation';
  label: string;
  color: string;
  /** A Cytoscape node shape, for entity entries (colour and size entries are circles). */
  shape?: string;
  /** Swatch side for size entries (the smallest and largest node), else the legend's own. */
  size?: number;
}

/** Legend groups in drawing order, with their headings. */
const GROUPS = [
  ['entity', 'Kinds'],
  ['colour', 'Colour'],
  ['size', 'Size'],
  ['relation', 'Relations'],
] as const;

/** The swatch colour of kinds when colour stands for something else: only their shape tells them apart. */
const SHAPE_ONLY = '#9aa3ad';

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

/**
 * The kinds and relation types shown (not filtered out), each once, in drawing order; with the
 * appearance legend, also what colour and size stand for when it is not kind and degree.
 */
export function legendFromCy(cy: Core, appearance: AppearanceLegend | null = null): LegendEntry[] {
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
  const kindEntries = [...kinds.values()].sort(byLabel);
  const colourByKind = !appearance || appearance.color.type === 'kind';
  return [
    ...(colourByKind ? kindEntries : kindEntries.map((e) => ({ ...e, color: SHAPE_ONLY }))),
    ...(appearance ? appearanceEntries(appearance) : []),
    ...[...types.values()].sort(byLabel),
  ];
}

/** What colour and size stand for, as legend entries: nothing for the default (kind, degree). */
export function appearanceEntries({ color, size }: AppearanceLegend): LegendEntry[] {
  const out: LegendEntry[] = [];
  if (color.type === 'categories') {
    for (const item of color.items) out.push({ kind: 'colour', label: `${color.label} ${item.label} (${item.count})`, color: item.color });
  } else if (color.type === 'ramp') {
    out.push({ kind: 'colour', label: `${color.label}: low ${color.min}`, color: color.stops[0] ?? SHAPE_ONLY });
    out.push({ kind: 'colour', label: `high ${color.max}`, color: color.stops[color.stops.length - 1] ?? SHAPE_ONLY });
  }
  if (size.label !== 'Degree' && size.min !== null && size.max !== null) {
    out.push({ kind: 'size', label: `${size.label}: ${size.min}`, color: SHAPE_ONLY, size: Math.max(4, size.minSize) });
    out.push({ kind: 'size', label: size.max, color: SHAPE_ONLY, size: Math.max(4, Math.min(size.maxSize, 2 * SWATCH)) });
  }
  return out;
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
    for (const [group, heading] of GROUPS) {
      const entries = legend.filter((e) => e.kind === group);
      if (entries.length === 0) continue;
      items.push({ type: 'text', text: heading, x: 0, y: y + LEGEND_SIZE, size: LEGEND_SIZE, muted: true });
      y += ROW;
      // A row as tall as its largest swatch (size entries may be larger than the legend's own).
      const rowOf = (entry: LegendEntry) => Math.max(ROW, (entry.size ?? SWATCH) + 8);
      let rowHeight = ROW;
      let x = 0;
      for (const entry of entries) {
        const side = entry.size ?? SWATCH;
        const w = side + 6 + measure(entry.label, LEGEND_SIZE);
        if (x > 0 && x + w > width) {
          x = 0;
          y += rowHeight;
          rowHeight = ROW;
        }
        rowHeight = Math.max(rowHeight, rowOf(entry));
        const middle = y + Math.max(ROW, side + 8) / 2;
        items.push({ type: 'swatch', entry, x, y: side > SWATCH ? middle - side / 2 : y + 2, size: side });
        items.push({
          type: 'text',
          text: entry.label,
          x: x + side + 6,
          y: side > SWATCH ? middle + LEGEND_SIZE / 2 - 2 : y + LEGEND_SIZE,
          size: LEGEND_SIZE,
          muted: false,
        });
        x += w + GAP;
      }
      y += rowHeight + 4;
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
