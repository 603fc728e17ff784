import type { Node } from 'yaml';
import { diagnostic, type Location } from './diagnostics.ts';
import { explainLookalikes } from './lookalikes.ts';
import type { RawEvidence, RawRelation, RawSeedFile, RawValue } from './raw-seed.ts';
import { describeYamlNode, isMap, isScalar, isSeq, mapEntries, parseYamlSource, type YamlSource } from './yaml-source.ts';

/**
 * "from TYPE to" or "from TYPE to @source" — the short form of a relation. Words are split at
 * whitespace other than U+FEFF: JavaScript's \s counts that invisible character as a space, so
 * one inside an id broke the line into words that fit nothing, and it was refused as unreadable
 * instead of as an id with an invisible character in it (which the validator names, with the id
 * it probably means).
 */
const SHORT_FORM = /^[^\S\ufeff]*((?:\S|\ufeff)+)[^\S\ufeff]+((?:\S|\ufeff)+)[^\S\ufeff]+((?:\S|\ufeff)+)(?:[^\S\ufeff]+@((?:\S|\ufeff)+))?[^\S\ufeff]*$/;
const TOP_KEYS = ['entities', 'sources', 'relations'];

/** Reads a YAML seed file into located raw records; shape errors become diagnostics. */
export function parseYamlSeed(file: string, text: string): RawSeedFile {
  const src = parseYamlSource(file, text);
  const out: RawSeedFile = { file, entities: [], sources: [], relations: [], diagnostics: [...src.diagnostics] };
  if (src.diagnostics.length > 0) return out;
  const fail = (node: Node | null | undefined, message: string, hint?: string) => out.diagnostics.push(diagnostic(src.at(node), message, hint));
  const root = src.root;
  if (root === null || (isScalar(root) && root.value === null)) return out; // an empty file declares nothing
  if (!isMap(root)) {
    fail(root, `a seed file must be a mapping with ${TOP_KEYS.join(', ')}, not ${describeYamlNode(root)}`);
    return out;
  }
  for (const { key, keyNode, value } of mapEntries(root)) {
    if (!TOP_KEYS.includes(key)) {
      fail(keyNode, `unknown top-level key "${key}"`, `expected one of ${TOP_KEYS.join(', ')}`);
      continue;
    }
    if (value === null || (isScalar(value) && value.value === null)) continue;
    if (key === 'sources') {
      if (!isMap(value)) {
        fail(value, `sources must be a mapping of source id → evidence, not ${describeYamlNode(value)}`);
        continue;
      }
      for (const e of mapEntries(value)) {
        const ev = readEvidence(src, e.value, fail);
        if (ev) out.sources.push({ id: e.key, at: src.at(e.keyNode), evidence: ev });
      }
      continue;
    }
    if (!isSeq(value)) {
      fail(value, `${key} must be a list, not ${describeYamlNode(value)}`);
      continue;
    }
    for (const item of value.items as Node[]) {
      if (key === 'entities') {
        if (!isMap(item)) fail(item, `an entity must be a mapping with id, kind and name, not ${describeYamlNode(item)}`);
        else out.entities.push({ at: src.at(item), fields: readFields(src, item) });
      } else {
        const rel = readRelation(src, item, fail);
        if (rel) out.relations.push(rel);
      }
    }
  }
  return out;
}

type Fail = (node: Node | null | undefined, message: string, hint?: string) => void;

function scalarValue(src: YamlSource, node: Node | null): RawValue {
  if (node && isSeq(node)) {
    const items = (node.items as Node[]).map((i) => ({ value: isScalar(i) ? i.value : { nested: describeYamlNode(i) }, at: src.at(i) }));
    return { value: items.map((i) => i.value), at: src.at(node), items };
  }
  if (node && isMap(node)) return { value: { nested: 'a mapping' }, at: src.at(node) };
  return { value: node && isScalar(node) ? node.value : null, at: src.at(node) };
}

function readFields(src: YamlSource, node: Node): Map<string, RawValue> {
  const fields = new Map<string, RawValue>();
  for (const e of mapEntries(node)) fields.set(e.key, { ...scalarValue(src, e.value), keyAt: src.at(e.keyNode) });
  return fields;
}

function readRelation(src: YamlSource, item: Node, fail: Fail): RawRelation | undefined {
  const at = src.at(item);
  if (isScalar(item) && typeof item.value === 'string') {
    const m = SHORT_FORM.exec(item.value);
    if (!m) {
      const lookalike = explainLookalikes(item.value);
      fail(item, `cannot read relation "${item.value}"`, [lookalike?.note, 'the short form is "from TYPE to @source"'].filter(Boolean).join('; '));
      return undefined;
    }
    // Columns inside the string, so errors point at the very word.
    const raw = src.at(item);
    const text = item.value;
    const quoteOffset = item.type === 'QUOTE_DOUBLE' || item.type === 'QUOTE_SINGLE' ? 1 : 0;
    const word = (w: string, from = 0): Location => ({ ...raw, column: raw.column + quoteOffset + text.indexOf(w, from) });
    const fromIdx = text.indexOf(m[1]!);
    const typeIdx = text.indexOf(m[2]!, fromIdx + m[1]!.length);
    const toIdx = text.indexOf(m[3]!, typeIdx + m[2]!.length);
    const fields = new Map<string, RawValue>([
      ['from', { value: m[1], at: word(m[1]!) }],
      ['type', { value: m[2], at: word(m[2]!, typeIdx) }],
      ['to', { value: m[3], at: word(m[3]!, toIdx) }],
    ]);
    const evidence: RawEvidence[] = m[4] ? [{ at: word(`@${m[4]}`, toIdx), source: { value: m[4], at: word(`@${m[4]}`, toIdx) }, fields: new Map() }] : [];
    return { at, fields, evidence, evidenceAt: at };
  }
  if (!isMap(item)) {
    fail(item, `a relation must be "from TYPE to @source" or a mapping, not ${describeYamlNode(item)}`);
    return undefined;
  }
  const fields = new Map<string, RawValue>();
  let evidence: RawEvidence[] = [];
  let evidenceAt: Location = at;
  for (const e of mapEntries(item)) {
    if (e.key !== 'evidence') {
      fields.set(e.key, scalarValue(src, e.value));
      continue;
    }
    evidenceAt = src.at(e.keyNode);
    const items = e.value && isSeq(e.value) ? (e.value.items as Node[]) : [e.value];
    evidence = items.map((i) => readEvidence(src, i, fail)).filter((x): x is RawEvidence => x !== undefined);
  }
  return { at, fields, evidence, evidenceAt };
}

/** Evidence is a source id, or a mapping (optionally refining a source with `source:`). */
function readEvidence(src: YamlSource, node: Node | null, fail: Fail): RawEvidence | undefined {
  const at = src.at(node);
  if (node && isScalar(node) && typeof node.value === 'string') {
    const ref = node.value.replace(/^@/, '');
    return { at, source: { value: ref, at }, fields: new Map() };
  }
  if (!node || !isMap(node)) {
    fail(node, `evidence must be a source id or a mapping with outlet, date and quote or url, not ${describeYamlNode(node)}`);
    return undefined;
  }
  const fields = readFields(src, node);
  const source = fields.get('source');
  fields.delete('source');
  return source ? { at, source, fields } : { at, fields };
}
