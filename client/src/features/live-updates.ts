/**
 * Live updates: every open explorer follows the seed files as they are saved. Listens to the
 * `seedEvents` subscription (reconnecting and catching up after a drop); for each new graph
 * version it reads what it needs (`subgraph` of what is drawn), updates the drawing in place
 * (live-change-plan.ts, GraphView.applyExternalChange: nothing drawn moves, filters, selection
 * and undo history survive), marks what changed for a moment, says what happened in a toast,
 * and restyles when the ontology changed. Shows the seed's problems in a banner (ui/seed-banner.ts).
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import { SEED_STATUS, type GraphChange, type SeedEvent } from '../api/live-operations.ts';
import { LiveSubscription, type ConnectionState, type LiveSync } from '../api/live-subscription.ts';
import { BOOTSTRAP, SUBGRAPH } from '../api/operations.ts';
import { sseSeedEvents, type SeedEventSource } from '../api/seed-event-source.ts';
import type { Explorer } from '../graph/explorer.ts';
import { idsToFetch, isEmptyPlan, planLiveChange, type FetchedGraph, type LivePlan } from '../graph/live-change-plan.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import { byId } from '../ui/dom.ts';
import { SeedBanner, type SeedBannerState } from '../ui/seed-banner.ts';
import { showToast } from '../ui/toasts.ts';
import type { Feedback } from './feedback.ts';
import type { InspectorWiring } from './inspector-wiring.ts';

/** How long changed elements stay marked. */
const HIGHLIGHT_MS = 2000;
/** How long after a failed update the drawing catches up. */
const RETRY_MS = 5000;

/** What the test hook reports. */
export interface LiveUpdatesState {
  lastEvent: SeedEvent | null;
  /** The graph version the drawing is at. */
  version: string | null;
  /** Updates carried out (changes and catch-ups). */
  updates: number;
  connection: ConnectionState['state'] | 'stopped';
  banner: SeedBannerState;
}

