/**
 * The selection on the canvas: one element at a time. Helpers shared by the features that
 * select (search, inspector links, keyboard) and those that act on the selected entity.
 */
import type { Core } from 'cytoscape';
import { nearestInDirection, type ArrowDirection } from './arrow-navigation.ts';

/** Selects the drawn element `id`, and only it. Does nothing if it is not drawn. */
export function selectOnly(cy: Core, id: string): void {
  const ele = cy.getElementById(id);
  if (ele.empty()) return;
  cy.$(':selected').not(ele).unselect();
  ele.select();
}

/** The selected entity, or null (also when a relation is selected). */
export function selectedEntityId(cy: Core): string | null {
  const node = cy.$('node:selected').first();
  return node.nonempty() ? node.id() : null;
}

/** The selected entity or relation, or null. */
export function selectedElementId(cy: Core): string | null {
  const selected = cy.$(':selected').first();
  return selected.nonempty() ? selected.id() : null;
}

/**
 * Moves the selection to the nearest visible entity in `direction` (from the middle of the
 * view when nothing is selected), panning to it if it is off screen.
 */
export function moveSelection(cy: Core, direction: ArrowDirection): void {
  const visible = cy.nodes(':visible');
  if (visible.empty()) return;
  const current = cy.nodes(':selected').first();
  let nextId: string | undefined;
  if (current.empty()) {
    const ext = cy.extent();
    const middle = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
    const closest = visible.min((n) => Math.hypot(n.position('x') - middle.x, n.position('y') - middle.y));
    nextId = closest.ele?.id();
  } else {
    nextId = nearestInDirection(
      current.position(),
      visible.map((n) => ({ id: n.id(), position: n.position() })),
      direction,
    );
  }
  if (!nextId) return;
  selectOnly(cy, nextId);
  const node = cy.getElementById(nextId);
  const ext = cy.extent();
  const p = node.position();
  if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.animate({ center: { eles: node }, duration: 200 });
}
