/**
 * "What changed": a second date beside the "as of" date, and the relations of the whole graph
 * (Query.changes, not only what is drawn) that began and ended between the two — drawn, marked
 * appeared / ended (graph/change-marks.ts), kept in view whatever the date filter says, and
 * listed with their evidence; a click brings one into view and selects it. The second date is
 * the `c=` part of the link.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import type { Relation } from '../api/operations.ts';
import { CHANGES, type RelationChanges } from '../api/timeline-operations.ts';
import { changeBetween, isIsoDay } from '../graph/as-of-date.ts';
import { markChanges, type ChangeSet } from '../graph/change-marks.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { GraphView } from '../graph/graph-view.ts';
import { selectOnly } from '../graph/selection.ts';
import type { ViewState } from '../graph/url-state.ts';
import { fitView } from '../graph/viewport.ts';
import { h, replaceChildren } from '../ui/dom.ts';
import { externalLink } from '../ui/external-link.ts';
import type { Feedback } from './feedback.ts';
import type { ViewStatePart } from './shareable-url.ts';

/** Changes fetched per list (the API caps it at 500). */
const CHANGES_FIRST = 300;
/** Evidence shown per listed change; the inspector has the rest. */
const EVIDENCE_SHOWN = 2;
const QUOTE_CHARS = 160;

