import nlp from 'compromise';
import { countryOfDemonym } from './demonyms.ts';
import type { DraftEntity, DraftMention, DraftProperty, DraftSentence } from './draft-model.ts';
import { normalizeName, stripPossessive, type Token } from './tokens.ts';
import { capitalisedRuns } from './mention-resolution.ts';
import { isTitleWord, titleBefore, titleCase } from './titles.ts';

/** Last words that say what kind of thing a name is ("European Commission" → Organization). */
const KIND_WORDS: Array<[RegExp, string]> = [
  [/^(initiative|program|programme|plan|strategy|project|partnership|framework|agenda|roadmap|corridor)$/, 'Initiative'],
  [/^(act|order|law|bill|directive|regulation|decree|ordinance|treaty)$/, 'LegalAct'],
  [/^(cable|firewall|pipeline|satellite|grid)$/, 'Infrastructure'],
  [
    /^(commission|council|committee|agency|court|union|organization|organisation|ministry|department|parliament|assembly|association|alliance|forum|bureau|administration|authority|league|nations|party|congress|senate|federation|institute|foundation|board|tribunal|nato|asean)$/,
    'Organization',
  ],
  [
    /^(inc|corp|corporation|ltd|llc|plc|co|group|holding|holdings|technologies|technology|telecom|telecommunications|mobile|networks|systems|electronics|semiconductors?|motors|airlines|labs|software|communications|media|ventures)$/,
    'Company',
  ],
];
const MONTH_OR_DAY =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
/** Publishers: a draft cannot propose an Outlet (it needs a website), so they become a warning. */
const OUTLET_WORDS = /^(news|times|post|journal|herald|tribune|gazette|daily|magazine|press|reuters|bloomberg|bbc|cnn|guardian|economist)$/;

export interface ProposalContext {
  text: string;
  sentences: DraftSentence[];
  tokens: Token[][];
  taken: boolean[][];
  /** Ids the graph has: suggested ids avoid them. */
  knownIds: ReadonlySet<string>;
  /** A country's id by name (for "Chinese foreign minister" → china), via the graph. */
  countryByName: (name: string) => string | undefined;
  /** The kinds the ontology has: a guess outside them is dropped. */
  kinds: ReadonlySet<string>;
  /** Sentences in title case (headlines): capitals say nothing there, only names with a kind word count. */
  headlines: ReadonlySet<number>;
  /** A known entity's name (to find the title inside an alias such as "Foreign Minister Wang Yi"). */
  nameOf: (id: string) => string | undefined;
  /** Date.now() after which no more sentences are read (the caller warns). */
  deadline: number;
}

export interface Proposals {
  entities: DraftEntity[];
  mentions: DraftMention[];
  warnings: string[];
  /** Officials' titles by mention: HOLDS_OFFICE candidates ("Chinese foreign minister Wang Yi"). */
  offices: Array<{ mention: DraftMention; role: string; country: string | undefined; titleSpan: { start: number; end: number } }>;
}

