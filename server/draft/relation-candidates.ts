import type { Ontology, RelationSpec } from '../ingest/ontology.ts';
import type { DraftMention } from './draft-model.ts';
import { assessDoubt } from './negation.ts';
import { matchCues, type CuePattern } from './relation-cues.ts';
import type { Token } from './tokens.ts';

/** A relation a sentence states, before evidence and known-ness are added. */
export interface Candidate {
  from: string;
  type: string;
  to: string;
  cue: string;
  cueSpan: { start: number; end: number };
  /** Spans of the two mentions, so the quote can be the quoted part that holds all three. */
  ends: [DraftMention, DraftMention];
  confidence: number;
  notes: string[];
}

/** Below this a candidate's reading (distance, direction) is noise, not worth a reviewer's time. */
const MIN_CONFIDENCE = 0.3;
/** How far (in tokens) from its cue a mention may stand and still be one of its ends. */
const REACH = 18;
/** Tokens that join the items of a list ("Huawei and ZTE", "Twitter, Facebook and Google"). */
const LIST_JOINERS = new Set([',', 'and', 'or', '&', 'as', 'well', 'nor', '“', '”', '"']);

interface Placed {
  m: DraftMention;
  from: number;
  to: number;
}

/**
 * The relation candidates of one sentence: for every cue, the nearest mention before it whose
 * kind the ontology allows at that end, and the nearest after it (a possessor "Bytedance’s"
 * giving way to what it possesses, "TikTok"), each with the list it stands in. When the kinds
 * do not fit the cue's direction but fit the other one, it is read the other way, less surely.
 */
export function sentenceCandidates(ontology: Ontology, patterns: readonly CuePattern[], tokens: Token[], mentions: readonly DraftMention[]): Candidate[] {
  const placed: Placed[] = mentions
    .filter((m) => m.entityId && m.kind && !m.modifier)
    .map((m) => ({ m, from: tokens.findIndex((t) => t.start >= m.span.start), to: lastIndex(tokens, m.span.end) }))
    .filter((p) => p.from >= 0 && p.to >= p.from)
    .sort((a, b) => a.from - b.from);
  const out: Candidate[] = [];
  const add = (c: Candidate) => {
    if (c.from === c.to && !ontology.relations.get(c.type)?.selfRelations) return;
    const same = out.find((o) => o.from === c.from && o.type === c.type && o.to === c.to);
    if (!same) out.push(c);
    else if (c.confidence > same.confidence) Object.assign(same, c);
  };

  for (const match of matchCues(tokens, patterns)) {
    const spec = ontology.relations.get(match.pattern.type);
    if (!spec) continue;
    const first = match.tokens[0]!;
    const last = match.tokens[match.tokens.length - 1]!;
    const cueSpan = { start: tokens[first]!.start, end: tokens[last]!.end };
    const cueText = tokens
      .slice(first, last + 1)
      .map((t) => t.text)
      .join(' ');
    const base = match.tokens.length > 1 ? 0.85 : 0.75;
    const tryRead = (direction: CuePattern['direction'], penalty: number, note: string | undefined) => {
      const [leftKinds, rightKinds] = direction === 'forward' ? [spec.from, spec.to] : [spec.to, spec.from];
      let left = nearestLeft(tokens, placed, first, leftKinds);
      let subjectNote: string | undefined;
      // A long sentence keeps its subject: "The U.S. has … stated plans to ban … and similarly labelled …".
      const subject = placed[0];
      if (left.length === 0 && subject && subject.from <= 2 && subject.to < first && allowed(leftKinds, subject)) {
        left = [subject];
        subjectNote = `the sentence's subject '${subject.m.text}'`;
      }
      const right = nearestRight(tokens, placed, first, last, match.tokens, rightKinds);
      if (left.length === 0 || right.length === 0) return false;
      // "Twitter, Facebook and Google owner Alphabet": a one-word cue between two names is a
      // compound, and binds only the name just before it, not the list that name closes.
      if (match.tokens.length === 1 && left[0]!.to === first - 1 && right[0]!.from === last + 1) left = [left[0]!];
      for (const l of left)
        for (const r of right) {
          const [f, t] = direction === 'forward' ? [l, r] : [r, l];
          const doubt = assessDoubt(tokens, match.tokens, [l.to + 1, r.from]);
          if (doubt.drop) continue;
          const distance = (subjectNote ? 0 : Math.max(0, first - l.to - 1)) + Math.max(0, r.from - last - 1);
          const notes = [...(note ? [note] : []), ...(subjectNote ? [subjectNote] : []), ...doubt.notes];
          if (distance > 6) notes.push(`${distance} words between the cue and its ends`);
          // Too far-fetched to show is judged before doubt: a denied statement is still shown, low.
          const structural = base - penalty - (subjectNote ? 0.1 : 0) - Math.max(0, distance - 6) * 0.02;
          if (structural < MIN_CONFIDENCE) continue;
          const confidence = clamp(structural * doubt.factor);
          add({ from: f.m.entityId!, type: spec.type, to: t.m.entityId!, cue: cueText, cueSpan, ends: [f.m, t.m], confidence, notes });
        }
      return true;
    };
    if (
      !tryRead(match.pattern.direction, 0, match.pattern.text.startsWith('active') || match.pattern.text.startsWith('passive') ? match.pattern.text : undefined)
    ) {
      const other = match.pattern.direction === 'forward' ? 'reverse' : 'forward';
      tryRead(other, 0.35, `read the other way round: ${spec.type} runs ${spec.from.join('/')} → ${spec.to.join('/')}`);
    }
  }
  // The possessive cue: "Bytedance’s popular TikTok video app".
  for (const p of patterns.filter((x) => x.possessive)) {
    const spec = ontology.relations.get(p.type);
    if (!spec) continue;
    placed.forEach((owner, i) => {
      if (!owner.m.possessive) return;
      const owned = placed.slice(i + 1).find((x) => x.from > owner.to && x.from - owner.to <= 5);
      if (!owned) return;
      const [f, t] = p.direction === 'forward' ? [owner, owned] : [owned, owner];
      if (!spec.from.includes(f.m.kind!) || !spec.to.includes(t.m.kind!)) return;
      const doubt = assessDoubt(tokens, [owner.to], [owner.from, owned.from]);
      if (doubt.drop) return;
      const cueSpan = { start: tokens[owner.to]!.start, end: tokens[owner.to]!.end };
      add({
        from: f.m.entityId!,
        type: spec.type,
        to: t.m.entityId!,
        cue: `${owner.m.text} … ${owned.m.text}`,
        cueSpan,
        ends: [f.m, t.m],
        confidence: clamp(0.6 * doubt.factor),
        notes: ['possessive', ...doubt.notes],
      });
    });
  }
  return out;
}