export class WhatChanged implements ViewStatePart {
  private readonly view: GraphView;
  private readonly compareField: HTMLInputElement;
  private readonly runButton: HTMLButtonElement;
  private readonly clearButton: HTMLButtonElement;
  private readonly summary = h('p', { class: 'hint', id: 'what-changed-summary', 'aria-live': 'polite' });
  private readonly list = h('ol', { class: 'change-list', id: 'what-changed-list', 'aria-label': 'Relations that changed' });
  private marks: ChangeSet | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly explorer: Explorer,
    private readonly feedback: Pick<Feedback, 'report'>,
    slot: HTMLElement,
  ) {
    const view = (this.view = explorer.view);
    this.compareField = h('input', { type: 'date', id: 'compare-date', class: 'date-field', 'aria-label': 'Compare with date' });
    this.runButton = h('button', { class: 'btn small', type: 'button', id: 'what-changed-run', onclick: () => void this.run() }, 'What changed');
    this.clearButton = h('button', { class: 'btn small', type: 'button', id: 'what-changed-clear', hidden: true, onclick: () => this.clear() }, 'Clear');
    this.compareField.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') void this.run();
    });
    replaceChildren(
      slot,
      h(
        'div',
        { class: 'what-changed', role: 'group', 'aria-labelledby': 'what-changed-title' },
        h('h3', { id: 'what-changed-title' }, 'What changed'),
        h('div', { class: 'date-row' }, h('label', { for: 'compare-date' }, 'Between'), this.compareField, h('span', {}, 'and the "as of" date')),
        h('div', { class: 'date-row' }, this.runButton, this.clearButton),
        this.summary,
        this.list,
      ),
    );
    // The marks survive every redraw: filter changes, undo, renderer rebuilds.
    view.subscribe(() => {
      if (this.marks) markChanges(view.cy, this.marks);
    });
  }

  /** Calls `listener` when the second date changes (for the link). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Whether changes are shown. */
  get active(): boolean {
    return this.marks !== null;
  }

  save(): Partial<ViewState> {
    return this.marks && this.compareField.value ? { compare: this.compareField.value } : {};
  }

  restore(state: ViewState): void {
    if (!state.compare) return;
    this.compareField.value = state.compare;
    // Queued behind the link's own drawing (explorer actions run in order).
    void this.run();
  }

  /** Fetches, draws, marks and lists what changed between the second date and the "as of" date. */
  async run(): Promise<void> {
    const other = this.compareField.value;
    const asOf = this.view.filters.asOf;
    if (!asOf) return this.say('Choose the "as of" date above first: changes are listed between it and this date.');
    if (!isIsoDay(other)) return this.say('Give a whole date to compare with, e.g. 2021-01-01.');
    if (other === asOf) return this.say('Give a date other than the "as of" date.');
    const found = await this.explorer.run('What changed', () => this.api.request(CHANGES, { from: other, to: asOf, first: CHANGES_FIRST }));
    if (!found) return;
    const changes = found.changes;
    const relations = uniqueRelations([...changes.appeared, ...changes.ended]);
    await this.explorer.showFound('Show what changed', changes.nodes, relations);
    this.marks = toChangeSet(changes);
    this.view.setKept(relations.map((r) => r.id));
    this.clearButton.hidden = false;
    this.render(changes);
    const drawn = this.view.cy.collection();
    for (const r of relations) drawn.merge(this.view.cy.getElementById(r.id));
    if (drawn.nonempty()) fitView(this.view.cy, drawn.union(drawn.connectedNodes()), { padding: 50 });
    for (const listener of this.listeners) listener();
  }

  /** Removes the marks and the list (the relations stay drawn). */
  clear(): void {
    this.marks = null;
    markChanges(this.view.cy, null);
    this.view.setKept([]);
    this.clearButton.hidden = true;
    replaceChildren(this.list);
    this.say('');
    for (const listener of this.listeners) listener();
  }

  private say(text: string): void {
    this.summary.textContent = text;
  }

  private render(changes: RelationChanges): void {
    const names = new Map(changes.nodes.map((n) => [n.id, n.name]));
    const name = (id: string) => names.get(id) ?? this.view.cache.entities.get(id)?.name ?? id;
    this.say(
      `${changes.from} → ${changes.to}: ${changes.appeared.length} appeared, ${changes.ended.length} ended` +
        (changes.truncated ? ` (the first ${CHANGES_FIRST} of each)` : '') +
        '. Dotted: only possibly, a month or year given alone.',
    );
    const item = (r: Relation, kind: 'appeared' | 'ended') => {
      const possible = changeBetween(r.since, r.until, changes.from, changes.to).uncertain;
      const when = kind === 'appeared' ? `since ${r.since ?? '?'}` : `until ${r.until ?? '?'}`;
      return h(
        'li',
        { class: `change-item ${kind}${possible ? ' possible' : ''}` },
        h(
          'button',
          { class: 'change-pick', type: 'button', 'data-relation': r.id, onclick: () => this.bringIntoView(r.id) },
          h('span', { class: 'change-symbol', 'aria-label': kind }, kind === 'appeared' ? '+' : '−'),
          h('span', { class: 'change-claim' }, `${name(r.from.id)} ${r.phrase} ${name(r.to.id)}`),
          h('span', { class: 'change-when' }, possible ? `${when} (possibly)` : when),
        ),
        h(
          'ul',
          { class: 'change-evidence' },
          r.evidence
            .slice(0, EVIDENCE_SHOWN)
            .map((e) =>
              h(
                'li',
                {},
                e.url ? externalLink(e.url, e.outlet.name) : h('span', {}, e.outlet.name),
                ` ${e.publishedAt}`,
                e.quote ? h('q', {}, clip(e.quote, QUOTE_CHARS)) : null,
              ),
            ),
          r.evidence.length > EVIDENCE_SHOWN ? h('li', { class: 'hint' }, `and ${r.evidence.length - EVIDENCE_SHOWN} more in the inspector`) : null,
        ),
      );
    };
    replaceChildren(
      this.list,
      changes.appeared.map((r) => item(r, 'appeared')),
      changes.ended.map((r) => item(r, 'ended')),
    );
  }

  private bringIntoView(id: string): void {
    const cy = this.view.cy;
    const edge = cy.getElementById(id);
    if (edge.empty()) return void this.feedback.report(new Error('That relation is no longer drawn (hidden or undone).'), 'Show the change');
    selectOnly(cy, id);
    fitView(cy, edge.union(edge.connectedNodes()), { padding: 80 });
  }
}

function toChangeSet(changes: RelationChanges): ChangeSet {
  const uncertain = new Set<string>();
  for (const r of [...changes.appeared, ...changes.ended]) if (changeBetween(r.since, r.until, changes.from, changes.to).uncertain) uncertain.add(r.id);
  return { appeared: new Set(changes.appeared.map((r) => r.id)), ended: new Set(changes.ended.map((r) => r.id)), uncertain };
}

function uniqueRelations(relations: readonly Relation[]): Relation[] {
  return [...new Map(relations.map((r) => [r.id, r])).values()];
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
