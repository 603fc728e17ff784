/** The "?" overlay: every keyboard shortcut and mouse gesture. */
import { byId, h, replaceChildren } from './dom.ts';

export const SHORTCUTS: Array<[string, string]> = [
  ['/', 'Search entities'],
  ['E or double-click', 'Expand the selection (again: more)'],
  ['C', 'Collapse what expanding it added'],
  ['P', 'Pin / unpin the selection'],
  ['H or Delete', 'Hide the selection'],
  ['Arrow keys', 'Move the selection to the nearest entity that way'],
  ['Enter', 'Inspect the selection'],
  ['Escape', 'Clear the selection, close menus'],
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['F', 'Fit the graph to the screen'],
  ['+ / −', 'Zoom in / out'],
  ['L', 'Run the layout again'],
  ['A', 'Paths between two entities'],
  ['Shift+F / Shift+T', 'Path from / to the selection'],
  ['D', 'Switch the “as of” date filter on or off'],
  ['R', 'Add a relation from the selection (when this server accepts edits)'],
  ['I', 'Draft seed facts from an article (paste or drop it, review, save)'],
  ['Right-click, Shift+F10 or Menu key', 'Actions on an entity'],
  ['?', 'This help'],
];

export class HelpOverlay {
  private readonly el = byId('help');
  private returnFocus: HTMLElement | null = null;

  constructor() {
    const close = h('button', { class: 'btn small', type: 'button', onclick: () => this.close(), 'aria-label': 'Close help' }, 'Close');
    replaceChildren(
      this.el,
      h(
        'div',
        { class: 'dialog' },
        h('h2', { id: 'help-title' }, 'Keyboard shortcuts', close),
        h(
          'div',
          { class: 'shortcut-grid' },
          SHORTCUTS.map(([k, v]) => h('div', {}, h('span', {}, v), h('kbd', {}, k))),
        ),
        h(
          'p',
          {},
          'Every relation carries its evidence: select it to read the quote, the outlet, the date, the link and the seed file and line it comes from. The URL always holds the current view: copy it to share.',
        ),
      ),
    );
    this.el.addEventListener('click', (e) => {
      if (e.target === this.el) this.close();
    });
    this.el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' || e.key === '?') {
        e.preventDefault();
        e.stopPropagation();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.el.hidden;
  }

  open(): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.el.hidden = false;
    this.el.querySelector<HTMLButtonElement>('button')?.focus();
  }

  close(): void {
    this.el.hidden = true;
    this.returnFocus?.focus();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }
}
