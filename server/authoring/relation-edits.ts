import type { Ontology } from '../ingest/ontology.ts';
import type { SeedRelation } from '../ingest/seed-model.ts';
import { appendCsvRow, csvColumns, removeCsvRow, replaceCsvRow } from './csv-text-edit.ts';
import type { EditDraft } from './edit-draft.ts';
import {
  EditInputError,
  checkInputSizes,
  type EditOptions,
  type EvidenceInput,
  type NewOutletInput,
  type RelationInput,
  type RelationPatch,
} from './edit-inputs.ts';
import { addOutlet } from './entity-edits.ts';
import { confidenceText, dataSnippet, evidenceEntry, evidenceSnippet, propertyEntry, relationSnippet } from './input-snippets.ts';
import { findRelation, locate } from './locate-facts.ts';
import { fileForKind, fileOfEntity } from './target-files.ts';
import { snippetMap, type SnippetEntry, type SnippetMap } from './yaml-snippet.ts';
import { appendListItem, removeListItem, replaceListItem } from './yaml-text-edit.ts';

function entityName(draft: EditDraft, id: string): string {
  return draft.snapshot.loaded.graph.entities.find((e) => e.id === id)?.name ?? id;
}

/** "United Kingdom excludes Huawei". */
export function describeRelation(draft: EditDraft, ontology: Ontology, r: { from: string; type: string; to: string }): string {
  const phrase = ontology.relations.get(r.type)?.phrase ?? r.type;
  return `${entityName(draft, r.from)} ${phrase} ${entityName(draft, r.to)}`;
}

/** Outlets created with the evidence, each once, where outlets live. */
function addNewOutlets(draft: EditDraft, ontology: Ontology, outlets: NewOutletInput[], options: EditOptions | null | undefined, prefix: string): string[] {
  const done = new Set<string>();
  const names: string[] = [];
  outlets.forEach((o) => {
    if (done.has(o.id)) return;
    done.add(o.id);
    const i = outlets.indexOf(o);
    // Outlets go in the file named for the edit when it is YAML (a CSV file holds only relations).
    const file = options?.file && /\.ya?ml$/i.test(options.file) ? options.file : fileForKind(draft, 'Outlet');
    addOutlet(draft, ontology, o, null, { file }, `${prefix}.evidence[${i}].newOutlet`);
    names.push(o.name);
  });
  return names;
}

/**
 * Appends a relation to `relations:` of the named file or of its `from` entity's file (short form
 * when it cites one source and has nothing else), creating any new outlet where outlets live.
 */
export function addRelation(draft: EditDraft, ontology: Ontology, relation: RelationInput, options: EditOptions | null | undefined): string {
  checkInputSizes(relation, 'relation');
  if (relation.evidence.length === 0) throw new EditInputError('relation.evidence', 'a relation needs at least one piece of evidence');
  const { item, newOutlets } = relationSnippet(relation, ontology, 'relation');
  const outletNames = addNewOutlets(draft, ontology, newOutlets, options, 'relation');
  const file = options?.file ?? fileOfEntity(draft, relation.from) ?? draft.dataFile('relations.yaml');
  const path = options?.file ? draft.resolve(options.file) : draft.path(file);
  if (/\.csv$/i.test(path.shown)) draft.edit(path, (text) => appendCsvRow(text, csvCells(relation, csvColumns(text))));
  else {
    draft.edit(path, (text) => appendListItem(text, 'relations', item, 'relation'));
    if (typeof item === 'string') shortFormSpans(draft, path.shown, item);
  }
  const extra = outletNames.length > 0 ? `, with new outlet ${outletNames.join(', ')}` : '';
  return `Add relation ${describeRelation(draft, ontology, relation)}${extra}`;
}