export class LiveUpdates {
  private readonly banner = new SeedBanner(byId('stage'));
  private readonly subscription: LiveSubscription;
  private lastEvent: SeedEvent | null = null;
  private updates = 0;
  private connection: LiveUpdatesState['connection'] = 'stopped';
  /** Whether the stream was ever live (a drop then reads "lost", not "unavailable"). */
  private everLive = false;
  private failures = 0;

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly explorer: Explorer,
    private readonly ontology: OntologyState,
    private readonly inspector: Pick<InspectorWiring, 'shown' | 'refresh' | 'clear'>,
    private readonly feedback: Pick<Feedback, 'report' | 'announce'>,
    source: SeedEventSource = sseSeedEvents(),
  ) {
    this.subscription = new LiveSubscription(source, {
      onEvent: (event, sync) => this.onEvent(event, sync),
      onConnection: (state) => this.onConnection(state),
    });
  }

  get state(): LiveUpdatesState {
    return { lastEvent: this.lastEvent, version: this.subscription.version, updates: this.updates, connection: this.connection, banner: this.banner.state };
  }

  /** Reads the version the page's data is read at and starts listening; call before the first view opens. */
  start(): void {
    this.api.request(SEED_STATUS, {}).then(
      ({ seedStatus }) => {
        this.subscription.setBaseline(seedStatus.version);
        if (!this.lastEvent) this.banner.showStatus(seedStatus);
      },
      // A server without the live sync: the subscription's retries say so, quietly.
      () => undefined,
    );
    this.subscription.start();
  }

  stop(): void {
    this.subscription.stop();
    this.connection = 'stopped';
  }

  private onEvent(event: SeedEvent, sync: LiveSync): void {
    this.lastEvent = event;
    this.banner.showStatus(event.status);
    if (sync.kind === 'change') void this.update(sync.change);
    else if (sync.kind === 'catch-up') void this.update(null);
  }

  private onConnection(state: ConnectionState): void {
    this.connection = state.state;
    if (state.state === 'live') {
      this.everLive = true;
      this.failures = 0;
      this.banner.showConnection(null);
    } else if (state.state === 'connecting') {
      if (this.failures > 0 && this.banner.state.notice) this.banner.showConnection(`Live updates ${this.everLive ? 'lost' : 'unavailable'}; reconnecting…`);
    } else if (state.state === 'retrying') {
      this.failures++;
      const seconds = Math.max(1, Math.round(state.inMs / 1000));
      // A server without live updates fails at once, every time: say so only once it is clear.
      if (this.everLive) this.banner.showConnection(`Live updates lost; reconnecting in ${seconds} s`);
      else if (this.failures >= 2) this.banner.showConnection(`Live updates unavailable; retrying in ${seconds} s`);
    }
  }

  /** Brings the drawing up to date with `change`, or with whatever changed (null: a catch-up). */
  private update(change: GraphChange | null): Promise<void> {
    // Queued with the user's actions, so no change lands inside one (and its undo step).
    return this.explorer
      .run(
        'Live update',
        async (): Promise<true> => {
          const view = this.explorer.view;
          await this.refreshOntology(change === null || change.ontologyChanged);
          const plan = planLiveChange(view.cy, change, await this.fetch(change));
          const touched = this.touchedEntities(plan);
          if (!isEmptyPlan(plan)) view.applyExternalChange(plan);
          this.mark(plan.highlight);
          this.updateInspector(plan, touched);
          this.updates++;
          const message = change ? change.summary : 'The graph changed while live updates were down; the view is up to date again.';
          showToast(message, 'info', { ms: 5000 });
          this.feedback.announce(message);
          return true;
        },
        { quiet: true },
      )
      .then((done) => {
        // It failed (and said so): the drawing may be behind the version; catch up in a while.
        if (!done) setTimeout(() => void this.update(null), RETRY_MS);
      });
  }

  private async fetch(change: GraphChange | null): Promise<FetchedGraph | null> {
    const view = this.explorer.view;
    const calls = idsToFetch(view.cy, change, { known: (id) => view.cache.entities.has(id) });
    if (calls.length === 0) return null;
    return {
      calls: await Promise.all(
        calls.map(async (ids) => {
          const { subgraph } = await this.api.request(SUBGRAPH, { ids });
          return { ids, nodes: subgraph.nodes, edges: subgraph.edges };
        }),
      ),
    };
  }

  /** Reads the counts again (they change with every version) and, with `restyle`, the ontology. */
  private async refreshOntology(restyle: boolean): Promise<void> {
    const { ontology, stats } = await this.api.request(BOOTSTRAP, {});
    this.ontology.replace(ontology, stats);
    if (restyle) this.explorer.view.restyle();
  }

  /** Entities whose inspector view a plan changes (their record or one of their relations). */
  private touchedEntities(plan: LivePlan): Set<string> {
    const cy = this.explorer.view.cy;
    const touched = new Set(plan.updateEntities.map((e) => e.id));
    for (const r of [...plan.updateRelations, ...plan.addRelations]) touched.add(r.from.id).add(r.to.id);
    for (const id of plan.removeRelations) {
      const edge = cy.getElementById(id);
      if (edge.nonempty()) touched.add(String(edge.data('source'))).add(String(edge.data('target')));
    }
    return touched;
  }

  private updateInspector(plan: LivePlan, touched: ReadonlySet<string>): void {
    const shown = this.inspector.shown;
    if (!shown) return;
    if (plan.removeEntities.includes(shown.id) || plan.removeRelations.includes(shown.id)) this.inspector.clear();
    else if (touched.has(shown.id) || plan.updateRelations.some((r) => r.id === shown.id)) this.inspector.refresh();
  }

  /** Marks elements for a moment (by id: the renderer may be rebuilt meanwhile). */
  private mark(ids: readonly string[]): void {
    if (ids.length === 0) return;
    const view = this.explorer.view;
    const each = (fn: (id: string) => void) => view.cy.batch(() => ids.forEach(fn));
    each((id) => view.cy.getElementById(id).addClass('live-changed'));
    setTimeout(() => each((id) => view.cy.getElementById(id).removeClass('live-changed')), HIGHLIGHT_MS);
  }
}
