/**
 * "What changed" on the canvas: relations that appeared between two dates get the
 * `change-appeared` class, those that ended `change-ended`, possible changes (a partial date
 * straddles a window edge) also `change-uncertain`; every other relation `change-context`, so
 * the changes stand out. One batch, so a big graph restyles once.
 */
import type { Core } from 'cytoscape';
import { changeBetween } from './as-of-date.ts';

export const CHANGE_CLASSES = ['change-appeared', 'change-ended', 'change-uncertain', 'change-context'] as const;

export interface ChangeSet {
  appeared: ReadonlySet<string>;
  ended: ReadonlySet<string>;
  /** Of those, the ones only possibly changed. */
  uncertain: ReadonlySet<string>;
}

/** The changes between two days among the relations drawn (the pure rule of as-of-date.ts). */
export function changesAmongDrawn(cy: Core, from: string, to: string): ChangeSet {
  const appeared = new Set<string>();
  const ended = new Set<string>();
  const uncertain = new Set<string>();
  cy.edges().forEach((e) => {
    const change = changeBetween(e.data('since') as string | null, e.data('until') as string | null, from, to);
    if (change.appeared) appeared.add(e.id());
    if (change.ended) ended.add(e.id());
    if ((change.appeared || change.ended) && change.uncertain) uncertain.add(e.id());
  });
  return { appeared, ended, uncertain };
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
