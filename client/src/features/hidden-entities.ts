/**
 * Entities the user hid (`H`, Delete, the menu, the inspector): listed in the left sidebar
 * ("Hidden (3)", each with "Show", and "show all"), so undo is not the only way back. An entity
 * leaves the list once it is drawn again, however (Show, undo, search). Also keeps the inspector
 * from showing an entity that is no longer drawn.
 */
import type { EntitySummary } from '../api/operations.ts';
import type { Explorer } from '../graph/explorer.ts';
import { selectOnly } from '../graph/selection.ts';
import { byId, h, replaceChildren } from '../ui/dom.ts';
import type { ExpansionActions } from './expansion.ts';
import type { Feedback } from './feedback.ts';
import type { InspectorWiring } from './inspector-wiring.ts';

export class HiddenEntities {
  /** Hidden entities, most recently hidden first. */
  private readonly hidden = new Map<string, EntitySummary>();
  private readonly section: HTMLElement;
  private readonly title = h('h2', { id: 'hidden-title' });
  private readonly list = h('ul', { class: 'hidden-list', 'aria-labelledby': 'hidden-title' });

  constructor(
    private readonly explorer: Explorer,
    expansion: Pick<ExpansionActions, 'onHidden'>,
    inspector: Pick<InspectorWiring, 'shown' | 'clear'>,
    private readonly feedback: Pick<Feedback, 'announce'>,
    host: HTMLElement = byId('left'),
  ) {
    this.section = h('section', { class: 'panel-section hidden-entities', 'aria-labelledby': 'hidden-title', hidden: true }, this.title, this.list);
    host.append(this.section);
    const view = explorer.view;
    expansion.onHidden((entities) => {
      for (const entity of entities) {
        this.hidden.delete(entity.id);
        this.hidden.set(entity.id, entity);
      }
      this.render();
    });
    view.subscribe(() => {
      let changed = false;
      for (const id of [...this.hidden.keys()]) {
        if (!view.has(id)) continue;
        this.hidden.delete(id);
        changed = true;
      }
      if (changed) this.render();
      // Whatever took it away (hide, collapse, undo, a live update), a gone entity is not inspected.
      const shown = inspector.shown;
      if (shown?.kind === 'entity' && !view.has(shown.id)) inspector.clear();
      if (shown?.kind === 'relation' && view.cy.getElementById(shown.id).empty()) inspector.clear();
    });
  }

  /** The hidden entities' ids, most recently hidden first (for the test hook). */
  get ids(): string[] {
    return [...this.hidden.keys()].reverse();
  }

  /** Draws a hidden entity again (with its relations to what is drawn) and selects it. */
  async show(id: string): Promise<void> {
    const entity = this.hidden.get(id);
    if (!entity) return;
    await this.explorer.addEntity(entity);
    const view = this.explorer.view;
    if (view.has(id)) {
      selectOnly(view.cy, id);
      this.feedback.announce(`${entity.name} is shown again.`);
    }
  }

  private async showAll(): Promise<void> {
    for (const id of this.ids) await this.show(id);
  }

  private render(): void {
    const entities = [...this.hidden.values()].reverse();
    this.section.hidden = entities.length === 0;
    replaceChildren(
      this.title,
      `Hidden (${entities.length})`,
      entities.length > 1 ? h('button', { class: 'link', type: 'button', onclick: () => void this.showAll() }, 'show all') : null,
    );
    replaceChildren(
      this.list,
      entities.map((entity) =>
        h(
          'li',
          { 'data-id': entity.id },
          h('span', { class: 'hidden-name' }, entity.name),
          h('span', { class: 'hidden-kind' }, entity.kind),
          h('button', { class: 'btn small', type: 'button', 'aria-label': `Show ${entity.name}`, onclick: () => void this.show(entity.id) }, 'Show'),
        ),
      ),
    );
  }
}
