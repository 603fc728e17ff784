import { createHash } from 'node:crypto';
import { diagnostic, didYouMean, formatLocation, type Diagnostic, type Location } from './diagnostics.ts';
import { explainLookalikes } from './lookalikes.ts';
import type { Ontology, PropertySpec } from './ontology.ts';
import type { RawEvidence, RawSeedFile, RawValue } from './raw-seed.ts';
import {
  relationKey,
  STANCES,
  type Confidence,
  type Evidence,
  type PropertyValue,
  type SeedEntity,
  type SeedGraph,
  type SeedRelation,
  type Stance,
} from './seed-model.ts';
import { ID_PATTERN, checkDate, checkProperty, checkString, checkUrl, describe, endOfDate, startOfDate, type Checked } from './seed-values.ts';

const CONFIDENCE: readonly Confidence[] = ['high', 'medium', 'low'];
const EVIDENCE_FIELDS = ['outlet', 'quote', 'url', 'date', 'stance', 'disputedBy'];
const ENTITY_FIELDS = ['id', 'kind', 'name', 'aliases', 'description'];
const RELATION_FIELDS = ['from', 'type', 'to', 'since', 'until', 'confidence'];

// Shared by every fact that has none, frozen so no holder can change the others': a million
// relations would otherwise hold a million empty lists and objects (the sync keeps them all).
const NO_IDS = Object.freeze([]) as unknown as string[];
const NO_PROPERTIES = Object.freeze({}) as Record<string, PropertyValue>;

export interface ValidateOptions {
  /** Today, YYYY-MM-DD: no evidence may be published later. @default today somewhere on earth (UTC+14) */
  today?: string;
}

/**
 * Today's date where it is latest (UTC+14): a source published today in Kiribati is not refused
 * as "in the future" because the machine checking it is in UTC.
 */
