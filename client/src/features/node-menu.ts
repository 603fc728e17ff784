/**
 * The context menu of an entity (right click, Shift+F10, the Menu key). Its items come from
 * the features, in the order they are given: each contributes what it can do to an entity.
 */
import type { GraphView } from '../graph/graph-view.ts';
import { ContextMenu, type MenuItem } from '../ui/context-menu.ts';
import type { GraphEvents } from './graph-events.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

/** A feature's part of the menu for entity `id`. */
export type MenuItems = (id: string) => MenuItem[];

export class NodeMenu {
  private readonly menu = new ContextMenu();

  constructor(
    private readonly view: GraphView,
    private readonly container: HTMLElement,
    private readonly sections: readonly MenuItems[],
    events: GraphEvents,
    shortcuts: KeyboardShortcuts,
  ) {
    events.on('contextMenu', ({ id, x, y }) => this.open(id, x, y));
    shortcuts.onEntity(['ContextMenu', 'Shift+F10'], (id) => this.openAtNode(id));
    // Escape closes the menu and still does what it does on the graph.
    shortcuts.on(['Escape'], () => {
      this.menu.close();
      return false;
    });
  }

  open(id: string, x: number, y: number): void {
    const name = this.view.cache.entities.get(id)?.name ?? id;
    this.menu.open(
      x,
      y,
      name,
      this.sections.flatMap((items) => items(id)),
    );
  }

  /** Opens the menu at the entity on screen (from the keyboard). */
  openAtNode(id: string): void {
    const node = this.view.cy.getElementById(id);
    const rect = this.container.getBoundingClientRect();
    const p = node.renderedPosition();
    this.open(id, rect.left + p.x, rect.top + p.y);
  }
}
