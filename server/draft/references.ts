import { countryOfDemonym } from './demonyms.ts';
import type { DraftMention } from './draft-model.ts';
import { normalizeName, stripPossessive, type Token } from './tokens.ts';

/** Nouns that stand for an entity of a kind when it was named nearby ("the plan", "that initiative"). */
const HEADS: Record<string, string> = {
  initiative: 'Initiative',
  plan: 'Initiative',
  program: 'Initiative',
  programme: 'Initiative',
  scheme: 'Initiative',
  strategy: 'Initiative',
  proposal: 'Initiative',
  framework: 'Initiative',
  company: 'Company',
  firm: 'Company',
  vendor: 'Company',
  app: 'App',
  application: 'App',
  order: 'LegalAct',
  law: 'LegalAct',
  cable: 'Infrastructure',
};
const DEFINITE = new Set(['the', 'this', 'that', 'its', 'their', 'his', 'her', 'these', 'those']);
const INDEFINITE = new Set(['a', 'an']);
const STOP = new Set(['the', 'of', 'on', 'for', 'and', 'in', 'a', 'an', 'to', 'with']);
/** How far back (in sentences) "the plan" may reach for what it means. */
const REACH = 6;

export interface ReferenceContext {
  text: string;
  tokens: Token[];
  taken: boolean[];
  sentence: number;
  /** Every mention before this point, in text order (resolved ones are used). */
  history: readonly DraftMention[];
  /** Mentions already found in this sentence. */
  here: readonly DraftMention[];
  /** Known entities by kind, for descriptions ("an initiative … for global data security"). */
  entitiesOfKind: (kind: string) => ReadonlyArray<{ id: string; name: string }>;
  /** Whether two entities are related in the graph (the U.S. plan: an initiative related to us). */
  related: (a: string, b: string) => boolean;
  countryByName: (name: string) => string | undefined;
  hasKind: (kind: string) => boolean;
}

/**
 * Descriptions that stand for an entity ("the U.S. plan", "that initiative", "Beijing’s
 * initiative", "an initiative to create standards for global data security"), resolved as
 * REFERENCE: a definite one to the latest entity of its kind named in the last few sentences
 * (one related in the graph to a country the description names, when it names one); an
 * indefinite one only when the words after it hold most of a known name of that kind.
 */
export function findReferences(ctx: ReferenceContext): DraftMention[] {
  const out: DraftMention[] = [];
  const { tokens, taken } = ctx;
  for (let h = 0; h < tokens.length; h++) {
    const kind = HEADS[tokens[h]!.lower];
    if (!kind || taken[h] || !ctx.hasKind(kind)) continue;
    // A head followed by a capitalised word is part of a name ("Plan B", "Initiative on …").
    if (tokens[h + 1] && /^\p{Lu}/u.test(tokens[h + 1]!.text) && tokens[h + 1]!.isWord) continue;
    let det: 'definite' | 'indefinite' | undefined;
    let from = h;
    let country: string | undefined;
    const modifiers: DraftMention[] = [];
    for (let i = h - 1; i >= 0 && h - i <= 4; i--) {
      const t = tokens[i]!;
      const m = ctx.here.find((x) => x.span.start === t.start);
      if (m) {
        // "the U.S. plan", "Beijing’s initiative": a country in the description.
        if (m.kind === 'Country' && m.entityId) {
          country = m.entityId;
          modifiers.push(m);
          // "Beijing’s initiative", "U.S. plan": the country is the determiner.
          if (m.possessive || i === h - 1 || !tokens.slice(0, tokenIndexAt(tokens, m.span.start)).some((t) => DEFINITE.has(t.lower))) {
            det = 'definite';
            break;
          }
          i = tokenIndexAt(tokens, m.span.start);
          continue;
        }
        break;
      }
      if (taken[i] || !t.isWord) break;
      if (DEFINITE.has(t.lower)) {
        det = 'definite';
        from = i;
        break;
      }
      if (INDEFINITE.has(t.lower)) {
        det = 'indefinite';
        from = i;
        break;
      }
      const demonym = countryOfDemonym(t.text);
      if (demonym) country = ctx.countryByName(demonym) ?? country;
      else if (/^\p{Lu}/u.test(t.text)) break;
      from = i;
    }
    if (!det) continue;
    if (from < h && taken[from]) from = h;
    const start = tokens[from]!.start;
    const end = tokens[h]!.end;
    const phrase = ctx.text.slice(start, end);
    let target: string | undefined;
    let explanation = '';
    const described = describe(ctx, kind, h);
    if (described) {
      target = described.id;
      explanation = `'${phrase}' with '${described.words}' after it: the ${kind} ${described.name} (${described.id})`;
    } else if (det === 'definite') {
      const recent = [...ctx.history, ...ctx.here]
        .filter((m) => m.kind === kind && m.entityId && m.sentence >= ctx.sentence - REACH && m.span.end <= start)
        .reverse();
      const pick = (country && recent.find((m) => ctx.related(m.entityId!, country))) || (country ? undefined : recent[0]);
      if (pick) {
        target = pick.entityId!;
        explanation = `'${phrase}' taken as the ${kind} named in sentence ${pick.sentence + 1} ('${pick.text}', ${target})${country ? `, related to ${country}` : ''}`;
      }
    }
    if (!target) continue;
    for (const m of modifiers) m.modifier = true;
    out.push({
      text: phrase,
      span: { start, end },
      sentence: ctx.sentence,
      resolution: 'REFERENCE',
      entityId: target,
      candidates: [],
      explanation,
      kind,
      possessive: false,
    });
    for (let k = from; k <= h; k++) taken[k] = true;
  }
  return out;
}

function tokenIndexAt(tokens: Token[], start: number): number {
  return tokens.findIndex((t) => t.start === start);
}

/** A known entity of `kind` most of whose name's words stand in the ten words after the head. */
function describe(ctx: ReferenceContext, kind: string, head: number): { id: string; name: string; words: string } | undefined {
  const window = new Set(
    ctx.tokens
      .slice(head, head + 11)
      .filter((t) => t.isWord)
      .map((t) => normalizeName(stripPossessive(t.text) ?? t.text)),
  );
  let best: { id: string; name: string; words: string; score: number } | undefined;
  for (const e of ctx.entitiesOfKind(kind)) {
    const words = normalizeName(e.name)
      .split(' ')
      .filter((w) => !STOP.has(w));
    if (words.length < 3) continue;
    const hit = words.filter((w) => window.has(w));
    const score = hit.length / words.length;
    if (score >= 0.75 && hit.length >= 3 && (!best || score > best.score)) best = { id: e.id, name: e.name, words: hit.join(' '), score };
  }
  return best;
}
