/**
 * English inflection for cue words, so one cue in ontology.yaml ("ban") matches every form in
 * running text (bans, banned, banning). Regular rules with both spellings where English has two
 * (labelled/labeled), plus the irregular verbs news text uses; over-generating a form nobody
 * writes costs nothing.
 */
const IRREGULAR: Record<string, string[]> = {
  be: ['am', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re"],
  have: ['has', 'had', 'having', "'ve"],
  lead: ['led'],
  mislead: ['misled'],
  take: ['took', 'taken'],
  undertake: ['undertook', 'undertaken'],
  shut: ['shut'],
  put: ['put'],
  cut: ['cut'],
  set: ['set'],
  buy: ['bought'],
  hold: ['held'],
  run: ['ran'],
  seek: ['sought'],
  keep: ['kept'],
  make: ['made'],
  find: ['found'],
  go: ['went', 'gone', 'goes'],
  give: ['gave', 'given'],
  strike: ['struck', 'stricken'],
  freeze: ['froze', 'frozen'],
  sell: ['sold'],
  bring: ['brought'],
  break: ['broke', 'broken'],
  see: ['saw', 'seen'],
  oversee: ['oversaw', 'overseen'],
  withdraw: ['withdrew', 'withdrawn'],
  build: ['built'],
  fall: ['fell', 'fallen'],
  say: ['said'],
  tell: ['told'],
  win: ['won'],
  lay: ['laid'],
  begin: ['began', 'begun'],
  spend: ['spent'],
  send: ['sent'],
  fight: ['fought'],
  stand: ['stood'],
  draw: ['drew', 'drawn'],
  write: ['wrote', 'written'],
  rise: ['rose', 'risen'],
  drive: ['drove', 'driven'],
  forbid: ['forbade', 'forbidden'],
  sign: ['signed'],
  head: ['headed'],
};
const PARTICIPLE_OF = new Map<string, string>();
for (const [lemma, forms] of Object.entries(IRREGULAR)) for (const f of forms) PARTICIPLE_OF.set(f, lemma);

const VOWEL = /[aeiou]/;

/** Every form of a word used as a verb or a noun: ban → ban, bans, banned, banning. */
export function inflections(word: string): Set<string> {
  const w = word.toLowerCase();
  const out = new Set([w]);
  if (!/^[a-z]+$/.test(w)) return out;
  for (const f of IRREGULAR[w] ?? []) out.add(f);
  // -s
  if (/(s|x|z|ch|sh)$/.test(w)) out.add(`${w}es`);
  else if (/[^aeiou]y$/.test(w)) out.add(`${w.slice(0, -1)}ies`);
  else out.add(`${w}s`);
  // -ed, -ing
  if (w.endsWith('e')) {
    out.add(`${w}d`);
    out.add(`${w.slice(0, -1)}ing`);
  } else if (/[^aeiou]y$/.test(w)) {
    out.add(`${w.slice(0, -1)}ied`);
    out.add(`${w}ing`);
  } else {
    out.add(`${w}ed`);
    out.add(`${w}ing`);
    // ban → banned, label → labelled: consonant-vowel-consonant ends double (one spelling or the other).
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w)) {
      const last = w[w.length - 1]!;
      out.add(`${w}${last}ed`);
      out.add(`${w}${last}ing`);
    }
  }
  return out;
}

/** The base forms a written form may come from: proposed → propose, propos; led → lead. */
export function lemmas(form: string): string[] {
  const f = form.toLowerCase();
  const out = new Set<string>([f]);
  const irregular = PARTICIPLE_OF.get(f);
  if (irregular) out.add(irregular);
  const ed = /^(.+?)(ied|ed|d)$/.exec(f);
  if (f.endsWith('ied')) out.add(`${f.slice(0, -3)}y`);
  if (ed && f.endsWith('ed')) {
    const stem = f.slice(0, -2);
    out.add(stem);
    out.add(`${stem}e`);
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2] && !VOWEL.test(stem[stem.length - 1]!)) out.add(stem.slice(0, -1));
  }
  return [...out];
}

/** Whether a word looks like a past participle (ends -ed, or an irregular one): "proposed", "led". */
export function isParticiple(word: string): boolean {
  const w = word.toLowerCase();
  return /[a-z]{2,}ed$/.test(w) || (PARTICIPLE_OF.has(w) && !IRREGULAR.be!.includes(w));
}

/** Past participles of a verb, to make its passive (exclude → excluded, take → taken). */
export function participles(verb: string): string[] {
  const w = verb.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  return [...inflections(w)].filter((f) => f.endsWith('ed'));
}
