/**
 * The inspector: for an entity, its properties, seed file and line, and its relations grouped
 * by type and read from its side ("excluded by Clean Network"); for a relation, the claim and
 * every piece of evidence (quote, outlet, date, link) with the seed file and line.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import {
  ENTITY_DETAIL,
  type EntityDetail,
  type Evidence,
  type InspectorRelation,
  type Ontology,
  type RankedMetrics,
  type Relation,
} from '../api/operations.ts';
import { forceOn, mayBeInForce } from '../graph/as-of-date.ts';
import type { CachedRelation, EntityCache } from '../graph/entity-cache.ts';
import { statusClass, statusOf } from '../graph/relation-status.ts';
import { h, replaceChildren } from './dom.ts';
import { evidenceSides } from './evidence-sides.ts';
import { externalLink } from './external-link.ts';
import { metricsSection } from './metrics-section.ts';
import { shapeSwatch } from './shape-swatch.ts';

export interface InspectorActions {
  isDrawn(id: string): boolean;
  isPinned(id: string): boolean;
  remaining(id: string): number | undefined;
  expand(id: string): void;
  collapse(id: string): void;
  togglePin(id: string): void;
  hide(id: string): void;
  pathFrom(id: string): void;
  pathTo(id: string): void;
  /** Draws (if needed) and selects an entity. */
  show(id: string): void;
  onError(error: unknown): void;
  /** More buttons for what is shown, from other features (authoring: Edit, Add relation, Retract). */
  extraButtons?(kind: 'entity' | 'relation', id: string): HTMLElement[];
}