/** Diagnostics inside a short form point at a word: map each word to its input field. */
function shortFormSpans(draft: EditDraft, shown: string, item: string): void {
  const d = draft.files.get(shown);
  const whole = d?.spans.find((s) => s.field === 'relation' && d.after?.slice(s.start, s.end) === item);
  if (!d || !whole) return;
  const fields = ['relation.from', 'relation.type', 'relation.to', 'relation.evidence[0].source'];
  let at = 0;
  item.split(' ').forEach((word, i) => {
    d.spans.push({ start: whole.start + at, end: whole.start + at + word.length, field: fields[i]! });
    at += word.length + 1;
  });
}

/** A relation as a CSV row, when one row can hold it: one piece of evidence with an outlet, no properties. */
function csvCells(r: RelationInput | (RelationInput & { evidence: readonly EvidenceInput[] }), columns: string[]): Map<string, string> {
  const ev = r.evidence[0];
  if (r.evidence.length !== 1 || !ev || ev.source || !(ev.outlet || ev.newOutlet) || (r.properties?.length ?? 0) > 0) {
    throw new EditInputError(
      'options.file',
      'a CSV row holds one piece of evidence with an outlet (not a source id) and no properties; write it to a YAML file',
    );
  }
  const cells = new Map<string, string>([
    ['from', r.from],
    ['type', r.type],
    ['to', r.to],
    ['outlet', ev.newOutlet?.id ?? ev.outlet ?? ''],
    ['quote', ev.quote ?? ''],
    ['url', ev.url ?? ''],
    ['date', ev.date ?? ''],
  ]);
  const optional: Array<[string, string | null | undefined]> = [
    ['since', r.since],
    ['until', r.until],
    ['confidence', r.confidence ? confidenceText(r.confidence) : null],
    ...stanceCells(ev),
  ];
  for (const [k, v] of optional) {
    if (!v) continue;
    if (!columns.includes(k)) throw new EditInputError(`relation.${k}`, `the CSV file has no "${k}" column; write it to a YAML file`);
    cells.set(k, v);
  }
  return cells;
}

/** The CSV cells of an evidence's stance: `stance` only when it disputes, `disputedBy` ids joined by ';'. */
function stanceCells(ev: EvidenceInput): Array<[string, string | null]> {
  return [
    ['stance', ev.stance === 'DISPUTES' ? 'disputes' : null],
    ['disputedBy', ev.disputedBy && ev.disputedBy.length > 0 ? ev.disputedBy.join(';') : null],
  ];
}

/** A relation's current content as RelationInput-like data (from its YAML item or CSV row). */
function currentRelation(rel: SeedRelation, data: unknown): Record<string, unknown> {
  if (typeof data === 'string') {
    const [from, type, to, src] = data.trim().split(/\s+/);
    const out: Record<string, unknown> = { from, type, to };
    if (src) out.evidence = src.replace(/^@/, '');
    return out;
  }
  if (data && typeof data === 'object') return { ...(data as Record<string, unknown>) };
  return { from: rel.from, type: rel.type, to: rel.to };
}

