/**
 * Entity labels that stay legible when the view is zoomed out: below zoom 1 the label's font
 * grows so it is drawn at LABEL_PX on screen, down to MIN_COMPENSATED_ZOOM (further out, labels
 * shrink again and fade under the stylesheet's min-zoomed-font-size, as the overview they are).
 * Only normal-size graphs do this: restyling thousands of labels on every zoom would cost more
 * than it gives.
 */
import type { Core } from 'cytoscape';

/** The on-screen size labels keep, px. */
export const LABEL_PX = 11;
/** Below this zoom labels are no longer enlarged. */
export const MIN_COMPENSATED_ZOOM = 0.45;
/** Restyle once the zoom has settled for this long, not on every frame of a zoom. */
const SETTLE_MS = 90;

/** The font size (model px) of entity labels at `zoom`. */
export function labelFontSize(zoom: number): number {
  const z = Math.min(1, Math.max(MIN_COMPENSATED_ZOOM, zoom));
  return Math.round((LABEL_PX / z) * 10) / 10;
}

/** The widest a label may be (model px) at `zoom`, so it wraps at the same screen width. */
export function labelMaxWidth(zoom: number): number {
  return Math.round((labelFontSize(zoom) / LABEL_PX) * 140);
}

/** Restyles `cy` when its zoom settles (its stylesheet reads labelFontSize). */
export function keepLabelsLegible(cy: Core): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let applied = labelFontSize(cy.zoom());
  cy.on('zoom', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (cy.destroyed()) return;
      const next = labelFontSize(cy.zoom());
      if (next === applied) return;
      applied = next;
      cy.style().update();
    }, SETTLE_MS);
  });
}