export class InspectorPanel {
  private ticket = 0;
  private current: { kind: 'entity' | 'relation'; id: string } | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly ontology: Ontology,
    private readonly cache: EntityCache,
    private readonly actions: InspectorActions,
    private readonly asOf: () => string | null,
  ) {
    this.showEmpty();
  }

  /** What is shown, for the test hook. */
  get shown(): { kind: 'entity' | 'relation'; id: string } | null {
    return this.current;
  }

  showEmpty(): void {
    this.current = null;
    this.ticket++;
    replaceChildren(
      this.host,
      h(
        'div',
        { class: 'inspector-empty' },
        h('h2', {}, 'Inspector'),
        h(
          'p',
          {},
          'Select an entity or a relation to see its properties and the evidence behind each claim: outlet, quote, date, link, and the seed file and line it comes from.',
        ),
        h(
          'ul',
          {},
          h('li', {}, 'Double-click an entity, or press ', h('kbd', {}, 'E'), ', to expand its neighbours.'),
          h('li', {}, 'Right-click for more: collapse, pin, hide, paths.'),
          h('li', {}, h('kbd', {}, '/'), ' searches, ', h('kbd', {}, '?'), ' lists every shortcut.'),
        ),
      ),
    );
  }

  /** Refreshes the buttons of what is shown (pin state, "show more"). */
  refresh(): void {
    if (this.current?.kind === 'entity') void this.showEntity(this.current.id, true);
    else if (this.current?.kind === 'relation') this.showRelation(this.current.id);
  }

  async showEntity(id: string, quiet = false): Promise<void> {
    const ticket = ++this.ticket;
    this.current = { kind: 'entity', id };
    const cached = this.cache.entities.get(id);
    if (!quiet) {
      replaceChildren(
        this.host,
        this.head(id, cached?.kind ?? '', cached?.name ?? id),
        h('div', { class: 'insp-body' }, h('p', { class: 'hint' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' Loading relations and evidence…')),
      );
    }
    try {
      const { entity } = await this.api.request(ENTITY_DETAIL, { id, first: 200 });
      if (ticket !== this.ticket) return;
      if (!entity) {
        replaceChildren(this.host, h('div', { class: 'inspector-empty' }, h('h2', {}, 'Not found'), h('p', {}, `“${id}” is no longer in the graph.`)));
        return;
      }
      this.renderEntity(entity);
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.actions.onError(error);
      replaceChildren(
        this.host,
        this.head(id, cached?.kind ?? '', cached?.name ?? id),
        h(
          'div',
          { class: 'insp-body' },
          h(
            'p',
            { class: 'hint' },
            'Could not load the details. ',
            h('button', { class: 'link', type: 'button', onclick: () => void this.showEntity(id) }, 'Retry'),
          ),
        ),
      );
    }
  }

  showRelation(id: string): void {
    this.ticket++;
    this.current = { kind: 'relation', id };
    const r = this.cache.relations.get(id);
    if (!r) {
      this.showEmpty();
      return;
    }
    const from = this.cache.entities.get(r.from.id);
    const to = this.cache.entities.get(r.to.id);
    const asOf = this.asOf();
    replaceChildren(
      this.host,
      h(
        'div',
        { class: 'insp-head' },
        h('div', { class: 'insp-kind' }, 'Relation · ', r.type),
        h('p', { class: 'rel-title' }, this.entityLink(r.from.id, from?.name ?? r.from.id), ` ${r.phrase} `, this.entityLink(r.to.id, to?.name ?? r.to.id)),
        h('div', { class: 'insp-id' }, r.id),
        h('div', { class: 'insp-actions' }, this.actions.extraButtons?.('relation', r.id) ?? []),
      ),
      h(
        'div',
        { class: 'insp-body' },
        h('dl', { class: 'props' }, ...relationProps(r, asOf)),
        h('h3', { class: 'visually-hidden' }, 'Evidence'),
        this.evidence(r),
      ),
    );
  }

  private renderEntity(entity: EntityDetail & { metrics?: RankedMetrics | null; relations: { totalCount: number; nodes: InspectorRelation[] } }): void {
    const kind = this.ontology.kinds.find((k) => k.name === entity.kind);
    const props: HTMLElement[] = [];
    for (const p of kind?.properties ?? []) {
      const value = p.name === 'website' && entity.kind === 'Outlet' ? entity['outletWebsite'] : entity[p.name];
      if (value === null || value === undefined || value === '') continue;
      props.push(h('dt', {}, p.name), h('dd', {}, p.type === 'url' ? externalLink(String(value), String(value)) : String(value)));
    }
    if (entity.aliases.length > 0) props.push(h('dt', {}, 'aliases'), h('dd', {}, entity.aliases.join(', ')));
    props.push(h('dt', {}, 'relations'), h('dd', {}, String(entity.degree)));
    if (entity.seedFile) props.push(h('dt', {}, 'seed'), h('dd', {}, seedRef(entity.seedFile, entity.seedLine)));

    // Group by type and direction, so each group reads with one phrase.
    const groups = new Map<string, { phrase: string; items: InspectorRelation[] }>();
    for (const r of entity.relations.nodes) {
      const outgoing = r.from.id === entity.id;
      const key = `${r.type}:${outgoing ? 'out' : 'in'}`;
      const group = groups.get(key) ?? { phrase: outgoing ? r.phrase : r.inversePhrase, items: [] };
      group.items.push(r);
      groups.set(key, group);
    }
    const asOf = this.asOf();
    const sections = [...groups.values()].map((group) =>
      h(
        'details',
        { class: 'rel-group', open: group.items.length <= 12 },
        h('summary', {}, h('span', {}, group.phrase), h('span', { class: 'count' }, `(${group.items.length})`)),
        group.items.map((r) => this.relationItem(entity.id, r, asOf)),
      ),
    );
    const remaining = this.actions.remaining(entity.id);
    replaceChildren(
      this.host,
      this.head(entity.id, entity.kind, entity.name),
      h(
        'div',
        { class: 'insp-body' },
        entity.description ? h('p', { class: 'insp-desc' }, entity.description) : null,
        h('dl', { class: 'props' }, props),
        metricsSection(entity.metrics),
        remaining
          ? h(
              'div',
              { class: 'more-row' },
              h('button', { class: 'btn small', type: 'button', onclick: () => this.actions.expand(entity.id) }, `Show ${remaining} more relations`),
            )
          : null,
        h('h3', { class: 'visually-hidden' }, 'Relations'),
        sections.length > 0 ? sections : h('p', { class: 'hint' }, 'No relations.'),
        entity.relations.totalCount > entity.relations.nodes.length
          ? h('p', { class: 'hint' }, `Showing ${entity.relations.nodes.length} of ${entity.relations.totalCount} relations.`)
          : null,
      ),
    );
  }

  private relationItem(selfId: string, r: InspectorRelation, asOf: string | null): HTMLElement {
    const outgoing = r.from.id === selfId;
    const other = outgoing ? r.to : r.from;
    const inForce = asOf === null || mayBeInForce(r.since, r.until, asOf);
    const status = statusOf(r);
    return h(
      'div',
      { class: `rel${inForce ? '' : ' out-of-force'}`, 'data-relation': r.id, 'data-status': status },
      h(
        'div',
        { class: 'rel-line' },
        h('span', { class: 'rel-phrase' }, outgoing ? r.phrase : r.inversePhrase),
        this.entityLink(other.id, other.name),
        h('span', { class: 'badge' }, other.kind),
        r.confidence !== 'HIGH' ? h('span', { class: `badge ${r.confidence.toLowerCase()}` }, `${r.confidence.toLowerCase()} confidence`) : null,
        !inForce ? h('span', { class: 'badge ended' }, `not in force on ${asOf}`) : null,
        status !== 'SUPPORTED' ? h('span', { class: `badge ${statusClass(status) ?? ''}` }, status.toLowerCase()) : null,
      ),
      h(
        'div',
        { class: 'rel-meta' },
        r.since || r.until ? h('span', {}, `${r.since ?? '…'} – ${r.until ?? 'now'}`) : null,
        ...r.properties.map((p) => h('span', {}, `${p.name}: ${p.value}`)),
        r.seedFile ? seedRef(r.seedFile, r.seedLine) : null,
      ),
      this.evidence(r),
    );
  }

  private head(id: string, kindName: string, name: string): HTMLElement {
    const kind = this.ontology.kinds.find((k) => k.name === kindName);
    const drawn = this.actions.isDrawn(id);
    const pinned = this.actions.isPinned(id);
    const remaining = this.actions.remaining(id);
    return h(
      'div',
      { class: 'insp-head' },
      h('div', { class: 'insp-kind' }, kind ? shapeSwatch(kind.shape, kind.color, 12) : null, kindName),
      h('h2', { class: 'insp-title', id: 'inspector-title' }, name),
      h('div', { class: 'insp-id' }, id),
      h(
        'div',
        { class: 'insp-actions' },
        drawn
          ? h(
              'button',
              { class: 'btn small', type: 'button', onclick: () => this.actions.expand(id), title: 'Expand (E)' },
              remaining ? `Expand (+${remaining})` : 'Expand',
            )
          : h('button', { class: 'btn small primary', type: 'button', onclick: () => this.actions.show(id) }, 'Add to view'),
        drawn ? h('button', { class: 'btn small', type: 'button', onclick: () => this.actions.collapse(id), title: 'Collapse (C)' }, 'Collapse') : null,
        drawn
          ? h(
              'button',
              { class: 'btn small', type: 'button', 'aria-pressed': String(pinned), onclick: () => this.actions.togglePin(id), title: 'Pin (P)' },
              pinned ? 'Pinned' : 'Pin',
            )
          : null,
        drawn ? h('button', { class: 'btn small', type: 'button', onclick: () => this.actions.hide(id), title: 'Hide (H)' }, 'Hide') : null,
        h('button', { class: 'btn small', type: 'button', onclick: () => this.actions.pathFrom(id) }, 'Path from'),
        h('button', { class: 'btn small', type: 'button', onclick: () => this.actions.pathTo(id) }, 'Path to'),
        this.actions.extraButtons?.('entity', id) ?? [],
      ),
    );
  }

  /** The evidence, supporting and disputing side by side when sources disagree. */
  private evidence(r: Pick<Relation, 'status' | 'evidence'>): HTMLElement {
    return evidenceSides(r, { item: evidenceItem, entityLink: (id, name) => this.entityLink(id, name) });
  }

  private entityLink(id: string, name: string): HTMLElement {
    return h(
      'button',
      { class: 'rel-other', type: 'button', title: this.actions.isDrawn(id) ? 'Select' : 'Add to view and select', onclick: () => this.actions.show(id) },
      name,
    );
  }
}

