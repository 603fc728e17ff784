import type { Ontology, PropertySpec } from '../ingest/ontology.ts';
import { EditInputError, type EntityInput, type EvidenceInput, type NewOutletInput, type PropertyInput, type RelationInput } from './edit-inputs.ts';
import { snippetMap, type SnippetEntry, type SnippetMap, type SnippetValue } from './yaml-snippet.ts';

/** A property as the ontology types it: numbers as numbers, string[] as a list, the rest as text. */
export function propertyEntry(p: PropertyInput, spec: PropertySpec | undefined, field: string): SnippetEntry | undefined {
  if ((p.value === null || p.value === undefined) && (p.values === null || p.values === undefined)) return undefined;
  let value: SnippetValue;
  if (spec?.type === 'string[]') value = p.values ?? (p.value !== null && p.value !== undefined ? [p.value] : []);
  else if (p.value === null || p.value === undefined) value = [...(p.values ?? [])];
  else if (spec?.type === 'number' && /^-?\d+(\.\d+)?$/.test(p.value.trim()) && Number.isFinite(Number(p.value))) value = Number(p.value);
  else value = p.value;
  return { key: p.name, value, field };
}

function present<T>(v: T | null | undefined): v is T {
  return v !== null && v !== undefined;
}

/** The mapping of a new entity, fields in the order seed files use. */
export function entitySnippet(e: EntityInput, ontology: Ontology, prefix: string): SnippetMap {
  const specs = ontology.kinds.get(e.kind)?.properties ?? {};
  return snippetMap([
    { key: 'id', value: e.id, field: `${prefix}.id` },
    { key: 'kind', value: e.kind, field: `${prefix}.kind` },
    { key: 'name', value: e.name, field: `${prefix}.name` },
    present(e.aliases) && e.aliases.length > 0 && { key: 'aliases', value: e.aliases, field: `${prefix}.aliases` },
    present(e.description) && { key: 'description', value: e.description, field: `${prefix}.description` },
    ...(e.properties ?? []).map((p, i) => propertyEntry(p, specs[p.name], `${prefix}.properties[${i}]`)),
  ]);
}

/** A new outlet is an entity of kind Outlet with its website. */
export function outletEntity(o: NewOutletInput, description?: string | null): EntityInput {
  return {
    id: o.id,
    kind: 'Outlet',
    name: o.name,
    aliases: o.aliases ?? null,
    description: description ?? null,
    properties: present(o.website) ? [{ name: 'website', value: o.website }] : [],
  };
}

/** The evidence fields in the order seed files use: outlet, url, date, quote, stance, disputedBy. */
export function evidenceFields(
  e: Pick<EvidenceInput, 'source' | 'outlet' | 'quote' | 'url' | 'date' | 'stance' | 'disputedBy'>,
  prefix: string,
): SnippetEntry[] {
  const disputedBy = e.disputedBy ?? [];
  const entries: Array<SnippetEntry | false> = [
    present(e.outlet) && { key: 'outlet', value: e.outlet, field: `${prefix}.outlet` },
    present(e.url) && { key: 'url', value: e.url, field: `${prefix}.url` },
    present(e.date) && { key: 'date', value: e.date, field: `${prefix}.date` },
    present(e.quote) && { key: 'quote', value: e.quote, field: `${prefix}.quote` },
    // supports is the default: written when the claim is disputed, or to override a source's stance.
    (e.stance === 'DISPUTES' || (e.stance === 'SUPPORTS' && present(e.source))) && {
      key: 'stance',
      value: e.stance === 'DISPUTES' ? 'disputes' : 'supports',
      field: `${prefix}.stance`,
    },
    disputedBy.length > 0 && { key: 'disputedBy', value: disputedBy.length === 1 ? disputedBy[0]! : [...disputedBy], field: `${prefix}.disputedBy` },
  ];
  return entries.filter((x): x is SnippetEntry => !!x);
}

