/**
 * SVG export: a small serializer of what is drawn — node shapes, colours and labels at their
 * positions, edges as lines (curved apart when several join the same pair) with arrowheads and,
 * for small drawings, their phrases. No Cytoscape extension does this for 3.35, so it is ours.
 */
import type { Core } from 'cytoscape';
import { THEME } from '../graph/graph-style.ts';
import { decorationsWidth, estimateTextWidth, layoutDecorations, type DecorationBlock, type LegendEntry } from './export-decorations.ts';
import { nodeShapePath } from './node-shape-path.ts';

export interface SvgNode {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  shape: string;
  pinned?: boolean;
}

export interface SvgEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  dashed: boolean;
  highlighted?: boolean;
  /** #rrggbb; the theme's edge colour when absent. */
  color?: string;
}

export interface SvgInput {
  nodes: SvgNode[];
  edges: SvgEdge[];
  /** Draw edge labels. @default edges.length <= 300 */
  edgeLabels?: boolean;
  title?: string;
  /** A legend of these entries below the drawing (export-decorations.ts). */
  legend?: LegendEntry[] | null;
  /** Caption lines below the drawing and legend. */
  caption?: string[] | null;
}

/** Margin around everything drawn. */
const PAD = 24;
const NODE_LABEL_SIZE = 11;
const EDGE_LABEL_SIZE = 9;
/** Space between the drawing and the legend or caption. */
const DECORATION_GAP = 28;
const f = (n: number) => Number(n.toFixed(1));

/** The visible part of `cy` as serializer input. */
/**
 * The drawing's nodes and edges. `fill` is the colour "colour by" gives a node (community, a
 * metric), when it is not its kind's: the stylesheet's mapping, which a headless graph does not compute.
 */
export function svgInputFromCy(cy: Core, title?: string, fill?: (data: Readonly<Record<string, unknown>>) => string): SvgInput {
  const visible = (ele: { hasClass(c: string): boolean }) => !ele.hasClass('filtered');
  const nodes: SvgNode[] = [];
  cy.nodes().forEach((n) => {
    if (!visible(n)) return;
    nodes.push({
      id: n.id(),
      label: String(n.data('label') ?? n.id()),
      x: n.position('x'),
      y: n.position('y'),
      width: n.width() || 30,
      height: n.height() || 30,
      color: fill ? fill(n.data() as Record<string, unknown>) : String(n.data('color') ?? '#888888'),
      shape: String(n.data('shape') ?? 'ellipse'),
      pinned: n.hasClass('pinned'),
    });
  });
  const edges: SvgEdge[] = [];
  cy.edges().forEach((e) => {
    if (!visible(e) || !visible(e.source()) || !visible(e.target())) return;
    edges.push({
      id: e.id(),
      source: e.source().id(),
      target: e.target().id(),
      label: String(e.data('label') ?? ''),
      dashed: e.data('confidence') === 'LOW',
      highlighted: e.hasClass('path'),
      color: String(e.data('color') ?? THEME.edge),
    });
  });
  return title === undefined ? { nodes, edges } : { nodes, edges, title };
}

