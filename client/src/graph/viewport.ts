/**
 * Fitting the viewport without zooming a handful of entities up to poster size: like
 * `cy.fit()`, but never closer than `maxZoom`.
 */
import type { Core } from 'cytoscape';

/**
 * Past this many elements the box to fit comes from node positions alone: Cytoscape's
 * boundingBox() would first compute every edge's and label's geometry (over a second at 10k).
 */
const CHEAP_BOUNDS_FROM = 500;
/** Room around node centres in that box, for the nodes themselves. @default 30 */
const NODE_MARGIN = 30;

type Point = { x: number; y: number };
type Box = { x1: number; x2: number; y1: number; y2: number; w: number; h: number };

/** The box around `points`, with room for the nodes drawn there. */
function pointBounds(points: Iterable<Point>): Box {
  let x1 = Infinity;
  let x2 = -Infinity;
  let y1 = Infinity;
  let y2 = -Infinity;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    x2 = Math.max(x2, p.x);
    y1 = Math.min(y1, p.y);
    y2 = Math.max(y2, p.y);
  }
  x1 -= NODE_MARGIN;
  x2 += NODE_MARGIN;
  y1 -= NODE_MARGIN;
  y2 += NODE_MARGIN;
  return { x1, x2, y1, y2, w: x2 - x1, h: y2 - y1 };
}

/** The zoom and pan that fit `bb` with `padding`, zoom capped at `maxZoom`. */
function fitBox(cy: Core, bb: Box, padding: number, maxZoom: number): { zoom: number; pan: Point } | null {
  const w = cy.width();
  const h = cy.height();
  if (w === 0 || h === 0 || !Number.isFinite(bb.w)) return null;
  const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, (w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1)));
  const cx = (bb.x1 + bb.x2) / 2;
  const cyy = (bb.y1 + bb.y2) / 2;
  return { zoom, pan: { x: w / 2 - zoom * cx, y: h / 2 - zoom * cyy } };
}

/** The zoom and pan that fit `eles` with `padding`, zoom capped at `maxZoom`. */
export function clampedFit(cy: Core, eles: ReturnType<Core['elements']>, padding = 40, maxZoom = 1.3): { zoom: number; pan: Point } | null {
  if (eles.empty()) return null;
  return fitBox(cy, eles.length > CHEAP_BOUNDS_FROM ? pointBounds(eles.nodes().map((n) => n.position())) : eles.boundingBox({}), padding, maxZoom);
}

/**
 * Fits the viewport, at once, to nodes that are (or are about to be) at `points`: a big graph
 * is fitted before it is drawn, so its first frames are drawn at the zoom it will be seen at.
 */
export function fitPoints(cy: Core, points: Iterable<Point>, padding = 40, maxZoom = 1.3): void {
  const target = fitBox(cy, pointBounds(points), padding, maxZoom);
  if (target) cy.viewport(target);
}

/** Fits `eles` (default: everything visible), animated unless `animate` is false. */
export function fitView(cy: Core, eles?: ReturnType<Core['elements']>, options: { padding?: number; maxZoom?: number; animate?: boolean } = {}): void {
  const target = clampedFit(cy, eles ?? cy.elements(':visible'), options.padding ?? 40, options.maxZoom ?? 1.3);
  if (!target) return;
  if (options.animate === false) cy.viewport(target);
  else cy.animate({ ...target, duration: 300 });
}

/** A rectangle in the canvas's own pixels (0,0 is its top-left corner). */
export interface ScreenRect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * The largest part of a `width` × `height` canvas that `cover` (a panel over it, in the same
 * pixels) leaves free: the strip beside it, above or below it, whichever is biggest. The whole
 * canvas when the panel does not overlap it.
 */
export function freeArea(width: number, height: number, cover: ScreenRect | null): ScreenRect {
  const whole = { x1: 0, y1: 0, x2: width, y2: height };
  if (!cover || cover.x2 <= 0 || cover.y2 <= 0 || cover.x1 >= width || cover.y1 >= height) return whole;
  const strips: ScreenRect[] = [
    { x1: Math.max(0, cover.x2), y1: 0, x2: width, y2: height },
    { x1: 0, y1: 0, x2: Math.min(width, cover.x1), y2: height },
    { x1: 0, y1: Math.max(0, cover.y2), x2: width, y2: height },
    { x1: 0, y1: 0, x2: width, y2: Math.min(height, cover.y1) },
  ];
  const area = (r: ScreenRect) => Math.max(0, r.x2 - r.x1) * Math.max(0, r.y2 - r.y1);
  return strips.reduce((best, r) => (area(r) > area(best) ? r : best));
}

/**
 * The part of `cy`'s canvas that `panel` (an element over it, or null when closed) leaves
 * free, with a margin so what is fitted there does not touch the panel's edge or shadow.
 */
export function areaBeside(cy: Core, panel: Element | null, margin = 12): ScreenRect {
  const canvas = cy.container()?.getBoundingClientRect();
  if (!canvas || !panel) return freeArea(cy.width(), cy.height(), null);
  const rect = panel.getBoundingClientRect();
  return freeArea(cy.width(), cy.height(), {
    x1: rect.left - canvas.left - margin,
    y1: rect.top - canvas.top - margin,
    x2: rect.right - canvas.left + margin,
    y2: rect.bottom - canvas.top + margin,
  });
}

/**
 * Fits `eles` into `area` of the canvas (the part a panel leaves free), animated unless
 * `animate` is false: the zoom that fits them there with `padding`, capped at `maxZoom`, and
 * the pan that centres them in it.
 */
export function fitViewInto(
  cy: Core,
  eles: ReturnType<Core['elements']>,
  area: ScreenRect,
  options: { padding?: number; maxZoom?: number; animate?: boolean } = {},
): void {
  if (eles.empty()) return;
  const padding = options.padding ?? 40;
  const bb = eles.length > CHEAP_BOUNDS_FROM ? pointBounds(eles.nodes().map((n) => n.position())) : eles.boundingBox({});
  const w = area.x2 - area.x1 - 2 * padding;
  const h = area.y2 - area.y1 - 2 * padding;
  if (w <= 0 || h <= 0 || !Number.isFinite(bb.w)) return fitView(cy, eles, options);
  const zoom = Math.max(cy.minZoom(), Math.min(options.maxZoom ?? 1.3, w / Math.max(bb.w, 1), h / Math.max(bb.h, 1)));
  const pan = { x: (area.x1 + area.x2) / 2 - zoom * ((bb.x1 + bb.x2) / 2), y: (area.y1 + area.y2) / 2 - zoom * ((bb.y1 + bb.y2) / 2) };
  if (options.animate === false) cy.viewport({ zoom, pan });
  else cy.animate({ zoom, pan, duration: 300 });
}
