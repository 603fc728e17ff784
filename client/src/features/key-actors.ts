/**
 * Key actors (#left): the most central entities of the whole graph (`keyActors`), by PageRank,
 * degree or betweenness, optionally of one kind. Picking one draws it if it is not drawn,
 * selects it and brings it into view. The list is read again when the graph changes (every
 * seed version refreshes the counts, so it follows `OntologyState`).
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import { KEY_ACTORS } from '../api/operations.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import { byId } from '../ui/dom.ts';
import { KeyActorsList, METRIC_LABELS, type KeyActorsQuery } from '../ui/key-actors-list.ts';
import type { ExpansionActions } from './expansion.ts';
import type { Feedback } from './feedback.ts';
import type { ViewportControls } from './viewport-controls.ts';

/** How many key actors the list shows. @default 12 */
export const KEY_ACTORS_SHOWN = 12;

export class KeyActors {
  private readonly list: KeyActorsList;
  private ticket = 0;

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly ontology: OntologyState,
    expansion: Pick<ExpansionActions, 'show'>,
    viewport: Pick<ViewportControls, 'focusOn'>,
    private readonly feedback: Pick<Feedback, 'report' | 'announce'>,
    host: HTMLElement = byId('left'),
  ) {
    this.list = new KeyActorsList({
      kinds: () => ontology.ontology.kinds,
      onQuery: (query) => void this.load(query),
      onPick: (actor) =>
        void expansion.show(actor.entity).then(() => {
          viewport.focusOn([], actor.entity.id);
          feedback.announce(`${actor.entity.name}, number ${actor.rank} by ${METRIC_LABELS[this.list.query.by]}, selected.`);
        }),
    });
    // After the appearance section, before the kinds.
    const appearance = host.querySelector('.appearance');
    host.insertBefore(this.list.element, appearance?.nextSibling ?? host.children[1] ?? null);
    ontology.subscribe(() => {
      this.list.fillKinds();
      void this.load(this.list.query);
    });
    void this.load(this.list.query);
  }

  private async load(query: KeyActorsQuery): Promise<void> {
    const ticket = ++this.ticket;
    this.list.showLoading();
    try {
      const { keyActors } = await this.api.request(KEY_ACTORS, { by: query.by, kinds: query.kind ? [query.kind] : null, first: KEY_ACTORS_SHOWN });
      if (ticket !== this.ticket) return;
      this.list.render(keyActors, (kind) => this.ontology.kindStyle(kind));
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.list.showMessage('Could not load the key actors.');
      this.feedback.report(error, 'Key actors');
    }
  }
}
