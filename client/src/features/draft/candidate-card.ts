/**
 * One relation candidate in the review: the claim as it will be written, its confidence, the
 * sentence with the cue and the mentions marked, how each mention was resolved (an ambiguous
 * one offers its possible entities), the notes, "already known (file:line)", the outlet and why,
 * then Accept / Edit / Reject. Clicking the claim brings its entities into view in the graph.
 * The card updates in place when the review changes, so an open editor keeps its focus.
 */
import type { Draft, DraftMention } from '../../api/draft-operations.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { problemList, showProblems } from './card-problems.ts';
import { CandidateEditor, type CandidateEditorContext } from './candidate-editor.ts';
import type { DraftEntities } from './draft-entities.ts';
import type { CandidateReview, Decision, DraftReview } from './draft-review.ts';
import type { DraftFields } from './draft-fields.ts';
import { highlightedSentence } from './highlighted-sentence.ts';
import type { SentenceMark } from './sentence-highlights.ts';

export interface CandidateCardContext extends CandidateEditorContext {
  review: DraftReview;
  entities: DraftEntities;
  draftFields: DraftFields;
  /** Bring the candidate's entities into view in the graph. */
  focus(c: CandidateReview): void;
}

/** A confidence as a word, for the badge's colour. */
export function confidenceBand(confidence: number): 'high' | 'medium' | 'low' {
  return confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'medium' : 'low';
}

const RESOLUTION_WORDS: Record<DraftMention['resolution'], string> = {
  NAME: 'name',
  ALIAS: 'alias',
  INFLECTION: 'inflection',
  TYPO: 'typo',
  NEW: 'new entity',
  AMBIGUOUS: 'ambiguous',
  REFERENCE: 'reference',
};

/** The marks of a candidate's sentence: its cue, mentions of its ends, the other mentions. */
export function candidateMarks(draft: Draft, c: CandidateReview, picks: ReadonlyMap<number, string>): SentenceMark[] {
  const k = c.candidate;
  const ends = new Set([k.from, k.to, c.relation.from, c.relation.to]);
  const marks: SentenceMark[] = [{ span: k.cueSpan, kind: 'cue', title: `cue “${k.cue}” → ${k.type}` }];
  draft.mentions.forEach((m, i) => {
    if (m.sentence !== k.sentence) return;
    marks.push({ span: m.span, kind: mentionsEnd(m, i, ends, picks) ? 'end' : 'mention', title: `${RESOLUTION_WORDS[m.resolution]}: ${m.explanation}` });
  });
  return marks;
}

/** Whether mention `m` (index `i`) names one of `ends`: by its entity, its pick, or (unresolved) one of its options. */
function mentionsEnd(m: DraftMention, i: number, ends: ReadonlySet<string>, picks: ReadonlyMap<number, string>): boolean {
  const id = m.entityId ?? picks.get(i) ?? null;
  return id !== null ? ends.has(id) : m.candidates.some((x) => ends.has(x));
}

export class CandidateCard {
  readonly element: HTMLLIElement;
  private readonly claim = h('button', { class: 'cand-claim', type: 'button', title: 'Show its entities in the graph' });
  private readonly status = h('span', { class: 'cand-status' });
  private readonly info = h('div', { class: 'cand-info' });
  private readonly problems = problemList();
  private readonly accept = h('button', { class: 'btn small', type: 'button', 'aria-pressed': 'false' }, 'Accept');
  private readonly reject = h('button', { class: 'btn small', type: 'button', 'aria-pressed': 'false' }, 'Reject');
  private readonly edit = h('button', { class: 'btn small', type: 'button', 'aria-expanded': 'false' }, 'Edit');
  private readonly editorHost = h('div', { class: 'cand-editor-host', hidden: true });
  private editor: CandidateEditor | null = null;
  private dropEditor: (() => void) | null = null;

  constructor(
    readonly c: CandidateReview,
    private readonly context: CandidateCardContext,
  ) {
    const k = c.candidate;
    const band = confidenceBand(k.confidence);
    this.element = h(
      'li',
      { class: 'draft-candidate', 'data-candidate': k.id },
      h(
        'div',
        { class: 'cand-head' },
        this.claim,
        h('span', { class: `cand-confidence ${band}`, title: `confidence ${k.confidence.toFixed(2)} (${band})` }, k.confidence.toFixed(2)),
        this.status,
      ),
      this.info,
      this.problems,
      h('div', { class: 'cand-actions' }, this.accept, this.edit, this.reject),
      this.editorHost,
    );
    this.claim.addEventListener('click', () => context.focus(c));
    const toggle = (decision: Decision) => context.review.decide(k.id, c.decision === decision ? 'pending' : decision);
    this.accept.addEventListener('click', () => toggle('accepted'));
    this.reject.addEventListener('click', () => toggle('rejected'));
    this.edit.addEventListener('click', () => this.toggleEditor());
    this.update();
  }

  /** Shows the server's problems with this candidate (empty clears them). */
  setProblems(messages: readonly string[]): void {
    showProblems(this.problems, messages);
  }

