import { readFileSync } from 'node:fs';
import type { Node } from 'yaml';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { describeYamlNode, isScalar, isSeq, mapEntries, parseYamlSource } from './yaml-source.ts';

export type PropertyType = 'string' | 'date' | 'number' | 'url' | 'string[]';
export const PROPERTY_TYPES: readonly PropertyType[] = ['string', 'date', 'number', 'url', 'string[]'];
export const SHAPES = [
  'ellipse',
  'triangle',
  'round-triangle',
  'rectangle',
  'round-rectangle',
  'bottom-round-rectangle',
  'cut-rectangle',
  'barrel',
  'rhomboid',
  'diamond',
  'round-diamond',
  'pentagon',
  'round-pentagon',
  'hexagon',
  'round-hexagon',
  'concave-hexagon',
  'heptagon',
  'round-heptagon',
  'octagon',
  'round-octagon',
  'star',
  'tag',
  'round-tag',
  'vee',
] as const;

export interface PropertySpec {
  type: PropertyType;
  required: boolean;
  description: string | undefined;
}

export interface KindSpec {
  name: string;
  description: string;
  color: string;
  shape: string;
  properties: Record<string, PropertySpec>;
}

export interface RelationSpec {
  type: string;
  from: string[];
  to: string[];
  phrase: string;
  inverse: string;
  /**
   * Words that state the relation in running text, read from → to ("bars", "shut out"), for the
   * article drafter (server/draft/). The phrase and inverse count as cues too. @default []
   */
  cues: string[];
  /** Cues read to → from ("'s" for PROPOSED_BY: "Beijing's initiative"). @default [] */
  inverseCues: string[];
  properties: Record<string, PropertySpec>;
  /** Whether an entity may have this relation to itself (`selfRelations: true`). @default false */
  selfRelations: boolean;
}

/** The allowlist: every label and relationship type that may reach Neo4j. */
export interface Ontology {
  kinds: Map<string, KindSpec>;
  relations: Map<string, RelationSpec>;
}

/** Properties every entity has; a kind may not redeclare them. */
export const COMMON_ENTITY_FIELDS = ['id', 'kind', 'name', 'aliases', 'description'] as const;
/** Fields every relation may have; a relation type may not redeclare them. */
export const COMMON_RELATION_FIELDS = ['from', 'type', 'to', 'since', 'until', 'confidence', 'evidence'] as const;

const KIND_NAME = /^[A-Z][A-Za-z]*$/;
const TYPE_NAME = /^[A-Z][A-Z_]*$/;
const PROP_NAME = /^[a-z][A-Za-z0-9]*$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export class OntologyError extends Error {
  override name = 'OntologyError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`the ontology has ${diagnostics.length} error(s)`);
  }
}

export function loadOntologyFile(path: string, displayPath = path): Ontology {
  return parseOntology(displayPath, readFileSync(path, 'utf8'));
}

