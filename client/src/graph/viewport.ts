/**
 * Fitting the viewport without zooming a handful of entities up to poster size: like
 * `cy.fit()`, but never closer than `maxZoom`.
 */
import type { Core } from 'cytoscape';

/** The zoom and pan that fit `eles` with `padding`, zoom capped at `maxZoom`. */
export function clampedFit(cy: Core, eles: ReturnType<Core['elements']>, padding = 40, maxZoom = 1.3): { zoom: number; pan: { x: number; y: number } } | null {
  if (eles.empty()) return null;
  const bb = eles.boundingBox({});
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
