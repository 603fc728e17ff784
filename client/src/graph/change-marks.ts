/**
 * "What changed" on the canvas: relations that appeared between two dates get the
 * `change-appeared` class, those that ended `change-ended`, possible changes (a partial date
 * straddles a window edge) also `change-uncertain`; every other relation `change-context`, so
 * the changes stand out. One batch, so a big graph restyles once.
 */
import type { Core } from 'cytoscape';

export const CHANGE_CLASSES = ['change-appeared', 'change-ended', 'change-uncertain', 'change-context'] as const;

export interface ChangeSet {
  appeared: ReadonlySet<string>;
  ended: ReadonlySet<string>;
  /** Of those, the ones only possibly changed. */
  uncertain: ReadonlySet<string>;
}

/** Marks `changes` on the drawing (null clears every mark). */
export function markChanges(cy: Core, changes: ChangeSet | null): void {
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const id = e.id();
      const appeared = changes?.appeared.has(id) ?? false;
      const ended = changes?.ended.has(id) ?? false;
      const want = {
        'change-appeared': appeared,
        'change-ended': ended,
        'change-uncertain': changes?.uncertain.has(id) ?? false,
        'change-context': changes !== null && !appeared && !ended,
      };
      for (const name of CHANGE_CLASSES) if (e.hasClass(name) !== want[name]) e.toggleClass(name, want[name]);
    });
  });
}