function relationProps(r: CachedRelation, asOf: string | null): HTMLElement[] {
  const out: HTMLElement[] = [];
  const add = (k: string, v: Node | string) => out.push(h('dt', {}, k), h('dd', {}, v));
  add('since', r.since ?? '—');
  add('until', r.until ?? '—');
  if (asOf) add(`on ${asOf}`, forceOn(r.since, r.until, asOf).replaceAll('-', ' '));
  add('confidence', r.confidence.toLowerCase());
  for (const p of r.properties) add(p.name, p.value);
  if (r.seedFile) add('seed', seedRef(r.seedFile, r.seedLine));
  return out;
}

function evidenceItem(ev: Evidence): HTMLElement {
  return h(
    'li',
    { 'data-stance': ev.stance ?? 'SUPPORTS' },
    ev.quote ? h('blockquote', {}, ev.quote) : null,
    h(
      'div',
      { class: 'ev-source' },
      h('span', { class: 'ev-outlet' }, ev.outlet.name),
      h('time', { datetime: ev.publishedAt }, ev.publishedAt),
      ev.url ? externalLink(ev.url, hostOf(ev.url)) : null,
    ),
  );
}

function seedRef(file: string, line: number | null): HTMLElement {
  const text = line ? `${file}:${line}` : file;
  return h('code', { class: 'seed-ref', title: 'Seed file and line this fact comes from' }, text);
}

function hostOf(url: string): string {
  try {
    return `${new URL(url).hostname.replace(/^www\./, '')} ↗`;
  } catch {
    return 'link ↗';
  }
}
