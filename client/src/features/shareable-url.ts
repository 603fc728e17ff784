/**
 * Keeps the URL hash in step with the view (graph/url-state.ts has the format) and opens the
 * view a link describes, also when the hash changes under an open page. The drawn entities,
 * their positions, pins and the selection are read from the graph; other features own their
 * own fields through a `ViewStatePart` (filters, layout).
 */
import type { Explorer } from '../graph/explorer.ts';
import type { GraphView } from '../graph/graph-view.ts';
import { selectedElementId, selectOnly } from '../graph/selection.ts';
import { decodeViewState, encodeViewState, type ViewState } from '../graph/url-state.ts';
import { showToast } from '../ui/toasts.ts';
import type { GraphEvents } from './graph-events.ts';

/** A feature's fields of the shareable view. */
export interface ViewStatePart {
  /** This feature's fields of the view being written to the URL. */
  save(): Partial<ViewState>;
  /** Applies this feature's fields of a link being opened, before its entities are drawn. */
  restore(state: ViewState): void;
}

/** How long the URL waits for the view to settle before it is written. */
const WRITE_DELAY_MS = 250;

export class ShareableUrl {
  private readonly view: GraphView;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private restoring = false;
  private lastHash = '';

  constructor(
    private readonly explorer: Explorer,
    private readonly parts: readonly ViewStatePart[],
    events: GraphEvents,
  ) {
    const view = (this.view = explorer.view);
    view.subscribe(() => this.schedule());
    events.on('select', () => this.schedule());
    events.on('clear', () => this.schedule());
    events.on('moved', () => this.schedule());
    window.addEventListener('hashchange', () => {
      if (location.hash.slice(1) === this.lastHash) return;
      const state = decodeViewState(location.hash);
      if (!state) return;
      view.clear();
      void this.restore(state);
    });
  }

  /** Writes the URL soon (changes come in bursts). */
  schedule(): void {
    if (this.restoring) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.writeNow(), WRITE_DELAY_MS);
  }

  /** Writes the URL now (before copying it, say). */
  writeNow(): void {
    if (this.restoring || this.view.cy.nodes().empty()) return;
    const hash = encodeViewState(this.current());
    if (hash === this.lastHash) return;
    this.lastHash = hash;
    history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
  }

  /** Opens the view of a link: the parts' fields, then its entities; says which are gone. */
  async restore(state: ViewState): Promise<void> {
    this.restoring = true;
    try {
      for (const part of this.parts) part.restore(state);
      const missing = await this.explorer.restore(state.entities, state.pinned);
      this.view.history.clear();
      if (missing && missing.length > 0)
        showToast(
          `${missing.length} ${missing.length === 1 ? 'entity' : 'entities'} of the link ${missing.length === 1 ? 'is' : 'are'} no longer in the graph: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`,
          'info',
          { ms: 8000 },
        );
      if (state.selected) selectOnly(this.view.cy, state.selected);
    } finally {
      this.restoring = false;
      this.lastHash = location.hash.slice(1);
    }
  }

  private current(): ViewState {
    const cy = this.view.cy;
    const state: ViewState = {
      entities: cy.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') })),
      pinned: this.view.getMeta().pinned,
      selected: selectedElementId(cy),
      filters: this.view.filters,
      layout: 'fcose',
    };
    for (const part of this.parts) Object.assign(state, part.save());
    return state;
  }
}
