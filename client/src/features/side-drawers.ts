/**
 * Small windows: below `NARROW_QUERY` the two side panels (filters #left, inspector
 * #inspector) leave the grid and become drawers over the graph, opened by toggles in the top
 * bar, so the graph keeps the width. A drawer closes on Escape or its toggle, and the focus goes
 * back to the graph. Wide windows ignore all this (the CSS shows both panels).
 */
import { byId, h } from '../ui/dom.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

/** Keep in step with the `@media (max-width: 1099px)` block of styles.css. */
export const NARROW_QUERY = '(max-width: 1099px)';

interface Drawer {
  panel: HTMLElement;
  toggle: HTMLButtonElement;
}

export class SideDrawers {
  private readonly drawers: Drawer[];
  private readonly narrow = window.matchMedia(NARROW_QUERY);

  constructor(private readonly shortcuts: Pick<KeyboardShortcuts, 'focusGraph'>) {
    const left = this.make(byId('left'), 'Filters', 'Legend, filters and time');
    const right = this.make(byId('inspector'), 'Inspector', 'The selected entity or relation');
    this.drawers = [left, right];
    const topbar = byId('app').querySelector<HTMLElement>('.topbar')!;
    topbar.prepend(left.toggle);
    topbar.append(right.toggle);
    // The top bar wraps in narrow windows; drawers open just below it, however tall it is.
    new ResizeObserver(() => document.documentElement.style.setProperty('--topbar-height', `${topbar.offsetHeight}px`)).observe(topbar);
    for (const d of this.drawers) {
      d.panel.addEventListener(
        'keydown',
        (e) => {
          if (e.key !== 'Escape' || !this.isOpen(d)) return;
          // A field that uses Escape itself (a combobox closing its list) keeps it.
          if (e.defaultPrevented) return;
          this.close(d);
        },
        true,
      );
    }
    // Leaving narrow mode: panels are plain columns again, nothing to close.
    this.narrow.addEventListener('change', () => {
      for (const d of this.drawers) this.setOpen(d, false);
    });
    for (const d of this.drawers) this.setOpen(d, false);
  }

  /** Opens the inspector drawer (in narrow windows), e.g. when the user asks to inspect. */
  openInspector(): void {
    if (this.narrow.matches) this.setOpen(this.drawers[1]!, true);
  }

  private make(panel: HTMLElement, label: string, title: string): Drawer {
    const toggle = h('button', {
      class: 'btn drawer-toggle',
      type: 'button',
      'aria-controls': panel.id,
      'aria-expanded': 'false',
      title,
    });
    toggle.textContent = label;
    const drawer = { panel, toggle };
    toggle.addEventListener('click', () => {
      const open = !this.isOpen(drawer);
      for (const d of this.drawers) if (d !== drawer) this.setOpen(d, false);
      this.setOpen(drawer, open);
      if (open) panel.focus({ preventScroll: true });
      else this.shortcuts.focusGraph();
    });
    if (!panel.hasAttribute('tabindex')) panel.tabIndex = -1;
    return drawer;
  }

  private isOpen(d: Drawer): boolean {
    return d.panel.dataset.drawer === 'open';
  }

  private close(d: Drawer): void {
    this.setOpen(d, false);
    this.shortcuts.focusGraph();
  }

  private setOpen(d: Drawer, open: boolean): void {
    d.panel.dataset.drawer = open ? 'open' : 'closed';
    d.toggle.setAttribute('aria-expanded', String(open));
  }
}
