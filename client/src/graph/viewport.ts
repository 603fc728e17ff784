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

function positionBounds(eles: ReturnType<Core['elements']>): { x1: number; x2: number; y1: number; y2: number; w: number; h: number } {
  let x1 = Infinity;
  let x2 = -Infinity;
  let y1 = Infinity;
  let y2 = -Infinity;
  eles.nodes().forEach((n) => {
    const p = n.position();
    x1 = Math.min(x1, p.x);
    x2 = Math.max(x2, p.x);
    y1 = Math.min(y1, p.y);
    y2 = Math.max(y2, p.y);
  });
  x1 -= NODE_MARGIN;
  x2 += NODE_MARGIN;
  y1 -= NODE_MARGIN;
  y2 += NODE_MARGIN;
  return { x1, x2, y1, y2, w: x2 - x1, h: y2 - y1 };
}

/** The zoom and pan that fit `eles` with `padding`, zoom capped at `maxZoom`. */
export function clampedFit(cy: Core, eles: ReturnType<Core['elements']>, padding = 40, maxZoom = 1.3): { zoom: number; pan: { x: number; y: number } } | null {
  if (eles.empty()) return null;
  const bb = eles.length > CHEAP_BOUNDS_FROM ? positionBounds(eles) : eles.boundingBox({});
  const w = cy.width();
  const h = cy.height();
  if (w === 0 || h === 0 || !Number.isFinite(bb.w)) return null;
  const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, (w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1)));
  const cx = (bb.x1 + bb.x2) / 2;
  const cyy = (bb.y1 + bb.y2) / 2;
  return { zoom, pan: { x: w / 2 - zoom * cx, y: h / 2 - zoom * cyy } };
}

/** Fits `eles` (default: everything visible), animated unless `animate` is false. */
export function fitView(cy: Core, eles?: ReturnType<Core['elements']>, options: { padding?: number; maxZoom?: number; animate?: boolean } = {}): void {
  const target = clampedFit(cy, eles ?? cy.elements(':visible'), options.padding ?? 40, options.maxZoom ?? 1.3);
  if (!target) return;
  if (options.animate === false) cy.viewport(target);
  else cy.animate({ ...target, duration: 300 });
}
