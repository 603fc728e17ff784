/**
 * The inspector (#inspector): shows what is selected and says it to screen readers, offers the
 * entity actions as buttons, refreshes them when an action changes the entity shown, and takes
 * the focus on Enter. Adds "Inspect" to the entity menu.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import type { MenuItem } from '../ui/context-menu.ts';
import { byId } from '../ui/dom.ts';
import { InspectorPanel } from '../ui/inspector-panel.ts';
import type { ExpansionActions } from './expansion.ts';
import type { Feedback } from './feedback.ts';
import type { GraphEvents } from './graph-events.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';
import type { Paths } from './paths.ts';

/** A feature's buttons for what the inspector shows. */
export type InspectorButtons = (kind: 'entity' | 'relation', id: string) => HTMLElement[];

export class InspectorWiring {
  private readonly host = byId('inspector');
  private readonly panel: InspectorPanel;
  private readonly buttons: InspectorButtons[] = [];

  constructor(
    api: Pick<GraphQLClient, 'request'>,
    private readonly view: GraphView,
    ontology: OntologyState,
    private readonly feedback: Pick<Feedback, 'report' | 'announce'>,
    actions: ExpansionActions,
    paths: Pick<Paths, 'openEnd'>,
    events: GraphEvents,
    shortcuts: KeyboardShortcuts,
  ) {
    this.panel = new InspectorPanel(
      this.host,
      api,
      ontology.ontology,
      view.cache,
      {
        isDrawn: (id) => view.has(id),
        isPinned: (id) => view.isPinned(id),
        remaining: (id) => actions.remaining(id),
        expand: (id) => void actions.expand(id),
        collapse: (id) => void actions.collapse(id),
        togglePin: (id) => void actions.togglePin(id),
        hide: (id) => void actions.hide(id),
        pathFrom: (id) => paths.openEnd('from', id),
        pathTo: (id) => paths.openEnd('to', id),
        show: (id) => void actions.showById(id),
        onError: (error) => feedback.report(error, 'Inspector'),
        extraButtons: (kind, id) => this.buttons.flatMap((buttons) => buttons(kind, id)),
      },
      () => view.filters.asOf,
    );
    events.on('select', ({ kind, id }) => this.show(kind, id));
    events.on('clear', () => this.panel.showEmpty());
    actions.onEntityChanged((id) => {
      const shown = this.panel.shown;
      if (shown?.kind === 'entity' && shown.id === id) this.panel.refresh();
    });
    shortcuts.on(['Enter'], () => {
      if (!shortcuts.graphHasFocus()) return false;
      this.focus();
    });
  }

  /** What the inspector shows, for the test hook. */
  get shown(): { kind: 'entity' | 'relation'; id: string } | null {
    return this.panel.shown;
  }

  /** Shows what is shown again (its record, its relations or a feature's buttons changed). */
  refresh(): void {
    this.panel.refresh();
  }

  /** Empties the inspector (what it showed is gone). */
  clear(): void {
    this.panel.showEmpty();
  }

  focus(): void {
    this.host.focus();
  }

  /** Adds a feature's buttons to the inspector's actions, and redraws what is shown. */
  addButtons(buttons: InspectorButtons): void {
    this.buttons.push(buttons);
    this.refresh();
  }

  /** The menu item for entity `id`: inspect it. */
  menuItems(): MenuItem[] {
    return [{ label: 'Inspect', shortcut: 'Enter', run: () => this.focus() }];
  }

  private show(kind: 'entity' | 'relation', id: string): void {
    const cache = this.view.cache;
    if (kind === 'entity') {
      void this.panel.showEntity(id);
      const entity = cache.entities.get(id);
      if (entity) this.feedback.announce(`Selected ${entity.name}, ${entity.kind}, ${entity.degree} relations.`);
    } else {
      this.panel.showRelation(id);
      const r = cache.relations.get(id);
      const name = (end: string) => cache.entities.get(end)?.name ?? end;
      if (r) this.feedback.announce(`Selected relation: ${name(r.from.id)} ${r.phrase} ${name(r.to.id)}.`);
    }
  }
}