/** One piece of evidence: a bare source id, or a mapping; a new outlet is returned to be added too. */
export function evidenceSnippet(ev: EvidenceInput, prefix: string): { value: SnippetMap | string; newOutlet: NewOutletInput | undefined } {
  if (present(ev.outlet) && present(ev.newOutlet)) throw new EditInputError(prefix, 'give outlet or newOutlet, not both');
  const outlet = ev.newOutlet ? ev.newOutlet.id : ev.outlet;
  const refines = [ev.quote, ev.url, ev.date, outlet].some(present) || present(ev.stance) || (ev.disputedBy?.length ?? 0) > 0;
  if (present(ev.source)) {
    if (!refines) return { value: ev.source, newOutlet: undefined };
    return {
      value: snippetMap([{ key: 'source', value: ev.source, field: `${prefix}.source` }, ...evidenceFields({ ...ev, outlet }, prefix)]),
      newOutlet: ev.newOutlet ?? undefined,
    };
  }
  if (!present(outlet)) throw new EditInputError(prefix, 'give a source id, or an outlet (or newOutlet) with a date and a quote or url');
  return { value: snippetMap(evidenceFields({ ...ev, outlet }, prefix)), newOutlet: ev.newOutlet ?? undefined };
}

const CONFIDENCE: Record<string, string> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low' };

export function confidenceText(c: string): string {
  return CONFIDENCE[c] ?? c;
}

/**
 * A relation as seed files write it: the short form `from TYPE to @source` when it has one
 * source reference and nothing else, the full form otherwise. Also returns the outlets to create.
 */
export function relationSnippet(
  r: RelationInput,
  ontology: Ontology,
  prefix: string,
): { item: SnippetMap | string; newOutlets: NewOutletInput[]; evidence: Array<SnippetMap | string> } {
  const evidence = r.evidence.map((ev, i) => evidenceSnippet(ev, `${prefix}.evidence[${i}]`));
  const newOutlets = evidence.map((e) => e.newOutlet).filter((o): o is NewOutletInput => !!o);
  const props = r.properties ?? [];
  const only = evidence.length === 1 ? evidence[0]!.value : undefined;
  if (
    typeof only === 'string' &&
    [r.from, r.type, r.to, only].every((w) => /^[A-Za-z0-9_-]+$/.test(w)) &&
    !present(r.since) &&
    !present(r.until) &&
    !present(r.confidence) &&
    props.length === 0
  ) {
    return { item: `${r.from} ${r.type} ${r.to} @${only}`, newOutlets, evidence: [only] };
  }
  const specs = ontology.relations.get(r.type)?.properties ?? {};
  const values = evidence.map((e) => e.value);
  const item = snippetMap([
    { key: 'from', value: r.from, field: `${prefix}.from` },
    { key: 'type', value: r.type, field: `${prefix}.type` },
    { key: 'to', value: r.to, field: `${prefix}.to` },
    ...props.map((p, i) => propertyEntry(p, specs[p.name], `${prefix}.properties[${i}]`)),
    present(r.since) && { key: 'since', value: r.since, field: `${prefix}.since` },
    present(r.until) && { key: 'until', value: r.until, field: `${prefix}.until` },
    present(r.confidence) && { key: 'confidence', value: confidenceText(r.confidence), field: `${prefix}.confidence` },
    evidenceEntry(values, `${prefix}.evidence`),
  ]);
  return { item, newOutlets, evidence: values };
}

/** `evidence:` with one value, or a list of them. */
export function evidenceEntry(values: Array<SnippetMap | string>, field: string): SnippetEntry | undefined {
  if (values.length === 0) return undefined;
  if (values.length === 1) return { key: 'evidence', value: values[0]!, field };
  if (values.every((v) => typeof v === 'string')) return { key: 'evidence', value: values as string[], field };
  return { key: 'evidence', value: { kind: 'list', items: values }, field };
}

/** Plain data (an item's toJSON) as a snippet value, so a patched item is written again. */
export function dataSnippet(data: unknown): SnippetValue {
  if (typeof data === 'number') return data;
  if (typeof data === 'string') return data;
  if (typeof data === 'boolean' || data === null || data === undefined) return String(data);
  if (Array.isArray(data)) {
    if (data.every((x) => typeof x === 'string')) return data as string[];
    return { kind: 'list', items: data.map((x) => (typeof x === 'object' && x !== null ? (dataSnippet(x) as SnippetMap) : String(x))) };
  }
  return snippetMap(Object.entries(data as Record<string, unknown>).map(([key, v]) => ({ key, value: dataSnippet(v) })));
}
