/**
 * Which layout lays out the whole graph (the toolbar's select, `L` to run it again) and its
 * part of the link. A layout starts from the selected entity, or else from the best connected.
 */
import type { Explorer } from '../graph/explorer.ts';
import type { LayoutName } from '../graph/layouts.ts';
import { selectedEntityId } from '../graph/selection.ts';
import type { ViewState } from '../graph/url-state.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';
import type { ViewStatePart } from './shareable-url.ts';

export class LayoutChoice implements ViewStatePart {
  private current: LayoutName = 'fcose';

  constructor(
    private readonly explorer: Explorer,
    shortcuts: KeyboardShortcuts,
  ) {
    shortcuts.on(['l', 'L'], () => void this.relayout());
  }

  get name(): LayoutName {
    return this.current;
  }

  /** Chooses a layout and lays the graph out with it. */
  use(name: LayoutName): Promise<void> {
    this.current = name;
    return this.relayout();
  }

  relayout(): Promise<void> {
    return this.explorer.relayout(this.current, this.roots());
  }

  save(): Partial<ViewState> {
    return { layout: this.current };
  }

  restore(state: ViewState): void {
    this.current = state.layout;
  }

  private roots(): string[] | undefined {
    const cy = this.explorer.view.cy;
    const selected = selectedEntityId(cy);
    if (selected) return [selected];
    const top = cy.nodes(':visible').max((n) => n.degree(false));
    return top.ele ? [top.ele.id()] : undefined;
  }
}