function latestToday(): string {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Checks every file against the ontology and against each other (ids, sources, ends, duplicates)
 * and returns the graph only when there is no error at all: a bad seed loads nothing.
 */
export function validateSeed(
  ontology: Ontology,
  files: RawSeedFile[],
  { today = latestToday() }: ValidateOptions = {},
): { graph: SeedGraph; diagnostics: Diagnostic[]; sourcesDigest: string } {
  const errors: Diagnostic[] = files.flatMap((f) => (f.deferred ? [] : f.diagnostics));
  const fail = (at: Location, message: string, hint?: string) => errors.push(diagnostic(at, message, hint));
  const take = <T>(at: Location, r: Checked<T>, prefix = ''): T | undefined => {
    if (r.ok) return r.value;
    fail(at, prefix + r.message);
    return undefined;
  };
  // One copy of each date, however many facts carry it (a bulk seed repeats a few thousand).
  const dates = new Map<string, string>();
  const shared = (d: string | undefined): string | undefined => {
    if (d === undefined) return d;
    const known = dates.get(d);
    if (known !== undefined) return known;
    dates.set(d, d);
    return d;
  };

  // 1. Entities (all files first, so relations can refer across files).
  const entities = new Map<string, SeedEntity>();
  for (const file of files) {
    for (const raw of file.entities) {
      const f = raw.fields;
      const id = checkId(f.get('id'), raw.at, 'entity id', fail);
      const kindRaw = f.get('kind');
      let kind: string | undefined;
      if (!kindRaw) fail(raw.at, 'entity has no kind');
      else if (typeof kindRaw.value !== 'string' || !ontology.kinds.has(kindRaw.value)) {
        fail(
          kindRaw.at,
          `unknown kind ${describe(kindRaw.value)}`,
          didYouMean(String(kindRaw.value), ontology.kinds.keys()) ?? `kinds: ${[...ontology.kinds.keys()].join(', ')}`,
        );
      } else kind = kindRaw.value;
      const nameRaw = f.get('name');
      const name = nameRaw ? take(nameRaw.at, checkString(nameRaw.value), 'name: ') : (fail(raw.at, 'entity has no name'), undefined);
      const aliasesRaw = f.get('aliases');
      const aliases = aliasesRaw ? (take(aliasesRaw.at, checkProperty('string[]', aliasesRaw.value), 'aliases: ') as string[] | undefined) : [];
      const descRaw = f.get('description');
      const description = descRaw ? take(descRaw.at, checkString(descRaw.value), 'description: ') : undefined;
      const spec = kind ? ontology.kinds.get(kind) : undefined;
      const properties = spec ? checkProperties(f, ENTITY_FIELDS, spec.properties, `${kind}`, raw.at, fail) : {};
      if (id === undefined || !kind || name === undefined || aliases === undefined) continue;
      const previous = entities.get(id);
      if (previous) {
        fail(f.get('id')!.at, `duplicate entity id "${id}"`, `first declared at ${formatLocation(previous.at)}`);
        continue;
      }
      entities.set(id, { id, kind, name, aliases, description, properties, at: raw.at });
    }
  }

  // 2. Sources: reusable evidence, global across files. (The outlet cache is declared before the
  // first resolveEvidence call: a `let` after it was still uninitialised when an unknown outlet asked.)
  let outletIdCache: string[] | undefined;
  const sources = new Map<string, { at: Location; evidence: RawEvidence }>();
  for (const file of files) {
    for (const s of file.sources) {
      if (!ID_PATTERN.test(s.id)) fail(s.at, `source id "${s.id}" must be lower-case letters, digits and dashes`, explainLookalikes(s.id)?.note);
      const previous = sources.get(s.id);
      if (previous) fail(s.at, `duplicate source id "${s.id}"`, `first declared at ${formatLocation(previous.at)}`);
      else sources.set(s.id, s);
    }
  }
  const resolvedSources = new Map<string, Evidence | undefined>();
  for (const [id, s] of sources) {
    if (s.evidence.source) fail(s.evidence.source.at, `source "${id}" may not refer to another source`);
    resolvedSources.set(id, resolveEvidence(s.evidence, undefined));
  }

  function resolveEvidence(ev: RawEvidence, base: Evidence | undefined): Evidence | undefined {
    for (const [k, v] of ev.fields) {
      if (!EVIDENCE_FIELDS.includes(k))
        fail(v.keyAt ?? v.at, `unknown evidence field "${k}"`, didYouMean(k, EVIDENCE_FIELDS) ?? `expected ${EVIDENCE_FIELDS.join(', ')}`);
    }
    const get = (k: string) => ev.fields.get(k);
    const outletRaw = get('outlet');
    let outlet = base?.outlet;
    if (outletRaw) {
      const o = take(outletRaw.at, checkString(outletRaw.value), 'outlet: ');
      if (o !== undefined) {
        const e = entities.get(o);
        if (!e) fail(outletRaw.at, `unknown outlet "${o}"`, didYouMean(o, outletIds()) ?? 'declare it as an entity of kind Outlet');
        else if (e.kind !== 'Outlet') fail(outletRaw.at, `"${o}" is a ${e.kind}, not an Outlet`);
        else outlet = e.id; // the entity's own string: one copy however many cite it
      }
    }
    const quote = get('quote') ? take(get('quote')!.at, checkString(get('quote')!.value), 'quote: ') : base?.quote;
    const url = get('url') ? take(get('url')!.at, checkUrl(get('url')!.value), 'url: ') : base?.url;
    let date = get('date') ? shared(take(get('date')!.at, checkDate(get('date')!.value), 'date: ')) : base?.date;
    // A partial date is in the future only when all of it is: 2026 is fine all through 2026.
    if (date && get('date') && startOfDate(date) > today) {
      fail(get('date')!.at, `date: publication date ${date} is in the future (today is ${today})`, 'the date the outlet published it, not of the event');
      date = undefined;
    }
    const stanceRaw = get('stance');
    let stance: Stance | undefined = base?.stance ?? 'supports';
    if (stanceRaw) {
      if (STANCES.includes(stanceRaw.value as Stance)) stance = stanceRaw.value as Stance;
      else {
        fail(stanceRaw.at, `unknown stance ${describe(stanceRaw.value)}`, didYouMean(String(stanceRaw.value), STANCES) ?? `expected ${STANCES.join(' or ')}`);
        stance = undefined;
      }
    }
    const disputedRaw = get('disputedBy');
    const disputedBy = disputedRaw ? checkDisputedBy(disputedRaw) : (base?.disputedBy ?? NO_IDS);
    if (disputedRaw && disputedBy && disputedBy.length > 0 && stance === 'supports') {
      fail(disputedRaw.keyAt ?? disputedRaw.at, 'disputedBy names who disputes the claim, but this evidence supports it', 'add "stance: disputes"');
    }
    let ok = stance !== undefined && disputedBy !== undefined;
    if (!outlet && !outletRaw) {
      ok = false;
      fail(ev.at, 'evidence has no outlet');
    }
    if (!date && !get('date')) {
      ok = false;
      fail(ev.at, 'evidence has no publication date');
    }
    if (!quote && !url && !get('quote') && !get('url')) {
      ok = false;
      fail(ev.at, 'evidence needs a quote or a url');
    }
    return ok && outlet && date && (quote || url) ? { outlet, quote, url, date, stance: stance!, disputedBy: disputedBy! } : undefined;
  }
  /** disputedBy: one entity id or a list of them; each must be declared. */
  function checkDisputedBy(raw: RawValue): string[] | undefined {
    const items = raw.items ?? (Array.isArray(raw.value) ? [] : [{ value: raw.value, at: raw.at }]);
    if (Array.isArray(raw.value) && items.length === 0) {
      fail(raw.at, 'disputedBy: expected an entity id or a list of them, not an empty list');
      return undefined;
    }
    const ids: string[] = [];
    for (const item of items) {
      const id = checkId(item, raw.at, 'disputedBy', fail);
      if (id === undefined) return undefined;
      if (!entities.has(id)) {
        fail(item.at, `disputedBy: unknown entity id "${id}"`, didYouMean(id, entities.keys()) ?? 'declare it as an entity');
        return undefined;
      }
      if (ids.includes(id)) {
        fail(item.at, `disputedBy names "${id}" twice`);
        return undefined;
      }
      ids.push(id);
    }
    return ids;
  }
  function outletIds(): string[] {
    return (outletIdCache ??= [...entities.values()].filter((e) => e.kind === 'Outlet').map((e) => e.id));
  }

  // 3. Relations.
  const relations = new Map<string, SeedRelation>();
  for (const file of files) {
    const rawRelations = file.relations;
    if (file.deferred) errors.push(...file.diagnostics);
    for (const raw of rawRelations) {
      const f = raw.fields;
      const from = checkRef(f.get('from'), raw.at, 'from');
      const to = checkRef(f.get('to'), raw.at, 'to');
      const typeRaw = f.get('type');
      let type: string | undefined;
      if (!typeRaw) fail(raw.at, 'relation has no type');
      else if (typeof typeRaw.value !== 'string' || !ontology.relations.has(typeRaw.value)) {
        const hint = didYouMean(String(typeRaw.value).toUpperCase(), ontology.relations.keys()) ?? `types: ${[...ontology.relations.keys()].join(', ')}`;
        fail(typeRaw.at, `unknown relation type ${describe(typeRaw.value)}`, hint);
      } else type = typeRaw.value;
      const spec = type ? ontology.relations.get(type) : undefined;
      if (spec && from && !spec.from.includes(from.kind)) {
        fail(f.get('from')!.at, `${type} cannot start at ${from.id}, a ${from.kind}`, `allowed: ${spec.from.join(', ')}`);
      }
      if (spec && to && !spec.to.includes(to.kind)) {
        fail(f.get('to')!.at, `${type} cannot end at ${to.id}, a ${to.kind}`, `allowed: ${spec.to.join(', ')}`);
      }
      if (spec && from && to && from.id === to.id && !spec.selfRelations) {
        fail(
          f.get('to')!.at,
          `${type} from ${from.id} to itself`,
          `a relation links two entities; if ${type} may loop, set selfRelations: true on it in the ontology`,
        );
      }
      const sinceRaw = f.get('since');
      const untilRaw = f.get('until');
      const since = sinceRaw ? shared(take(sinceRaw.at, checkDate(sinceRaw.value), 'since: ')) : undefined;
      const until = untilRaw ? shared(take(untilRaw.at, checkDate(untilRaw.value), 'until: ')) : undefined;
      if (since && until && endOfDate(until) < startOfDate(since)) {
        fail(untilRaw!.at, `until ${until} is before since ${since}`);
      }
      const confRaw = f.get('confidence');
      let confidence: Confidence = 'high';
      if (confRaw) {
        if (CONFIDENCE.includes(confRaw.value as Confidence)) confidence = confRaw.value as Confidence;
        else fail(confRaw.at, `confidence must be high, medium or low, not ${describe(confRaw.value)}`);
      }
      const properties = spec ? checkProperties(f, RELATION_FIELDS, spec.properties, type!, raw.at, fail) : {};
      if (raw.evidence.length === 0)
        fail(raw.evidenceAt, 'relation has no evidence', 'add "@source" or an evidence: mapping with outlet, date and quote or url');
      const evidence: Evidence[] = [];
      for (const ev of raw.evidence) {
        let base: Evidence | undefined;
        if (ev.source) {
          const ref = String(ev.source.value);
          if (!sources.has(ref)) {
            fail(ev.source.at, `unknown source "${ref}"`, unknownIdHint(ref, sources.keys()) ?? 'declare it under sources:');
            continue;
          }
          base = resolvedSources.get(ref);
          if (!base) continue; // its own errors are already reported
          if (ev.fields.size === 0) {
            evidence.push(base);
            continue;
          }
        }
        const e = resolveEvidence(ev, base);
        if (e) evidence.push(e);
      }
      if (!from || !to || !type || evidence.length !== raw.evidence.length || raw.evidence.length === 0) continue;
      const key = relationKey(from.id, type, to.id, since ? startOfDate(since) : undefined);
      const previous = relations.get(key);
      if (previous) {
        fail(raw.at, `duplicate relation ${from.id} ${type} ${to.id}${since ? ` since ${since}` : ''}`, `first declared at ${formatLocation(previous.at)}`);
        continue;
      }
      relations.set(key, {
        key,
        from: from.id,
        type,
        to: to.id,
        // Kept as written: "2020-09" is a period (some day of that month), and the API and the
        // client read it as one (uncertain on 2020-09-01), which a rounded day would hide.
        since,
        until,
        confidence,
        // An exact-size copy: the list grown by push holds room for 17 (136 bytes a relation).
        evidence: [...evidence],
        properties,
        at: raw.at,
      });
    }
  }

  function checkRef(v: RawValue | undefined, at: Location, end: 'from' | 'to'): SeedEntity | undefined {
    const id = checkId(v, at, `relation ${end}`, fail);
    if (id === undefined) return undefined;
    const e = entities.get(id);
    if (!e) fail(v!.at, `unknown entity id "${id}"`, didYouMean(id, entities.keys()));
    return e;
  }

  if (errors.length > 0) return { graph: { entities: [], relations: [] }, diagnostics: errors, sourcesDigest: '' };
  // Every source as a relation citing it would hold it, in id order (seed-model.ts, SeedInputs).
  const hash = createHash('sha256');
  for (const id of [...resolvedSources.keys()].sort()) hash.update(JSON.stringify([id, resolvedSources.get(id)])).update('\n');
  return {
    graph: { entities: [...entities.values()], relations: [...relations.values()] },
    diagnostics: [],
    sourcesDigest: hash.digest('base64'),
  };
}

function checkId(v: RawValue | undefined, at: Location, what: string, fail: (at: Location, m: string, h?: string) => void): string | undefined {
  if (!v) {
    fail(at, `${what} is missing`);
    return undefined;
  }
  if (typeof v.value !== 'string' || !ID_PATTERN.test(v.value)) {
    const lookalike = typeof v.value === 'string' ? explainLookalikes(v.value) : undefined;
    const guess = lookalike ? lookalike.ascii.trim() : typeof v.value === 'string' ? v.value.toLowerCase().trim() : '';
    const hint = [lookalike?.note, ID_PATTERN.test(guess) ? `did you mean "${guess}"?` : 'ids are lower-case letters, digits and dashes']
      .filter(Boolean)
      .join('; ');
    fail(v.at, `${what} ${describe(v.value)} is not a valid id`, hint);
    return undefined;
  }
  return v.value;
}

/** Checks the fields beyond the common ones against the ontology's property specs. */
function checkProperties(
  fields: Map<string, RawValue>,
  common: string[],
  specs: Record<string, PropertySpec>,
  owner: string,
  at: Location,
  fail: (at: Location, m: string, h?: string) => void,
): Record<string, PropertyValue> {
  const out: Record<string, PropertyValue> = {};
  for (const [k, v] of fields) {
    if (common.includes(k)) continue;
    const spec = specs[k];
    if (!spec) {
      const names = [...common, ...Object.keys(specs)];
      fail(v.keyAt ?? v.at, `${owner} has no property "${k}"`, didYouMean(k, names) ?? `allowed: ${names.join(', ')}`);
      continue;
    }
    const r = checkProperty(spec.type, v.value);
    if (r.ok) out[k] = r.value;
    else fail(v.at, `${k}: ${r.message}`);
  }
  for (const [k, spec] of Object.entries(specs)) {
    if (spec.required && !fields.has(k)) fail(at, `${owner} requires property "${k}"`);
  }
  return Object.keys(out).length > 0 ? out : NO_PROPERTIES;
}

/**
 * For an id that names nothing: the look-alike or invisible character in it and the known id it
 * probably means (`contains the invisible character U+FEFF; did you mean "ap-clean-network"?`),
 * else the nearest known id.
 */
function unknownIdHint(id: string, known: Iterable<string>): string | undefined {
  const lookalike = explainLookalikes(id);
  const ids = [...known];
  if (!lookalike) return didYouMean(id, ids);
  const ascii = lookalike.ascii.trim();
  const guess = ids.includes(ascii) ? `did you mean "${ascii}"?` : didYouMean(ascii, ids);
  return [lookalike.note, guess].filter(Boolean).join('; ');
}
