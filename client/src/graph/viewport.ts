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