/** Rewrites a relation's item (or CSV row) with the patched fields; `evidence` replaces the list. */
export function updateRelation(draft: EditDraft, ontology: Ontology, id: string, patch: RelationPatch, options: EditOptions | null | undefined): string {
  checkInputSizes(patch, 'patch');
  const rel = findRelation(draft, id);
  const where = locate(draft, rel.at, 'relations');
  const path = draft.path(where.file);
  let newOutlets: NewOutletInput[] = [];
  let evidence: Array<SnippetMap | string> | undefined;
  if (patch.evidence) {
    if (patch.evidence.length === 0) throw new EditInputError('patch.evidence', 'a relation needs at least one piece of evidence');
    const built = patch.evidence.map((ev, i) => evidenceSnippet(ev, `patch.evidence[${i}]`));
    newOutlets = built.map((b) => b.newOutlet).filter((o): o is NewOutletInput => !!o);
    evidence = built.map((b) => b.value);
  }
  addNewOutlets(draft, ontology, newOutlets, options, 'patch');

  if (where.csv) {
    const cells = new Map(where.csv.cells);
    const text = draft.text(where.file)!;
    const columns = csvColumns(text);
    for (const k of ['since', 'until', 'confidence'] as const) {
      if (!(k in patch)) continue;
      const v = patch[k];
      if (v && !columns.includes(k)) throw new EditInputError(`patch.${k}`, `the CSV file has no "${k}" column`);
      cells.set(k, v ? (k === 'confidence' ? confidenceText(v) : v) : '');
    }
    if ((patch.properties?.length ?? 0) > 0) throw new EditInputError('patch.properties', 'a CSV row holds no properties; move the relation to a YAML file');
    if (patch.evidence) {
      const ev = patch.evidence[0]!;
      if (patch.evidence.length !== 1 || ev.source) throw new EditInputError('patch.evidence', 'a CSV row holds one piece of evidence with an outlet');
      cells.set('outlet', ev.newOutlet?.id ?? ev.outlet ?? '');
      cells.set('quote', ev.quote ?? '');
      cells.set('url', ev.url ?? '');
      cells.set('date', ev.date ?? '');
      for (const [k, v] of stanceCells(ev)) {
        if (v && !columns.includes(k))
          throw new EditInputError(`patch.evidence[0].${k}`, `the CSV file has no "${k}" column; move the relation to a YAML file`);
        if (columns.includes(k)) cells.set(k, v ?? '');
      }
    }
    draft.edit(path, (t) => replaceCsvRow(t, where.csv, cells));
    return `Edit relation ${describeRelation(draft, ontology, rel)}`;
  }

  const item = where.yaml;
  const data = currentRelation(rel, item.data);
  for (const k of ['since', 'until', 'confidence'] as const) {
    if (!(k in patch)) continue;
    const v = patch[k];
    if (v) data[k] = k === 'confidence' ? confidenceText(v) : v;
    else delete data[k];
  }
  const specs = ontology.relations.get(rel.type)?.properties ?? {};
  const extra: SnippetEntry[] = [];
  (patch.properties ?? []).forEach((p, i) => {
    const e = propertyEntry(p, specs[p.name], `patch.properties[${i}]`);
    if (!e) delete data[p.name];
    else if (p.name in data) data[p.name] = e.value;
    else extra.push(e);
  });
  const evidenceValue = evidence ? evidenceEntry(evidence, 'patch.evidence') : undefined;
  delete data.evidence;
  const oldEvidence = currentRelation(rel, item.data).evidence;
  const base = dataSnippet(data) as SnippetMap;
  const entries = [
    ...base.entries,
    ...extra,
    evidenceValue ?? (oldEvidence !== undefined ? { key: 'evidence', value: dataSnippet(oldEvidence) } : undefined),
  ].filter((e): e is SnippetEntry => !!e);
  const keys = entries
    .map((e) => e.key)
    .sort()
    .join(',');
  const ev = entries.find((e) => e.key === 'evidence')?.value;
  let next: SnippetMap | string = snippetMap(entries);
  if (keys === 'evidence,from,to,type' && typeof ev === 'string') next = `${String(data.from)} ${String(data.type)} ${String(data.to)} @${ev}`;
  const style = item.style === 'flow' ? 'flow' : 'block';
  draft.edit(path, (t) => replaceListItem(t, item, next, style, 'patch'));
  return `Edit relation ${describeRelation(draft, ontology, rel)}`;
}

/** Removes a relation's item from its file (for CSV, its row). */
export function retractRelation(draft: EditDraft, ontology: Ontology, id: string): string {
  const rel = findRelation(draft, id);
  const where = locate(draft, rel.at, 'relations');
  const path = draft.path(where.file);
  if (where.csv) draft.edit(path, (t) => removeCsvRow(t, where.csv));
  else draft.edit(path, (t) => removeListItem(t, 'relations', where.yaml));
  return `Retract relation ${describeRelation(draft, ontology, rel)}`;
}