/** A standalone SVG document of the drawing. */
export function buildSvg(input: SvgInput): string {
  const byId = new Map(input.nodes.map((n) => [n.id, n]));
  const showEdgeLabels = input.edgeLabels ?? input.edges.length <= 300;

  // Edges joining the same pair are bent apart, as Cytoscape's bezier edges are.
  const pairs = new Map<string, SvgEdge[]>();
  for (const e of input.edges) {
    const key = [e.source, e.target].sort().join('\u0000');
    pairs.set(key, [...(pairs.get(key) ?? []), e]);
  }
  const edges: EdgeGeometry[] = [];
  for (const group of pairs.values()) {
    group.forEach((e, i) => {
      const s = byId.get(e.source);
      const t = byId.get(e.target);
      if (!s || !t) return;
      edges.push(edgeGeometry(e, s, t, (i - (group.length - 1) / 2) * 22 * (e.source < e.target ? 1 : -1)));
    });
  }

  // The bounds hold every shape and every label (estimated generously: the reader's font may
  // be wider than ours), so nothing is cut at an edge.
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  const grow = (ax: number, ay: number, bx: number, by: number) => {
    x1 = Math.min(x1, ax);
    y1 = Math.min(y1, ay);
    x2 = Math.max(x2, bx);
    y2 = Math.max(y2, by);
  };
  for (const n of input.nodes) {
    const half = Math.max(n.width, estimateTextWidth(n.label, NODE_LABEL_SIZE)) / 2;
    grow(n.x - half, n.y - n.height / 2, n.x + half, n.y + n.height / 2 + 13 + NODE_LABEL_SIZE * 0.35);
  }
  for (const g of edges) {
    grow(Math.min(g.sx, g.tx, g.mx), Math.min(g.sy, g.ty, g.my), Math.max(g.sx, g.tx, g.mx), Math.max(g.sy, g.ty, g.my));
    if (showEdgeLabels && g.edge.label) {
      const half = estimateTextWidth(g.edge.label, EDGE_LABEL_SIZE) / 2;
      grow(g.lx - half, g.ly - 3 - EDGE_LABEL_SIZE, g.lx + half, g.ly);
    }
  }
  if (!Number.isFinite(x1)) [x1, y1, x2, y2] = [0, 0, 100, 100];

  const decorations =
    (input.legend && input.legend.length > 0) || (input.caption && input.caption.length > 0)
      ? layoutDecorations(input.legend ?? null, input.caption ?? null, Math.max(x2 - x1, 480), estimateTextWidth)
      : null;
  const decorationsTop = y2 + DECORATION_GAP;
  if (decorations) grow(x1, y1, x1 + decorationsWidth(decorations, estimateTextWidth), decorationsTop + decorations.height);

  const vx = f(x1 - PAD);
  const vy = f(y1 - PAD);
  const vw = f(x2 - x1 + 2 * PAD);
  const vh = f(y2 - y1 + 2 * PAD);

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="${vx} ${vy} ${vw} ${vh}" width="${vw}" height="${vh}" font-family="Inter, Segoe UI, system-ui, sans-serif">`,
  );
  if (input.title) out.push(`<title>${escapeXml(input.title)}</title>`);
  out.push(
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="${THEME.edge}"/></marker>`,
    `<marker id="arrow-hi" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 Z" fill="${THEME.path}"/></marker>`,
    '</defs>',
  );
  out.push(`<rect x="${vx}" y="${vy}" width="${vw}" height="${vh}" fill="${THEME.background}"/>`);

  out.push('<g class="edges" fill="none">');
  for (const g of edges) out.push(edgeSvg(g, showEdgeLabels));
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const n of input.nodes) {
    const stroke = n.pinned ? `stroke="${THEME.pinned}" stroke-width="3"` : 'stroke="#0b0f14" stroke-width="1"';
    out.push(
      `<g class="node" data-id="${escapeXml(n.id)}">`,
      `<path d="${nodeShapePath(n.shape, n.x, n.y, n.width, n.height)}" fill="${escapeXml(n.color)}" ${stroke}/>`,
      `<text x="${f(n.x)}" y="${f(n.y + n.height / 2 + 13)}" text-anchor="middle" font-size="${NODE_LABEL_SIZE}" fill="${THEME.label}" stroke="${THEME.labelOutline}" stroke-width="3" paint-order="stroke">${escapeXml(n.label)}</text>`,
      '</g>',
    );
  }
  out.push('</g>');
  if (decorations) out.push(decorationsSvg(decorations, x1, decorationsTop));
  out.push('</svg>', '');
  return out.join('\n');
}

interface EdgeGeometry {
  edge: SvgEdge;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  /** The control point (equal to the midpoint when straight). */
  mx: number;
  my: number;
  bend: number;
  /** Where the label sits. */
  lx: number;
  ly: number;
}

