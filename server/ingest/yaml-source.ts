import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type Document } from 'yaml';
import { diagnostic, type Diagnostic, type Location } from './diagnostics.ts';

/**
 * A parsed YAML file that can say where each node stands. Anchors and aliases are refused:
 * seed files do not need them (shared evidence goes in `sources:`), and refusing them makes
 * alias bombs impossible.
 */
export interface YamlSource {
  file: string;
  root: Node | null;
  at(node: Node | null | undefined): Location;
  diagnostics: Diagnostic[];
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  // A byte-order mark is harmless; strip it so column numbers stay right.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const doc: Document.Parsed = parseDocument(src, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const locate = (offset: number): Location => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    diagnostics.push(diagnostic(locate(e.pos[0]), `YAML: ${firstLine(e.message)}`));
  }
  const at = (node: Node | null | undefined): Location => locate(node?.range?.[0] ?? 0);
  if (doc.errors.length === 0) refuseAnchors(doc.contents, at, diagnostics);
  return { file, root: doc.errors.length === 0 ? (doc.contents as Node | null) : null, at, diagnostics };
}

function refuseAnchors(node: unknown, at: (n: Node) => Location, out: Diagnostic[]): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  if (isAlias(n)) {
    out.push(diagnostic(at(n), `YAML aliases (*${n.source}) are not allowed in seed files`, 'put shared evidence under sources: and refer to it by id'));
    return;
  }
  if ('anchor' in n && n.anchor) {
    out.push(diagnostic(at(n), `YAML anchors (&${n.anchor}) are not allowed in seed files`, 'put shared evidence under sources: and refer to it by id'));
  }
  if (isMap(n) || isSeq(n)) for (const item of n.items) {
    if (isPairLike(item)) {
      refuseAnchors(item.key, at, out);
      refuseAnchors(item.value, at, out);
    } else refuseAnchors(item, at, out);
  }
}

function isPairLike(x: unknown): x is Pair<unknown, unknown> {
  return !!x && typeof x === 'object' && 'key' in x && 'value' in x && !isScalar(x);
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** The entries of a YAML mapping with their key text and nodes. */
export function mapEntries(node: Node): Array<{ key: string; keyNode: Node; value: Node | null }> {
  if (!isMap(node)) return [];
  return node.items.map((pair) => {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    return { key, keyNode, value: (pair.value as Node | null) ?? null };
  });
}

export function describeYamlNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    return typeof v === 'string' ? 'a string' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : typeof v;
  }
  return 'an unsupported value';
}

export { isMap, isScalar, isSeq };
