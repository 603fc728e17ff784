/**
 * The search box (#search-slot, `/`): picking an entity draws it with its relations to what is
 * drawn (or brings it into view if it is drawn) and selects it.
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
      onPick: (entity) => void explorer.addEntity(entity).then(() => selectOnly(view.cy, entity.id)),
      onError: (error) => feedback.report(error, 'Search'),
    });
    byId('search-slot').append(this.box.element);
    shortcuts.on(['/'], () => this.box.focus());
  }
}
