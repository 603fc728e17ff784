/**
 * `npm run bench:draft [-- --runs N] [--file article.txt]` — how well the article drafter does
 * on the article the project was made from: precision and recall of its relation candidates
 * against the relations of the real seed whose evidence quotes that article (a quote found in
 * the article's text), per relation type; how many of those relations' entities it resolves;
 * and its time per 1 000 words. The cues are general English: this measures, it does not fit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { draftFromText } from '../../server/draft/draft-from-text.ts';
import { knownGraphFromSeed } from '../../server/draft/known-graph.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { reportBench } from './bench-report.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    file: { type: 'string', default: join(SEED_DIR, '..', '..', 'shared', 'domain', 'article.txt') },
  },
});
const runs = Math.max(1, Number(values.runs) || 5);
const article = readFileSync(values.file, 'utf8');
const seed = loadSeed({ seedDir: SEED_DIR });
if (!seed.ontology || seed.diagnostics.length > 0) throw new Error('the seed does not validate: npm run seed:check');
const ontology = seed.ontology;

/** Quote matching ignores case, quote marks, punctuation and spacing. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const articleText = norm(article);
const quotesArticle = (e: { quote: string | undefined }) => !!e.quote && norm(e.quote).length >= 15 && articleText.includes(norm(e.quote));
const cited = seed.graph.relations.filter((r) => r.evidence.some(quotesArticle));
// An entity is named in the article when its name or an alias stands there as words (forms with
// capitals only as written): found by string search, independent of the drafter under test.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = new Set(
  seed.graph.entities
    .filter((e) =>
      [e.name, ...e.aliases].some((f) => new RegExp(`(^|[^\\p{L}\\p{N}])${escape(f)}(?=$|[^\\p{L}\\p{N}])`, /\p{Lu}/u.test(f) ? 'u' : 'iu').test(article)),
    )
    .map((e) => e.id),
);
// Gold: the relations the article states — cited by a quote from it, both ends named in it. (The
// seed also cites the article for facts it only implies, "cloud service providers" for Clean
// Cloud's five firms: those are reported apart, as `impliedOnly`.)
const gold = cited.filter((r) => named.has(r.from) && named.has(r.to));
const goldKeys = new Set(gold.map((r) => `${r.from}|${r.type}|${r.to}`));
const goldEntities = named;

const graph = knownGraphFromSeed(seed.graph);
const times: number[] = [];
let draft = draftFromText(article, graph, ontology, { date: '2020-09-08' });
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  draft = draftFromText(article, graph, ontology, { date: '2020-09-08' });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const words = article.split(/\s+/).filter(Boolean).length;

const proposed = new Set(draft.relations.map((r) => `${r.from}|${r.type}|${r.to}`));
const types = [...new Set([...gold.map((r) => r.type), ...draft.relations.map((r) => r.type)])].sort();
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const rows: Array<Record<string, string | number>> = types.map((type) => {
  const g = [...goldKeys].filter((k) => k.split('|')[1] === type);
  const p = [...proposed].filter((k) => k.split('|')[1] === type);
  const hit = p.filter((k) => goldKeys.has(k)).length;
  return { measure: `relations ${type}`, gold: g.length, proposed: p.length, correct: hit, precision: ratio(hit, p.length), recall: ratio(hit, g.length) };
});
const hit = [...proposed].filter((k) => goldKeys.has(k)).length;
rows.push({
  measure: 'relations (all)',
  gold: goldKeys.size,
  proposed: proposed.size,
  correct: hit,
  precision: ratio(hit, proposed.size),
  recall: ratio(hit, goldKeys.size),
});
const resolved = new Set(draft.mentions.filter((m) => m.entityId && m.resolution !== 'NEW').map((m) => m.entityId!));
const wrongMentions = draft.mentions.filter((m) => m.entityId && m.resolution !== 'NEW' && !resolved.has(m.entityId)).length;
const mentionHits = [...goldEntities].filter((id) => resolved.has(id)).length;
rows.push({
  measure: 'entities named in the article, resolved',
  gold: goldEntities.size,
  proposed: resolved.size,
  correct: mentionHits,
  precision: ratio([...resolved].filter((id) => goldEntities.has(id)).length, resolved.size),
  recall: ratio(mentionHits, goldEntities.size),
});
rows.push({
  measure: `ms per 1000 words (median of ${runs})`,
  gold: words,
  proposed: '',
  correct: '',
  precision: '',
  recall: Math.round((median / words) * 1000),
});

reportBench('draft', rows, {
  article: values.file,
  words,
  runs,
  medianMs: median,
  missed: [...goldKeys].filter((k) => !proposed.has(k)),
  impliedOnly: cited.filter((r) => !gold.includes(r)).map((r) => r.key),
  extra: [...proposed].filter((k) => !goldKeys.has(k)),
  unresolvedGoldEntities: [...goldEntities].filter((id) => !resolved.has(id)),
  wrongMentions,
  note: 'gold: relations of the real seed with an evidence quote found in the article; figures taken on a shared machine are indicative only',
});
