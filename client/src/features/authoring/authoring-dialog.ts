/**
 * The modal that holds an authoring form: labelled by its title, focus kept inside (Tab wraps),
 * Escape or the close button cancels, and focus goes back to where it was.
 */
import { h } from '../../ui/dom.ts';

let counter = 0;

export class AuthoringDialog {
  readonly body: HTMLElement;
  private readonly overlay: HTMLElement;
  private readonly returnFocus: HTMLElement | null;
  private closed = false;

  constructor(
    title: string,
    private readonly onClose: () => void = () => undefined,
  ) {
    const titleId = `authoring-title-${++counter}`;
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.body = h('div', { class: 'authoring-body' });
    const close = h('button', { class: 'btn small', type: 'button', 'aria-label': 'Close', onclick: () => this.close() }, 'Close');
    this.overlay = h(
      'div',
      { class: 'overlay authoring-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      h('div', { class: 'dialog authoring-dialog' }, h('h2', { id: titleId }, title, close), this.body),
    );
    // Escape is caught on the way down: the fields below (the entity combobox) stop it on the
    // way up. An open suggestion list still gets it first, to close itself.
    this.overlay.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape' || (e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
        e.preventDefault();
        e.stopPropagation();
        this.close();
      },
      { capture: true },
    );
    this.overlay.addEventListener('keydown', (e) => this.onKey(e));
    document.body.append(this.overlay);
  }

  /** Focuses the first field (or the element given). */
  focusFirst(element?: HTMLElement | null): void {
    (element ?? this.focusables()[1] ?? this.focusables()[0])?.focus();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.overlay.remove();
    this.onClose();
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private focusables(): HTMLElement[] {
    return [...this.overlay.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
    );
  }

  private onKey(e: KeyboardEvent): void {
    // The page's shortcuts (document keydown) must not act on keys typed here.
    e.stopPropagation();
    if (e.key !== 'Tab') return;
    const items = this.focusables();
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }
}
