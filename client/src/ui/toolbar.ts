/** The top-right tools: undo/redo, layout, paths, export, share, WebGL, help. */
import type { ExportDecorations } from '../export/export-decorations.ts';
import { LAYOUT_NAMES, type LayoutName } from '../graph/layouts.ts';
import { h } from './dom.ts';

export interface ToolbarActions {
  undo(): void;
  redo(): void;
  layout(name: LayoutName): void;
  paths(): void;
  /** `decorations`: what the PNG and SVG carry besides the graph (the menu's checkboxes). */
  exportAs(format: 'png' | 'svg' | 'json' | 'csv' | 'csv-entities' | 'gexf', decorations: ExportDecorations): void;
  share(): void;
  toggleWebgl(): void;
  help(): void;
}

export interface ToolbarState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel?: string | undefined;
  redoLabel?: string | undefined;
  layout: LayoutName;
  webglOffered: boolean;
  webglOn: boolean;
  pathsOpen: boolean;
}

export class Toolbar {
  private readonly undoButton: HTMLButtonElement;
  private readonly redoButton: HTMLButtonElement;
  private readonly layoutSelect: HTMLSelectElement;
  private readonly webglButton: HTMLButtonElement;
  private readonly pathsButton: HTMLButtonElement;
  private readonly exportMenu: HTMLElement;
  private readonly exportButton: HTMLButtonElement;
  /** Legend and caption in PNG and SVG exports: on, so a picture can go into an article as it is. */
  private readonly decorations: ExportDecorations = { legend: true, caption: true };

  constructor(host: HTMLElement, actions: ToolbarActions) {
    this.undoButton = h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Undo', title: 'Undo (Ctrl+Z)', onclick: () => actions.undo() }, '↶');
    this.redoButton = h(
      'button',
      { class: 'btn icon', type: 'button', 'aria-label': 'Redo', title: 'Redo (Ctrl+Shift+Z)', onclick: () => actions.redo() },
      '↷',
    );
    this.layoutSelect = h(
      'select',
      { class: 'btn', 'aria-label': 'Layout', title: 'Layout (L runs it again)' },
      LAYOUT_NAMES.map((name) => h('option', { value: name }, name === 'fcose' ? 'Force' : name[0]!.toUpperCase() + name.slice(1))),
    );
    this.layoutSelect.addEventListener('change', () => actions.layout(this.layoutSelect.value as LayoutName));
    const rerun = h(
      'button',
      {
        class: 'btn icon',
        type: 'button',
        'aria-label': 'Run the layout again',
        title: 'Run the layout again (L)',
        onclick: () => actions.layout(this.layoutSelect.value as LayoutName),
      },
      '⟳',
    );
    this.pathsButton = h(
      'button',
      { class: 'btn', type: 'button', 'aria-pressed': 'false', title: 'Paths between two entities (A)', onclick: () => actions.paths() },
      'Paths',
    );

    const decoration = (key: keyof ExportDecorations, label: string) => {
      const item = h('button', { type: 'button', role: 'menuitemcheckbox', class: 'menu-check', 'data-decoration': key, 'aria-checked': 'true' }, label);
      item.addEventListener('click', () => {
        this.decorations[key] = !this.decorations[key];
        item.setAttribute('aria-checked', String(this.decorations[key]));
      });
      return item;
    };
    this.exportMenu = h(
      'div',
      { class: 'dropdown', role: 'menu', hidden: true, 'aria-label': 'Export' },
      decoration('legend', 'Legend in PNG and SVG'),
      decoration('caption', 'Caption: date, filters, source'),
      h('hr', { class: 'menu-sep', 'aria-hidden': 'true' }),
      (
        [
          ['png', 'PNG image', 'the whole graph, 2× resolution'],
          ['svg', 'SVG drawing', 'vector, for reports'],
          ['json', 'JSON', 'entities and relations with evidence'],
          ['csv', 'CSV', 'one row per relation and evidence'],
          ['csv-entities', 'CSV of entities', 'one row per entity, with its metrics'],
          ['gexf', 'GEXF', 'for Gephi: metrics and status as attributes'],
        ] as const
      ).map(([format, label, note]) =>
        h(
          'button',
          {
            type: 'button',
            role: 'menuitem',
            'data-format': format,
            onclick: () => {
              this.closeExport();
              actions.exportAs(format, { ...this.decorations });
            },
          },
          label,
          h('small', {}, note),
        ),
      ),
    );
    this.exportButton = h(
      'button',
      { class: 'btn', type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', onclick: () => this.toggleExport() },
      'Export ▾',
    );
    this.exportMenu.addEventListener('keydown', (e) => {
      const items = [...this.exportMenu.querySelectorAll<HTMLButtonElement>('button')];
      const i = items.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.closeExport();
        this.exportButton.focus();
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        items[(i + 1) % items.length]?.focus();
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        items[(i - 1 + items.length) % items.length]?.focus();
      }
    });
    document.addEventListener('pointerdown', (e) => {
      if (!this.exportMenu.hidden && !this.exportMenu.parentElement?.contains(e.target as Node)) this.closeExport();
    });

    this.webglButton = h(
      'button',
      {
        class: 'btn',
        type: 'button',
        'aria-pressed': 'false',
        hidden: true,
        title: 'Draw with WebGL (faster for big graphs)',
        onclick: () => actions.toggleWebgl(),
      },
      'WebGL',
    );
    host.append(
      // Features add their own tools here (features/draft: "Draft from article").
      h('span', { class: 'toolbar-features', id: 'toolbar-features' }),
      this.undoButton,
      this.redoButton,
      h('span', { class: 'sep', 'aria-hidden': 'true' }),
      this.layoutSelect,
      rerun,
      h('span', { class: 'sep', 'aria-hidden': 'true' }),
      this.pathsButton,
      h('div', { class: 'menu-wrap' }, this.exportButton, this.exportMenu),
      h('button', { class: 'btn', type: 'button', title: 'Copy a link to this view', onclick: () => actions.share() }, 'Share'),
      this.webglButton,
      h(
        'button',
        { class: 'btn icon', type: 'button', 'aria-label': 'Keyboard shortcuts', title: 'Keyboard shortcuts (?)', onclick: () => actions.help() },
        '?',
      ),
    );
  }

  update(state: ToolbarState): void {
    this.undoButton.disabled = !state.canUndo;
    this.redoButton.disabled = !state.canRedo;
    this.undoButton.title = state.undoLabel ? `Undo ${state.undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)';
    this.redoButton.title = state.redoLabel ? `Redo ${state.redoLabel} (Ctrl+Shift+Z)` : 'Redo (Ctrl+Shift+Z)';
    this.layoutSelect.value = state.layout;
    this.webglButton.hidden = !state.webglOffered;
    this.webglButton.setAttribute('aria-pressed', String(state.webglOn));
    this.pathsButton.setAttribute('aria-pressed', String(state.pathsOpen));
  }

  private toggleExport(): void {
    if (this.exportMenu.hidden) {
      this.exportMenu.hidden = false;
      this.exportButton.setAttribute('aria-expanded', 'true');
      this.exportMenu.querySelector<HTMLButtonElement>('button')?.focus();
    } else this.closeExport();
  }

  private closeExport(): void {
    this.exportMenu.hidden = true;
    this.exportButton.setAttribute('aria-expanded', 'false');
  }
}