/** "Oliver Dowden" → "oliver-dowden", unique against the graph and earlier proposals. */
export function suggestId(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'entity';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

interface Found {
  from: number;
  to: number;
  source: 'person' | 'organization' | 'country' | 'proper';
}

/** Token range of a character range of the sentence (offsets relative to the sentence). */
function tokenRange(tokens: Token[], start: number, end: number): { from: number; to: number } | undefined {
  const from = tokens.findIndex((t) => t.end > start);
  let to = -1;
  tokens.forEach((t, i) => {
    if (t.start < end) to = i;
  });
  if (from < 0 || to < from) return undefined;
  return { from, to };
}

/**
 * Named things the graph lacks, found by compromise (people, organisations, countries, other
 * proper nouns; its model ships in the npm package, nothing is downloaded), each with a guessed
 * kind (a title makes a person an Official, a last word like "Commission" an Organization) and
 * a suggested id. The same name twice is one proposal.
 */
export function proposeEntities(ctx: ProposalContext, known: DraftMention[]): Proposals {
  const entities: DraftEntity[] = [];
  const mentions: DraftMention[] = [];
  const warnings: string[] = [];
  const offices: Proposals['offices'] = [];
  const ids = new Set(ctx.knownIds);
  const byName = new Map<string, DraftEntity>();
  const outletsWarned = new Set<string>();

  ctx.sentences.forEach((s, si) => {
    if (Date.now() >= ctx.deadline) return;
    const tokens = ctx.tokens[si]!;
    const taken = ctx.taken[si]!;
    const doc = nlp(s.text);
    const found: Found[] = [];
    const collect = (list: Array<{ offset: { start: number; length: number } }>, source: Found['source']) => {
      for (const m of list) {
        const r = tokenRange(tokens, s.span.start + m.offset.start, s.span.start + m.offset.start + m.offset.length);
        if (r) found.push({ ...r, source });
      }
    };
    collect(doc.people().json({ offset: true }) as never, 'person');
    collect(doc.organizations().json({ offset: true }) as never, 'organization');
    collect(doc.match('#Country+').json({ offset: true }) as never, 'country');
    collect(doc.match('#ProperNoun+').not('(#Demonym|#Month|#WeekDay|#Date|#Pronoun)').json({ offset: true }) as never, 'proper');
    // Capitalised runs the model missed ("ASML Holding"); a sentence's first word only if the model calls it a name.
    // In a headline every word is capitalised: runs say nothing there.
    for (const run of ctx.headlines.has(si) ? [] : capitalisedRuns(tokens, taken)) {
      let from = run.from;
      // Titles ("Secretary of State" before a name) and dates ("July 14") are no entities.
      if (tokens.slice(run.from, run.to + 1).some((t) => isTitleWord(t.text) || MONTH_OR_DAY.test(t.lower))) continue;
      if (from === 0 && !nlp(tokens[0]!.text).has('(#ProperNoun|#Organization|#Person|#Place)')) from++;
      while (from <= run.to && /-based$/i.test(tokens[from]!.text)) from++;
      // "BT and Vodafone" are two names.
      for (let k = from; k <= run.to + 1; k++) {
        if (k <= run.to && tokens[k]!.lower !== 'and') continue;
        if (k > from) found.push({ from, to: k - 1, source: 'proper' });
        from = k + 1;
      }
    }

    // Longest first: "ASML Holding" before the model's "Holding".
    found.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
    for (const f of found) {
      let { from, to } = f;
      // Trim what is not part of the name: punctuation, a leading article, a trailing possessive.
      while (from <= to && (!tokens[from]!.isWord || tokens[from]!.lower === 'the')) from++;
      while (to >= from && !tokens[to]!.isWord) to--;
      if (from > to) continue;
      let title: ReturnType<typeof titleBefore>;
      if (f.source === 'person') {
        // compromise keeps a title inside the person ("Secretary Oliver Dowden", "Dr. Jane Smith"):
        // the name starts after its last title word (and an "of State" after it).
        for (let i = to - 1; i >= from; i--) {
          if (!isTitleWord(tokens[i]!.text)) continue;
          from = i + 1;
          break;
        }
        while (from <= to && /^(of|for|and|the)$/.test(tokens[from]!.lower)) from += 2;
        while (from <= to && !tokens[from]!.isWord) from++;
        if (from > to) continue;
        title = titleBefore(tokens, from, (i) => taken[i] === true);
      }
      if (tokens.slice(from, to + 1).some((_, k) => taken[from + k])) continue;
      const start = tokens[from]!.start;
      const end = tokens[to]!.end;
      let raw = ctx.text.slice(start, end);
      const owner = stripPossessive(tokens[to]!.text);
      const name = owner ? ctx.text.slice(start, tokens[to]!.start) + owner : raw;
      const words = normalizeName(name).split(' ');
      const last = words[words.length - 1] ?? '';
      // A name has a capitalised word that is not a nationality ("Chinese company" is not one).
      const capitals = tokens.slice(from, to + 1).filter((t) => /^\p{Lu}/u.test(t.text) && !countryOfDemonym(t.text));
      if (capitals.length === 0 || name.length < 2) continue;
      // A lone capitalised first word of a sentence is usually an ordinary word.
      if (f.source === 'proper' && from === 0 && to === 0) continue;
      if (words.some((w) => OUTLET_WORDS.test(w)) && f.source !== 'person') {
        if (!outletsWarned.has(name)) warnings.push(`'${name}' looks like a news outlet the graph lacks: add it as an Outlet (with its website) to cite it`);
        outletsWarned.add(name);
        continue;
      }
      let kind: string | undefined;
      let reason = '';
      const properties: DraftProperty[] = [];
      let confidence = 0.5;
      let office: Omit<Proposals['offices'][number], 'mention'> | undefined;
      if (f.source === 'person') {
        if (title?.office) {
          kind = 'Official';
          const { role, country } = splitTitle(tokens, title.from, from, ctx);
          properties.push({ name: 'office', value: titleCase(title.title) });
          reason = `title '${title.title}' before a person's name`;
          confidence = 0.8;
          office = { role, country, titleSpan: { start: tokens[title.from]!.start, end: tokens[from - 1]!.end } };
        } else {
          kind = 'Person';
          if (title?.title) properties.push({ name: 'role', value: title.title });
          reason = title?.title ? `role '${title.title}' before a person's name` : "the NLP model's person name";
          confidence = 0.7;
        }
      } else if (f.source === 'country') {
        kind = 'Country';
        reason = 'a country name';
        confidence = 0.8;
      } else {
        for (const [re, k] of KIND_WORDS) {
          if (re.test(last)) {
            kind = k;
            reason = `the word '${last}' in its name`;
            confidence = 0.65;
            break;
          }
        }
        const near = tokens.slice(Math.max(0, from - 2), to + 3).map((t) => t.lower);
        if (!kind && near.some((w) => /^(app|apps|application)$/.test(w))) {
          kind = 'App';
          reason = "the word 'app' beside it";
          confidence = 0.6;
        }
        if (!kind && f.source === 'organization') {
          kind = 'Company';
          reason = "the NLP model's organisation name";
          confidence = 0.5;
        }
        if (!kind && to > from) {
          kind = 'Organization';
          reason = 'an unclassified proper name of several words';
          confidence = 0.35;
        }
        if (!kind && /^\p{Lu}{2,6}$/u.test(name) && from > 0) {
          kind = 'Company';
          reason = 'an unclassified acronym';
          confidence = 0.3;
        }
      }
      if (!kind || !ctx.kinds.has(kind)) continue;
      if (ctx.headlines.has(si) && (!KIND_WORDS.some(([re]) => re.test(last)) || to === from)) continue;
      const key = normalizeName(name);
      let entity = byName.get(key);
      if (!entity) {
        entity = { id: suggestId(name, ids), kind, name, properties, confidence, mentions: [], reason };
        ids.add(entity.id);
        byName.set(key, entity);
        entities.push(entity);
      }
      raw = ctx.text.slice(start, end);
      const mention: DraftMention = {
        text: raw,
        span: { start, end },
        sentence: si,
        resolution: 'NEW',
        entityId: entity.id,
        candidates: [],
        explanation: `not in the graph: proposed as ${entity.kind} ${entity.id} (${entity.reason})`,
        kind: entity.kind,
        possessive: owner !== undefined,
      };
      mentions.push(mention);
      if (office) offices.push({ ...office, mention });
      for (let k = from; k <= to; k++) taken[k] = true;
    }
  });
  // Titles before people the graph already has ("Chinese foreign minister Wang Yi") still say
  // which office they hold where.
  for (const m of known) {
    if (m.kind !== 'Official' || !m.entityId) continue;
    const si = m.sentence;
    const tokens = ctx.tokens[si]!;
    // The name may come after a title inside the mention (the alias "Foreign Minister Wang Yi").
    const name = normalizeName(ctx.nameOf(m.entityId) ?? '');
    let from = tokens.findIndex((t) => t.start === m.span.start);
    for (let k = from; k >= 0 && tokens[k] && tokens[k]!.end <= m.span.end; k++) {
      if (normalizeName(ctx.text.slice(tokens[k]!.start, m.span.end)) === name) {
        from = k;
        break;
      }
    }
    if (from <= 0) continue;
    const title = titleBefore(tokens, from);
    if (!title?.office) continue;
    const { role, country } = splitTitle(tokens, title.from, from, ctx);
    offices.push({ mention: m, role, country, titleSpan: { start: tokens[title.from]!.start, end: tokens[from - 1]!.end } });
  }
  return { entities, mentions, warnings, offices };
}

/** "Chinese foreign minister" → role "Foreign Minister", country china (by the demonym or a country name). */
function splitTitle(tokens: Token[], from: number, to: number, ctx: ProposalContext): { role: string; country: string | undefined } {
  let country: string | undefined;
  let start = from;
  const first = tokens[from]!;
  const demonym = countryOfDemonym(first.text);
  const named = demonym ? ctx.countryByName(demonym) : ctx.countryByName(stripPossessive(first.text) ?? first.text);
  if (named) {
    country = named;
    start = from + 1;
  } else if (from > 0) {
    // "Britain's Culture Secretary": a country just before the title.
    const prev = tokens[from - 1]!;
    const owner = stripPossessive(prev.text);
    if (owner) country = ctx.countryByName(owner);
  }
  const role = titleCase(
    tokens
      .slice(start, to)
      .map((t) => t.text)
      .join(' '),
  );
  return { role, country };
}