  /** Redraws what the review may have changed: the claim, the decision, the resolved entities. */
  update(): void {
    const { c } = this;
    const { entities } = this.context;
    const type = this.context.ontology.relationTypes.find((t) => t.name === c.relation.type);
    const phrase = type?.phrase ?? c.candidate.phrase;
    replaceChildren(this.claim, `${entities.name(c.relation.from)} ${phrase} ${entities.name(c.relation.to)}`);
    replaceChildren(this.status, c.decision === 'pending' ? 'to review' : c.decision);
    this.element.classList.remove('pending', 'accepted', 'rejected');
    this.element.classList.add(c.decision);
    this.accept.setAttribute('aria-pressed', String(c.decision === 'accepted'));
    this.reject.setAttribute('aria-pressed', String(c.decision === 'rejected'));
    this.accept.setAttribute('aria-label', `Accept: ${this.claim.textContent ?? ''}`);
    this.reject.setAttribute('aria-label', `Reject: ${this.claim.textContent ?? ''}`);
    // A select being used inside keeps its focus: the info is redrawn when the analyst leaves it.
    if (!this.info.contains(document.activeElement)) this.renderInfo();
  }

  private renderInfo(): void {
    const { c } = this;
    const { review, entities } = this.context;
    const draft = review.draft;
    const k = c.candidate;
    const sentence = draft.sentences.find((s) => s.index === k.sentence);
    // The relation's ends (and ambiguous mentions) in view; the sentence's other mentions folded.
    const ends = new Set([c.relation.from, c.relation.to]);
    const inSentence = draft.mentions.map((m, i) => ({ m, i })).filter(({ m }) => m.sentence === k.sentence);
    const shown = inSentence.filter(({ m, i }) => mentionsEnd(m, i, ends, review.picks) || m.resolution === 'AMBIGUOUS');
    const folded = inSentence.filter((x) => !shown.includes(x));
    const known = k.known;
    replaceChildren(
      this.info,
      sentence ? highlightedSentence(sentence.text, sentence.span.start, candidateMarks(draft, c, review.picks)) : null,
      shown.length > 0
        ? h(
            'ul',
            { class: 'cand-mentions', 'aria-label': 'Its entities' },
            shown.map(({ m, i }) => this.mentionItem(m, i)),
          )
        : null,
      folded.length > 0
        ? h(
            'details',
            { class: 'cand-other-mentions' },
            h('summary', {}, `Other entities in this sentence (${folded.length})`),
            h(
              'ul',
              { class: 'cand-mentions' },
              folded.map(({ m, i }) => this.mentionItem(m, i)),
            ),
          )
        : null,
      h(
        'p',
        { class: 'cand-meta' },
        `cue “${k.cue}” · `,
        c.relation.evidence.outletId ? `outlet ${entities.name(c.relation.evidence.outletId)}` : 'no outlet found',
        k.outletReason ? ` (${k.outletReason})` : '',
        c.relation.evidence.date ? ` · ${c.relation.evidence.date}` : '',
      ),
      k.notes.length > 0
        ? h(
            'ul',
            { class: 'cand-notes', 'aria-label': 'Why this confidence' },
            k.notes.map((n) => h('li', {}, n)),
          )
        : null,
      known
        ? h(
            'p',
            { class: 'cand-known' },
            `Already known (${known.seedFile}:${known.seedLine}): `,
            review.addsEvidence(c) ? 'accepting adds this evidence to it.' : 'its ends or type were changed, so accepting writes a new relation.',
          )
        : null,
    );
  }

  private mentionItem(m: DraftMention, index: number): HTMLElement {
    const { review, entities } = this.context;
    const how = h('span', { class: `res res-${m.resolution.toLowerCase()}` }, RESOLUTION_WORDS[m.resolution]);
    if (m.resolution !== 'AMBIGUOUS') {
      const target = m.entityId ? `${entities.name(m.entityId)}${entities.kind(m.entityId) ? ` (${entities.kind(m.entityId)})` : ''}` : '?';
      return h('li', {}, h('q', {}, m.text), ' → ', h('strong', {}, target), ' ', how, h('span', { class: 'res-why' }, ` ${m.explanation}`));
    }
    const picked = review.picks.get(index) ?? '';
    const select = h(
      'select',
      { 'aria-label': `Which entity is “${m.text}”?` },
      h('option', { value: '' }, 'Which one?'),
      m.candidates.map((id) => h('option', { value: id }, `${entities.name(id)}${entities.kind(id) ? ` (${entities.kind(id)})` : ''}`)),
    );
    select.value = picked;
    select.addEventListener('change', () => {
      if (select.value) review.pick(index, select.value);
    });
    return h('li', {}, h('q', {}, m.text), ' → ', select, ' ', how, h('span', { class: 'res-why' }, ` ${m.explanation}`));
  }

  private toggleEditor(): void {
    const open = this.editorHost.hidden;
    if (open && !this.editor) {
      this.editor = new CandidateEditor(this.c, this.context);
      this.editorHost.append(this.editor.element);
      this.dropEditor = this.context.draftFields.addEditor(this.editor.fields, () => this.c.decision === 'accepted');
    }
    this.editorHost.hidden = !open;
    this.edit.setAttribute('aria-expanded', String(open));
    if (open) this.editor?.element.querySelector<HTMLElement>('select')?.focus();
  }

  /** Forgets the editor's fields (the panel is closing or redrawn). */
  dispose(): void {
    this.dropEditor?.();
  }
}