function edgeGeometry(e: SvgEdge, s: SvgNode, t: SvgNode, bend: number): EdgeGeometry {
  const dx = t.x - s.x;
  const dy = t.y - s.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // Stop at the nodes' outlines (approximated by their inscribed ellipses).
  const rs = boundary(s, ux, uy);
  const rt = boundary(t, -ux, -uy);
  const sx = s.x + ux * rs;
  const sy = s.y + uy * rs;
  const tx = t.x - ux * rt;
  const ty = t.y - uy * rt;
  const mx = (sx + tx) / 2 - uy * bend;
  const my = (sy + ty) / 2 + ux * bend;
  // A quadratic's midpoint is halfway between the chord's midpoint and the control point.
  const lx = bend === 0 ? mx : ((sx + tx) / 2 + mx) / 2;
  const ly = bend === 0 ? my : ((sy + ty) / 2 + my) / 2;
  return { edge: e, sx, sy, tx, ty, mx, my, bend, lx, ly };
}

function edgeSvg(g: EdgeGeometry, withLabel: boolean): string {
  const { edge: e, sx, sy, tx, ty, mx, my, bend, lx, ly } = g;
  const colour = e.highlighted ? THEME.path : /^#[0-9a-fA-F]{6}$/.test(e.color ?? '') ? e.color! : THEME.edge;
  const d = bend === 0 ? `M${f(sx)} ${f(sy)} L${f(tx)} ${f(ty)}` : `M${f(sx)} ${f(sy)} Q${f(mx)} ${f(my)} ${f(tx)} ${f(ty)}`;
  const parts = [
    `<path d="${d}" stroke="${colour}" stroke-width="${e.highlighted ? 3 : 1.4}"${e.dashed ? ' stroke-dasharray="6 3"' : ''} marker-end="url(#${e.highlighted ? 'arrow-hi' : 'arrow'})" data-id="${escapeXml(e.id)}"/>`,
  ];
  if (withLabel && e.label) {
    parts.push(
      `<text x="${f(lx)}" y="${f(ly - 3)}" text-anchor="middle" font-size="${EDGE_LABEL_SIZE}" fill="${THEME.edgeLabel}" stroke="${THEME.labelOutline}" stroke-width="3" paint-order="stroke">${escapeXml(e.label)}</text>`,
    );
  }
  return parts.join('');
}

/** The legend and caption, from the shared layout, with its top-left at (x, y). */
function decorationsSvg(block: DecorationBlock, x: number, y: number): string {
  const out = [`<g class="decorations" transform="translate(${f(x)} ${f(y)})">`];
  for (const item of block.items) {
    if (item.type === 'text') {
      out.push(
        `<text x="${f(item.x)}" y="${f(item.y)}" font-size="${item.size}" fill="${item.muted ? THEME.edgeLabel : THEME.label}">${escapeXml(item.text)}</text>`,
      );
    } else if (item.entry.kind !== 'relation') {
      const c = item.size / 2;
      out.push(
        `<path d="${nodeShapePath(item.entry.shape ?? 'ellipse', item.x + c, item.y + c, item.size, item.size)}" fill="${escapeXml(item.entry.color)}"/>`,
      );
    } else {
      out.push(
        `<line x1="${f(item.x)}" y1="${f(item.y + item.size / 2)}" x2="${f(item.x + item.size)}" y2="${f(item.y + item.size / 2)}" stroke="${escapeXml(item.entry.color)}" stroke-width="3"/>`,
      );
    }
  }
  out.push('</g>');
  return out.join('');
}

function boundary(n: SvgNode, ux: number, uy: number): number {
  const a = n.width / 2;
  const b = n.height / 2;
  return (a * b) / Math.sqrt((b * ux) ** 2 + (a * uy) ** 2 || 1);
}

/** Escapes text for XML content and attributes, dropping characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
