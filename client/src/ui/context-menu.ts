/** A right-click menu of actions on an entity; keyboard navigable, closes on Escape. */
import { byId, h, replaceChildren } from './dom.ts';

export interface MenuItem {
  label: string;
  shortcut?: string;
  disabled?: boolean;
  run(): void;
}

export class ContextMenu {
  private readonly el = byId('context-menu');
  private returnFocus: HTMLElement | null = null;

  constructor() {
    document.addEventListener('pointerdown', (e) => {
      if (!this.el.hidden && !this.el.contains(e.target as Node)) this.close();
    });
    this.el.addEventListener('keydown', (e) => {
      const items = [...this.el.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')];
      const i = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.close();
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        items[(i + 1) % items.length]?.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        items[(i - 1 + items.length) % items.length]?.focus();
      }
    });
  }

  open(x: number, y: number, title: string, items: MenuItem[]): void {
    this.returnFocus = document.activeElement as HTMLElement | null;
    replaceChildren(
      this.el,
      h('div', { class: 'menu-title' }, title),
      items.map((item) =>
        h(
          'button',
          {
            role: 'menuitem',
            type: 'button',
            disabled: item.disabled ?? false,
            onclick: () => {
              this.close();
              item.run();
            },
          },
          h('span', {}, item.label),
          item.shortcut ? h('span', { class: 'shortcut' }, item.shortcut) : null,
        ),
      ),
    );
    this.el.setAttribute('aria-label', title);
    this.el.hidden = false;
    const rect = this.el.getBoundingClientRect();
    this.el.style.left = `${Math.min(x, window.innerWidth - rect.width - 8)}px`;
    this.el.style.top = `${Math.min(y, window.innerHeight - rect.height - 8)}px`;
    this.el.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }

  close(): void {
    if (this.el.hidden) return;
    this.el.hidden = true;
    this.returnFocus?.focus();
  }
}
