/**
 * The search box (#search-slot, `/`): picking an entity draws it with its relations to what is
 * drawn (or brings it into view if it is drawn), selects it and gives the graph the focus.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import { selectOnly } from '../graph/selection.ts';
import { byId } from '../ui/dom.ts';
import { EntityCombobox } from '../ui/entity-combobox.ts';
import type { Feedback } from './feedback.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

export class Search {
  private readonly box: EntityCombobox;
  private dismissError: (() => void) | undefined;

  constructor(
    api: Pick<GraphQLClient, 'request'>,
    explorer: Explorer,
    ontology: OntologyState,
    feedback: Pick<Feedback, 'report'>,
    shortcuts: KeyboardShortcuts,
  ) {
    const view = explorer.view;
    this.box = new EntityCombobox({
      api,
      label: 'Search entities',
      placeholder: 'Search countries, companies, apps, officials…  ( / )',
      kindStyle: (kind) => ontology.kindStyle(kind),
      isDrawn: (id) => view.has(id),
      // The graph takes the focus with the entity selected: `/huawei`, Enter, `E` expands Huawei.
      onPick: (entity) => {
        shortcuts.focusGraph();
        void explorer.addEntity(entity).then(() => {
          if (view.has(entity.id)) selectOnly(view.cy, entity.id);
        });
      },
      onError: (error) => {
        this.dismissError?.();
        this.dismissError = feedback.report(error, 'Search');
      },
      // A search that answers makes the toast of an earlier failed one stale.
      onResults: () => {
        this.dismissError?.();
        this.dismissError = undefined;
      },
    });
    byId('search-slot').append(this.box.element);
    shortcuts.on(['/'], () => this.box.focus());
  }
}
