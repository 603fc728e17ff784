/**
 * A relation's evidence in the inspector. When sources disagree, supporting and disputing
 * evidence stand side by side ("Supports (2)" | "Disputes (1)"), each disputing piece naming
 * who disputes the claim; otherwise the single list it always was.
 */
import type { Evidence, Relation } from '../api/operations.ts';
import { statusClass, statusOf, STATUS_LABELS } from '../graph/relation-status.ts';
import { h } from './dom.ts';

export interface EvidenceSidesOptions {
  /** One piece of evidence (quote, outlet, date, link). */
  item(evidence: Evidence): HTMLElement;
  /** A link to an entity (who disputes). */
  entityLink(id: string, name: string): HTMLElement;
}

/** The evidence of `relation`: one list, or two columns when some of it disputes the claim. */
export function evidenceSides(relation: Pick<Relation, 'status' | 'evidence'>, options: EvidenceSidesOptions): HTMLElement {
  const status = statusOf(relation);
  if (status === 'SUPPORTED')
    return h(
      'ul',
      { class: 'evidence', 'aria-label': 'Evidence' },
      relation.evidence.map((ev) => options.item(ev)),
    );
  const supports = relation.evidence.filter((ev) => ev.stance !== 'DISPUTES');
  const disputes = relation.evidence.filter((ev) => ev.stance === 'DISPUTES');
  const column = (title: string, side: 'supports' | 'disputes', items: readonly Evidence[]) =>
    h(
      'div',
      { class: `evidence-side ${side}`, 'data-side': side },
      h('h4', {}, `${title} (${items.length})`),
      items.length > 0
        ? h(
            'ul',
            { class: 'evidence', 'aria-label': title },
            items.map((ev) => {
              const li = options.item(ev);
              const who = ev.disputedBy ?? [];
              if (side === 'disputes' && who.length > 0)
                li.prepend(
                  h(
                    'div',
                    { class: 'disputed-by' },
                    'Disputed by ',
                    ...joinWith(
                      who.map((e) => options.entityLink(e.id, e.name)),
                      ', ',
                    ),
                  ),
                );
              return li;
            }),
          )
        : h('p', { class: 'hint' }, 'No source.'),
    );
  return h(
    'div',
    { class: `evidence-sides ${statusClass(status) ?? ''}`, 'data-status': status },
    h('p', { class: `status-badge ${statusClass(status) ?? ''}` }, STATUS_LABELS[status]),
    h('div', { class: 'evidence-columns' }, column('Supports', 'supports', supports), column('Disputes', 'disputes', disputes)),
  );
}

function joinWith(items: readonly HTMLElement[], separator: string): Array<HTMLElement | string> {
  return items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]));
}
