/**
 * Zoom and fit: the zoom buttons (#zoom-controls), their keys (`+`, `−`, `F`), and bringing
 * what an action just drew into view, briefly marked.
 */
import type { GraphView } from '../graph/graph-view.ts';
import { fitView } from '../graph/viewport.ts';
import { byId, h } from '../ui/dom.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

/** How long new entities keep their "new" mark. */
const NEW_MARK_MS = 1600;

export class ViewportControls {
  constructor(
    private readonly view: GraphView,
    shortcuts: KeyboardShortcuts,
  ) {
    byId('zoom-controls').append(
      h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Zoom in', title: 'Zoom in (+)', onclick: () => this.zoomBy(1.25) }, '+'),
      h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Zoom out', title: 'Zoom out (−)', onclick: () => this.zoomBy(0.8) }, '−'),
      h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Fit to screen', title: 'Fit (F)', onclick: () => this.fit() }, '⤢'),
    );
    shortcuts.on(['f'], () => this.fit());
    shortcuts.on(['+', '='], () => this.zoomBy(1.25));
    shortcuts.on(['-', '_'], () => this.zoomBy(0.8));
  }

  zoomBy(factor: number): void {
    const cy = this.view.cy;
    cy.animate({ zoom: { level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }, duration: 150 });
  }

  fit(): void {
    fitView(this.view.cy, undefined, { maxZoom: 2 });
  }

  /** Brings new entities into view (if they are not) and briefly marks them; `focus` counts too. */
  focusOn(ids: readonly string[], focus: string | null): void {
    const cy = this.view.cy;
    const added = cy.collection();
    for (const id of ids) added.merge(cy.getElementById(id));
    const target = focus ? cy.getElementById(focus) : cy.collection();
    const area = added.union(target);
    if (area.nonempty()) {
      const ext = cy.extent();
      const bb = area.boundingBox({});
      const outside = bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2;
      if (outside) fitView(cy, area.union(area.neighborhood()), { padding: 60 });
    }
    added.addClass('new');
    setTimeout(() => added.removeClass('new'), NEW_MARK_MS);
  }
}
