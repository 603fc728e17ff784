/**
 * The renderer for the size of the drawing (graph/scale-policy.ts has the thresholds): switches
 * Cytoscape's mode when the drawing crosses one, the WebGL toggle, and `?synthetic=N`, a
 * synthetic graph of about N elements to try big drawings with.
 */
import type { Core } from 'cytoscape';
import { drawLargeGraph } from '../graph/draw-large-graph.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import { DRAW_CHUNK, nextScaleMode, WEBGL_OFFER, type RendererSettings } from '../graph/scale-policy.ts';
import { syntheticGraph } from '../graph/synthetic-graph.ts';
import { createCy, webglAvailable } from '../ui/cy-factory.ts';
import type { Feedback } from './feedback.ts';

/** The renderer a page starts with. */
export const FIRST_RENDERER: RendererSettings = { mode: 'normal', webgl: false };

/** The largest `?synthetic=` graph drawn. */
const MAX_SYNTHETIC = 50_000;

export class ScaleModes {
  private current: RendererSettings = FIRST_RENDERER;
  private rebuildCount = 0;
  private readonly view: GraphView;

  constructor(
    private readonly explorer: Explorer,
    private readonly container: HTMLElement,
  ) {
    this.view = explorer.view;
    this.view.subscribe(() => this.check());
  }

  /** A Cytoscape instance for the page's first renderer. */
  static firstCy(container: HTMLElement): Core {
    return createCy(container, FIRST_RENDERER);
  }

  get settings(): RendererSettings {
    return this.current;
  }

  /** Times the Cytoscape instance was rebuilt for a new mode. */
  get rebuilds(): number {
    return this.rebuildCount;
  }

  /** Whether to offer the WebGL button. */
  get webglOffered(): boolean {
    return webglAvailable() && (this.current.webgl || this.view.elementCount >= WEBGL_OFFER);
  }

  toggleWebgl(): void {
    this.current = { ...this.current, webgl: !this.current.webgl };
    this.rebuild();
  }

  /**
   * Switches scale mode when the drawing crosses a threshold. `projected`: the size an action is
   * about to reach (only ever switches up). While an action runs, only up; when it ends, down too.
   */
  check(projected?: number): void {
    const next = nextScaleMode(this.current.mode, projected ?? this.view.elementCount, projected === undefined && !this.explorer.busy);
    if (next === undefined) return;
    this.current = { mode: next, webgl: this.current.webgl && next !== 'normal' };
    this.rebuild();
  }

  /** The `?synthetic=N` of the page's URL, or 0. */
  static syntheticSize(): number {
    return Math.min(Number(new URLSearchParams(location.search).get('synthetic') ?? 0) || 0, MAX_SYNTHETIC);
  }

  /**
   * Draws a synthetic graph of about `size` elements as any big graph is (draw-large-graph.ts:
   * entities at seed positions while the worker lays them out, then the relations).
   */
  async openSynthetic(size: number, ontology: OntologyState, feedback: Pick<Feedback, 'setLoading'>): Promise<void> {
    const view = this.view;
    const { entities, relations } = syntheticGraph(
      size,
      ontology.ontology.kinds.map((k) => k.name),
      ontology.ontology.relationTypes.map((t) => t.name),
    );
    await this.explorer.run(`Draw ${size} synthetic elements`, async () => {
      const t0 = performance.now();
      this.explorer.grow(entities.length + relations.length);
      const pending = view.begin('Synthetic graph');
      const at: Record<string, number> = {};
      const report = await drawLargeGraph(view, entities, relations, {
        chunk: DRAW_CHUNK,
        onPhase: (phase) => {
          at[phase] = performance.now();
          if (phase === 'layout') feedback.setLoading(true, 'Laying out…');
          if (phase === 'relations') feedback.setLoading(true, 'Drawing relations…');
        },
      });
      const t2 = performance.now();
      pending.commit();
      view.history.clear();
      const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
      console.info(
        `synthetic: from ${Math.round(t0)} ms: entities ${ms(t0, at.layout!)}, positions ${ms(at.layout!, at.relations!)} (compute in ${report.where} ${Math.round(report.computeMs)} ms), ` +
          `relations ${ms(at.relations!, t2)}, commit ${ms(t2, performance.now())}`,
      );
    });
  }

  private rebuild(): void {
    this.rebuildCount++;
    // Synchronous, so no loading text would ever be painted; and it must not hide the text of
    // the action that is drawing. Events and highlights are bound again by their owners
    // (GraphView.onCyReplaced); the refresh it ends with updates toolbar and status.
    this.view.replaceCy(() => createCy(this.container, this.current));
  }
}
