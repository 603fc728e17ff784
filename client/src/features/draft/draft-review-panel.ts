/**
 * The "Draft from article" panel: the article (ArticleInput), then the review — proposed
 * entities and relation candidates, each accepted, edited or rejected — and at the bottom what
 * saving the accepted ones will write, previewed as the authoring forms preview every edit (the
 * same session and panel: diff, problems, Save or "Download this change as a patch").
 *
 * It sits beside the graph, not over it (a non-modal dialog on the left), so the analyst sees
 * the entities of the candidate they select. Closing only hides it: the review stays until
 * the next draft. Keys typed in it never reach the page's shortcuts.
 */
import { DRAFT_ENTITIES, DRAFT_FROM_TEXT, SAVE_DRAFT, type Draft, type DraftVariables } from '../../api/draft-operations.ts';
import type { SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { Ontology } from '../../api/operations.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { EditPreviewPanel } from '../authoring/edit-preview-panel.ts';
import { EditSession, type EditRequest } from '../authoring/edit-session.ts';
import { ArticleInput } from './article-input.ts';
import { CandidateCard } from './candidate-card.ts';
import { withInputPrefixes } from './draft-diagnostics.ts';
import { DraftEntities, existingIdsOf } from './draft-entities.ts';
import { DraftFields } from './draft-fields.ts';
import { CONFIDENT, DraftReview, type CandidateReview } from './draft-review.ts';
import { draftSaveInput, hasContent, type DraftSave } from './draft-save-input.ts';
import { EntityCard } from './entity-card.ts';

export interface DraftPanelOptions {
  api: Pick<GraphQLClient, 'request'>;
  ontology: () => Ontology;
  /** Whether this server saves edits (else the preview offers the patch as a download). */
  canWrite: () => boolean;
  kindStyle(kind: string): { color: string; shape: string };
  /** Bring these existing entities into view in the graph (the relation, when known, selected). */
  focus(ids: string[], relationId: string | null): void;
  onSaved(edit: SeedEdit): void;
  onError(error: unknown, action: string): void;
  /** The panel was shown or hidden. */
  onToggle(open: boolean): void;
}

/** The most existing entities one `subgraph` call names (the API's limit). */
const IDS_PER_CALL = 1000;

export class DraftReviewPanel {
  readonly element: HTMLElement;
  private readonly input: ArticleInput;
  private readonly article: HTMLDetailsElement;
  private readonly articleSummary = h('summary', {}, 'Article');
  private readonly reviewHost = h('div', { class: 'draft-review', hidden: true });
  private readonly footer = h('footer', { class: 'draft-save', hidden: true });
  private readonly keepRejected = h('input', { type: 'checkbox', id: 'draft-keep-rejected', checked: true });
  private readonly draftFields: DraftFields;
  private readonly preview: EditPreviewPanel;
  private readonly session: EditSession;
  private review: DraftReview | null = null;
  private entities: DraftEntities | null = null;
  private candidateCards: CandidateCard[] = [];
  private entityCards: EntityCard[] = [];
  private save: DraftSave | null = null;
  private returnFocus: HTMLElement | null = null;
  private ticket = 0;
  private articleLength = 0;
  private reviews = 0;

  constructor(private readonly options: DraftPanelOptions) {
    this.input = new ArticleInput({ api: options.api, kindStyle: options.kindStyle, onDraft: (v) => void this.run(v) });
    this.article = h('details', { class: 'draft-article', open: true }, this.articleSummary, this.input.element);
    this.draftFields = new DraftFields((byCard) => this.placeProblems(byCard));
    this.preview = new EditPreviewPanel({
      fields: this.draftFields,
      canWrite: options.canWrite(),
      saveLabel: 'Save accepted',
      onSave: () => void this.saveNow(),
      onCancel: () => this.close(),
    });
    this.session = new EditSession(options.api, (state) => this.preview.render(state, this.draftFields.localProblems));
    this.keepRejected.addEventListener('change', () => this.changed());
    this.footer.append(
      h('label', { class: 'draft-keep', for: 'draft-keep-rejected' }, this.keepRejected, ' Keep rejected candidates as a comment block in the file'),
      this.preview.element,
    );
    const close = h('button', { class: 'btn small', type: 'button', 'aria-label': 'Close the draft panel', onclick: () => this.close() }, 'Close');
    this.element = h(
      'section',
      { class: 'draft-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'draft-panel-title', hidden: true },
      h('header', { class: 'draft-head' }, h('h2', { id: 'draft-panel-title' }, 'Draft from article'), close),
      h('div', { class: 'draft-scroll' }, this.article, this.reviewHost),
      this.footer,
    );
    this.element.addEventListener('keydown', (e) => {
      // The page's shortcuts (document keydown) must not act on keys typed here.
      e.stopPropagation();
      if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true' && !e.defaultPrevented) {
        e.preventDefault();
        this.close();
      }
    });
    document.body.append(this.element);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(): void {
    if (this.isOpen) return;
    this.returnFocus = document.activeElement as HTMLElement | null;
    this.element.hidden = false;
    this.options.onToggle(true);
    (this.review ? this.element.querySelector<HTMLElement>('.cand-claim') : this.input.text)?.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.options.onToggle(false);
    if (this.returnFocus?.isConnected) this.returnFocus.focus();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  /** Drafts from the article and shows the review (the previous one is replaced). */
  private async run(variables: DraftVariables): Promise<void> {
    const ticket = ++this.ticket;
    this.input.busy = true;
    try {
      const { draftFromText } = await this.options.api.request(DRAFT_FROM_TEXT, variables);
      const review = new DraftReview(draftFromText);
      const entities = new DraftEntities(review);
      const ids = [...existingIdsOf(draftFromText)];
      for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
        const { subgraph } = await this.options.api.request(DRAFT_ENTITIES, { ids: ids.slice(i, i + IDS_PER_CALL) });
        for (const node of subgraph.nodes) entities.remember(node);
      }
      if (ticket !== this.ticket) return;
      this.show(review, entities, variables.text.length);
    } catch (error) {
      if (ticket === this.ticket) this.options.onError(error, 'Draft from article');
    } finally {
      if (ticket === this.ticket) this.input.busy = false;
    }
  }

  private show(review: DraftReview, entities: DraftEntities, length: number): void {
    this.articleLength = length;
    // How many reviews this panel has shown: a test (or a reader of the DOM) can tell a new one from the last.
    this.reviewHost.dataset['reviews'] = String(++this.reviews);
    for (const card of [...this.candidateCards, ...this.entityCards]) card.dispose();
    this.review = review;
    this.entities = entities;
    const context = {
      api: this.options.api,
      ontology: this.options.ontology(),
      entities,
      review,
      draftFields: this.draftFields,
      kindStyle: this.options.kindStyle,
      changed: () => review.changed(),
      focus: (c: CandidateReview) => this.focus(c),
    };
    const sorted = [...review.candidates].sort((a, b) => b.candidate.confidence - a.candidate.confidence);
    this.candidateCards = sorted.map((c) => new CandidateCard(c, context));
    this.entityCards = review.entities.map((e) => new EntityCard(e, context));
    const { draft } = review;
    const confident = review.candidates.filter((c) => c.candidate.confidence >= CONFIDENT).length;
    const counts = h('p', { class: 'draft-counts', 'aria-live': 'polite' });
    const bulk = h(
      'button',
      { class: 'btn small', type: 'button', disabled: confident === 0, title: `Accept every candidate still to review with confidence ≥ ${CONFIDENT}` },
      `Accept confident ones (≥ ${CONFIDENT.toFixed(1)})`,
    );
    bulk.addEventListener('click', () => review.acceptConfident());
    replaceChildren(
      this.reviewHost,
      h('div', { class: 'draft-summary' }, counts, bulk),
      draft.warnings.length > 0
        ? h(
            'ul',
            { class: 'draft-warnings', 'aria-label': 'Warnings' },
            draft.warnings.map((w) => h('li', {}, w)),
          )
        : null,
      h('h3', {}, `Relation candidates (${draft.relations.length})`),
      draft.relations.length > 0
        ? h(
            'ol',
            { class: 'draft-candidates' },
            this.candidateCards.map((c) => c.element),
          )
        : h('p', { class: 'hint' }, 'No sentence links two entities with a cue the ontology knows.'),
      draft.entities.length > 0 ? h('h3', {}, `Proposed new entities (${draft.entities.length})`) : null,
      draft.entities.length > 0
        ? h(
            'ul',
            { class: 'draft-entities' },
            this.entityCards.map((c) => c.element),
          )
        : null,
    );
    const renderCounts = () => {
      const n = review.counts();
      replaceChildren(counts, `${draft.sentences.length} sentences · ${n.accepted} accepted · ${n.rejected} rejected · ${n.pending} to review`);
    };
    review.subscribe(() => {
      renderCounts();
      this.changed();
    });
    renderCounts();
    this.article.open = false;
    replaceChildren(this.articleSummary, `Article (${length.toLocaleString('en')} characters): change it and draft again`);
    this.reviewHost.hidden = false;
    this.footer.hidden = false;
    this.changed();
    this.candidateCards[0]?.element.querySelector<HTMLElement>('.cand-claim')?.focus();
  }

  /** The review changed: redraw the cards and preview what saving would write. */
  private changed(): void {
    const review = this.review;
    if (!review) return;
    for (const card of [...this.candidateCards, ...this.entityCards]) card.update();
    const ontology = this.options.ontology();
    const save = draftSaveInput(
      review,
      {
        relationProperties: (type) => ontology.relationTypes.find((t) => t.name === type)?.properties ?? [],
        kindProperties: (kind) => ontology.kinds.find((k) => k.name === kind)?.properties ?? [],
      },
      this.keepRejected.checked,
    );
    this.save = save;
    this.draftFields.slots = save.slots;
    if (!hasContent(save)) {
      this.placeProblems(new Map());
      this.session.update(null, 'Accept candidates to see what saving them will write.');
      return;
    }
    const local = this.draftFields.localProblems;
    if (local.length > 0) {
      this.session.update(null, `Fix the marked fields to see the change: ${local[0]}`);
      return;
    }
    const { input } = save;
    const request: EditRequest = {
      key: JSON.stringify(input),
      propertyNames: [],
      run: async (api, options) => {
        try {
          return (await api.request(SAVE_DRAFT, { input, options })).saveDraft;
        } catch (error) {
          throw withInputPrefixes(error);
        }
      },
    };
    this.session.update(request);
  }

  private async saveNow(): Promise<void> {
    if (!this.options.canWrite()) return;
    const save = this.save;
    const edit = await this.session.save();
    if (!edit || !save || !this.review) return;
    this.options.onSaved(edit);
    this.forgetSaved(save);
  }

  /** What was written leaves the review; the candidates still to review stay. */
  private forgetSaved(save: DraftSave): void {
    const review = this.review!;
    const written = new Set([...save.slots.relations, ...save.slots.evidence]);
    const keptAsComment = save.input.rejected.length > 0;
    const added = new Map(review.includedEntities().map((e) => [e.proposal.id, e.entity.id.trim()]));
    const remaining = review.candidates.filter((c) => !written.has(c.candidate.id) && !(keptAsComment && c.decision === 'rejected'));
    // A candidate left that uses an entity just added now refers to it by its saved id.
    for (const c of remaining) {
      c.relation.from = added.get(c.relation.from) ?? c.relation.from;
      c.relation.to = added.get(c.relation.to) ?? c.relation.to;
    }
    const draft: Draft = {
      ...review.draft,
      relations: remaining.map((c) => c.candidate),
      entities: review.draft.entities.filter((e) => !added.has(e.id)),
    };
    const next = new DraftReview(draft);
    for (const c of next.candidates) {
      const before = remaining.find((r) => r.candidate.id === c.candidate.id);
      if (before) Object.assign(c, { decision: before.decision, relation: before.relation });
    }
    for (const e of next.entities) {
      const before = review.entities.find((r) => r.proposal.id === e.proposal.id);
      if (before) Object.assign(e, { decision: before.decision, entity: before.entity });
    }
    for (const [index, id] of review.picks) next.picks.set(index, id);
    const entities = new DraftEntities(next);
    for (const id of [...existingIdsOf(review.draft), ...added.values()]) {
      const summary = this.entities?.summary(id);
      if (summary) entities.remember(summary);
    }
    for (const e of review.includedEntities()) {
      entities.remember({
        id: e.entity.id.trim(),
        kind: e.entity.kind,
        name: e.entity.name.trim(),
        aliases: [],
        description: null,
        seedFile: null,
        seedLine: null,
        degree: 0,
      });
    }
    this.show(next, entities, this.articleLength);
  }

  private focus(c: CandidateReview): void {
    for (const card of this.candidateCards) card.element.classList.toggle('selected', card.c === c);
    const review = this.review;
    if (!review || !this.entities) return;
    const ids = this.entities.existingIds([c.relation.from, c.relation.to]);
    this.options.focus(ids, review.addsEvidence(c) ? (c.candidate.known?.relationId ?? null) : null);
  }

  private placeProblems(byCard: Map<string, string[]>): void {
    for (const card of this.candidateCards) card.setProblems(byCard.get(`candidate:${card.c.candidate.id}`) ?? []);
    for (const card of this.entityCards) card.setProblems(byCard.get(`entity:${card.e.proposal.id}`) ?? []);
  }
}