/** Parses and checks ontology.yaml; throws OntologyError with every problem located. */
export function parseOntology(file: string, text: string): Ontology {
  const src = parseYamlSource(file, text);
  const errors = [...src.diagnostics];
  const kinds = new Map<string, KindSpec>();
  const relations = new Map<string, RelationSpec>();
  const fail = (node: Node | null, message: string) => errors.push(diagnostic(src.at(node), message));
  const str = (node: Node | null, what: string): string | undefined => {
    if (node && isScalar(node) && typeof node.value === 'string' && node.value.trim()) return node.value;
    fail(node, `${what} must be a non-empty string, not ${describeYamlNode(node)}`);
    return undefined;
  };
  const flag = (node: Node | null, what: string): boolean => {
    if (!node) return false;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    fail(node, `${what} must be true or false, not ${describeYamlNode(node)}`);
    return false;
  };
  const strings = (node: Node | null, what: string): string[] => {
    if (!node) return [];
    if (!isSeq(node)) {
      fail(node, `${what} must be a list of strings, not ${describeYamlNode(node)}`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      const text = str(item as Node, `${what} item`);
      if (text === undefined) continue;
      if (out.includes(text)) fail(item as Node, `${what}: "${text}" is listed twice`);
      else out.push(text);
    }
    return out;
  };
  const props = (node: Node | null, owner: string, reserved: readonly string[]): Record<string, PropertySpec> => {
    const out: Record<string, PropertySpec> = {};
    for (const { key, keyNode, value } of mapEntries(node ?? ({} as Node))) {
      if (!PROP_NAME.test(key) || reserved.includes(key)) {
        fail(keyNode, `${owner}: property "${key}" must be camelCase and not one of ${reserved.join(', ')}`);
        continue;
      }
      let type: PropertyType = 'string';
      let required = false;
      let description: string | undefined;
      for (const f of mapEntries(value ?? ({} as Node))) {
        const v = f.value && isScalar(f.value) ? f.value.value : undefined;
        if (f.key === 'type' && PROPERTY_TYPES.includes(v as PropertyType)) type = v as PropertyType;
        else if (f.key === 'type') fail(f.value, `${owner}.${key}: type must be one of ${PROPERTY_TYPES.join(', ')}`);
        else if (f.key === 'required' && typeof v === 'boolean') required = v;
        else if (f.key === 'description' && typeof v === 'string') description = v;
        else fail(f.keyNode, `${owner}.${key}: unknown or malformed field "${f.key}"`);
      }
      out[key] = { type, required, description };
    }
    return out;
  };
  const top = new Map(mapEntries(src.root ?? ({} as Node)).map((e) => [e.key, e]));
  if (!src.root && errors.length === 0) fail(null, 'the ontology is empty');

  for (const { key, keyNode, value } of mapEntries(top.get('kinds')?.value ?? ({} as Node))) {
    if (!KIND_NAME.test(key)) fail(keyNode, `kind "${key}" must be PascalCase letters`);
    const f = new Map(mapEntries(value ?? ({} as Node)).map((e) => [e.key, e.value]));
    const color = str(f.get('color') ?? value, `${key}.color`) ?? '#888888';
    if (!COLOR.test(color)) fail(f.get('color') ?? value, `${key}.color must look like #rrggbb`);
    const shape = str(f.get('shape') ?? value, `${key}.shape`) ?? 'ellipse';
    if (!(SHAPES as readonly string[]).includes(shape)) fail(f.get('shape') ?? value, `${key}.shape "${shape}" is not a Cytoscape shape`);
    kinds.set(key, {
      name: key,
      description: f.get('description') && isScalar(f.get('description')) ? String((f.get('description') as { value: unknown }).value) : '',
      color,
      shape,
      properties: props(f.get('properties') ?? null, key, COMMON_ENTITY_FIELDS),
    });
  }
  if (kinds.size === 0) fail(top.get('kinds')?.keyNode ?? null, 'the ontology declares no kinds');

  for (const { key, keyNode, value } of mapEntries(top.get('relations')?.value ?? ({} as Node))) {
    if (!TYPE_NAME.test(key)) fail(keyNode, `relation type "${key}" must be UPPER_SNAKE_CASE`);
    const f = new Map(mapEntries(value ?? ({} as Node)).map((e) => [e.key, e.value]));
    const ends = (end: 'from' | 'to'): string[] => {
      const node = f.get(end) ?? null;
      if (!node || !isSeq(node) || node.items.length === 0) {
        fail(node ?? value, `${key}.${end} must be a non-empty list of kinds`);
        return [];
      }
      return node.items.map((item) => {
        const k = isScalar(item) ? String(item.value) : '';
        if (!kinds.has(k)) fail(item as Node, `${key}.${end}: unknown kind "${k}"`);
        return k;
      });
    };
    relations.set(key, {
      type: key,
      from: ends('from'),
      to: ends('to'),
      phrase: str(f.get('phrase') ?? value, `${key}.phrase`) ?? key,
      inverse: str(f.get('inverse') ?? value, `${key}.inverse`) ?? key,
      cues: strings(f.get('cues') ?? null, `${key}.cues`),
      inverseCues: strings(f.get('inverseCues') ?? null, `${key}.inverseCues`),
      properties: props(f.get('properties') ?? null, key, COMMON_RELATION_FIELDS),
      selfRelations: flag(f.get('selfRelations') ?? null, `${key}.selfRelations`),
    });
  }
  if (relations.size === 0) fail(top.get('relations')?.keyNode ?? null, 'the ontology declares no relation types');
  for (const [k, e] of top) if (k !== 'kinds' && k !== 'relations') fail(e.keyNode, `unknown top-level key "${k}" (expected kinds, relations)`);

  if (errors.length > 0) throw new OntologyError(errors);
  return { kinds, relations };
}
