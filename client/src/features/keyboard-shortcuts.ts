/**
 * The page's keyboard shortcuts: a registry that features add their keys to, and the help
 * overlay (`?`) that lists them. The graph's own keys live here: arrows move the selection,
 * Escape clears it. Shortcuts never fire while the user types in a field or reads the help.
 *
 * Keys are `KeyboardEvent.key` values (`e`, `E`, `Delete`, `?`), `Shift+F10`, or `Mod+z` /
 * `Mod+Shift+z` (Ctrl or ⌘). Handlers of the same key run newest first; one that returns
 * `false` passes the key on (and if none takes it, the browser gets it).
 */
import type { GraphView } from '../graph/graph-view.ts';
import { moveSelection, selectedEntityId } from '../graph/selection.ts';
import type { ArrowDirection } from '../graph/arrow-navigation.ts';
import { isTyping } from '../ui/dom.ts';
import { HelpOverlay } from '../ui/help-overlay.ts';

/** Runs for a key; `false` means "not for me", the key goes on to older handlers. */
export type ShortcutHandler = (event: KeyboardEvent) => boolean | void;

const ARROWS: Record<string, ArrowDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export class KeyboardShortcuts {
  private readonly handlers = new Map<string, ShortcutHandler[]>();
  private readonly help = new HelpOverlay();

  constructor(
    private readonly view: GraphView,
    /** The canvas: arrows and Enter act on the graph only when it (or nothing) has focus. */
    private readonly canvas: HTMLElement,
  ) {
    document.addEventListener('keydown', (e) => this.dispatch(e));
    // Capture phase: fields stop Escape's propagation (a combobox closing its list), and the
    // focus they leave behind is only known once they have handled it.
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && !this.help.isOpen) setTimeout(() => this.returnFocusAfterEscape(), 0);
      },
      true,
    );
    this.on(['?'], () => this.help.toggle());
    for (const key of Object.keys(ARROWS)) {
      this.on([key], () => {
        // Lists and sliders keep their arrows.
        if (!this.graphHasFocus()) return false;
        moveSelection(this.view.cy, ARROWS[key]!);
      });
    }
    this.on(['Escape'], () => void this.view.cy.$(':selected').unselect());
  }

  /** Adds a handler for each of `keys`. */
  on(keys: readonly string[], handler: ShortcutHandler): void {
    for (const key of keys) this.handlers.set(key, [handler, ...(this.handlers.get(key) ?? [])]);
  }

  /** Adds a handler that acts on the selected entity; with no entity selected the key is not taken. */
  onEntity(keys: readonly string[], run: (id: string) => void): void {
    this.on(keys, () => {
      const id = selectedEntityId(this.view.cy);
      if (!id) return false;
      run(id);
    });
  }

  /** Whether the canvas (or nothing in particular) has the focus. */
  graphHasFocus(): boolean {
    const active = document.activeElement;
    return !active || active === document.body || active === this.canvas;
  }

  /** Gives the canvas the keyboard focus, so E / C / P / arrows act on the selected entity. */
  focusGraph(): void {
    this.canvas.focus({ preventScroll: true });
  }

  toggleHelp(): void {
    this.help.toggle();
  }

  /**
   * Escape out of a panel (search, paths, inspector, filters) lands on the graph, not on the
   * page body where no key acts. A field that keeps the focus on Escape (a combobox closing its
   * list, clearing its text) and dialogs (which own their Escape) are left alone.
   */
  private returnFocusAfterEscape(): void {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return this.focusGraph();
    if (active === this.canvas || active.closest('[role="dialog"], dialog, [role="menu"]')) return;
    const inPanel = active.closest('#left, #inspector, #path-slot, #search-slot');
    const typing = active.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(active.tagName);
    const textField = typing && !['checkbox', 'radio', 'range', 'button'].includes((active as HTMLInputElement).type);
    if (inPanel && !textField) this.focusGraph();
  }

  private dispatch(e: KeyboardEvent): void {
    if (this.help.isOpen || isTyping(e)) return;
    const mod = e.ctrlKey || e.metaKey;
    let names: string[];
    if (mod) names = [`Mod+${e.shiftKey ? 'Shift+' : ''}${e.key.toLowerCase()}`];
    else if (e.altKey) return;
    else names = e.shiftKey ? [`Shift+${e.key}`, e.key] : [e.key];
    for (const name of names) {
      for (const handler of this.handlers.get(name) ?? []) {
        if (handler(e) === false) continue;
        e.preventDefault();
        return;
      }
    }
  }
}