function clamp(x: number): number {
  return Math.round(Math.max(0.05, Math.min(0.99, x)) * 100) / 100;
}

function lastIndex(tokens: Token[], end: number): number {
  let k = -1;
  tokens.forEach((t, i) => {
    if (t.end <= end) k = i;
  });
  return k;
}

const allowed = (kinds: readonly string[], p: Placed) => kinds.includes(p.m.kind!);

/** The nearest allowed mention ending before the cue, with the list it closes. */
function nearestLeft(tokens: Token[], placed: Placed[], cueFirst: number, kinds: RelationSpec['from']): Placed[] {
  const before = placed.filter((p) => p.to < cueFirst && cueFirst - p.to <= REACH).reverse();
  const head = before.find((p) => allowed(kinds, p));
  if (!head) return [];
  const group = [head];
  let cur = head;
  for (const p of before.slice(before.indexOf(head) + 1)) {
    if (!allowed(kinds, p) || !joined(tokens, p, cur)) break;
    group.push(p);
    cur = p;
  }
  return group;
}

/** The nearest allowed mention after the cue's first word (a possessor yields to what it owns), with its list. */
function nearestRight(tokens: Token[], placed: Placed[], cueFirst: number, cueLast: number, cueTokens: number[], kinds: RelationSpec['to']): Placed[] {
  const after = placed.filter((p) => p.from > cueFirst && !cueTokens.includes(p.from) && p.from - cueLast <= REACH);
  let i = after.findIndex((p) => allowed(kinds, p));
  if (i < 0) return [];
  while (after[i]!.m.possessive && after[i + 1] && allowed(kinds, after[i + 1]!) && after[i + 1]!.from - after[i]!.to <= 5) i++;
  const group = [after[i]!];
  let cur = after[i]!;
  for (const p of after.slice(i + 1)) {
    if (!allowed(kinds, p) || !joined(tokens, cur, p)) break;
    group.push(p);
    cur = p;
  }
  return group;
}

/** Whether only list punctuation and conjunctions stand between two mentions. */
function joined(tokens: Token[], a: Placed, b: Placed): boolean {
  if (b.from - a.to > 4) return false;
  for (let k = a.to + 1; k < b.from; k++) if (!LIST_JOINERS.has(tokens[k]?.lower ?? '')) return false;
  return true;
}
