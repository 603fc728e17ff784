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

/** Deeper than any seed file needs (they use about 6 levels); YAML parsers recurse per level. */
export const MAX_NESTING = 32;

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  // A byte-order mark is harmless; strip it so column numbers stay right.
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const locateIn = (offset: number): Location => {
    const before = src.slice(0, offset);
    return { file, line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  };
  // Checked before parsing: thousands of levels overflow the parser's stack, and tens of
  // thousands crash V8 outright (a fatal error no catch can stop).
  const tooDeep = nestingBeyond(src, MAX_NESTING);
  if (tooDeep !== undefined) {
    diagnostics.push(diagnostic(locateIn(tooDeep), `nested more than ${MAX_NESTING} levels deep`, 'seed files need lists of mappings, a few levels at most'));
    return { file, root: null, at: () => ({ file, line: 1, column: 1 }), diagnostics };
  }
  // Duplicate keys are found below in one pass; yaml's own uniqueKeys compares every pair of keys.
  const doc: Document.Parsed = parseDocument(src, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  const locate = (offset: number): Location => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  for (const e of [...doc.errors, ...doc.warnings]) {
    diagnostics.push(diagnostic(locate(e.pos[0]), `YAML: ${firstLine(e.message)}`));
  }
  const at = (node: Node | null | undefined): Location => locate(node?.range?.[0] ?? 0);
  if (doc.errors.length === 0) {
    refuseDuplicateKeys(doc.contents, at, diagnostics);
    refuseAnchors(doc.contents, at, diagnostics);
  }
  return { file, root: doc.errors.length === 0 ? (doc.contents as Node | null) : null, at, diagnostics };
}

/**
 * The offset where `text` nests deeper than `max` (block indentation levels plus open flow
 * brackets), if it does. A cheap over-estimate: quoted scalars and comments are skipped,
 * brackets inside plain scalars count, which only ever makes it stricter.
 */
function nestingBeyond(text: string, max: number): number | undefined {
  const levels: number[] = []; // indentation columns of open block levels
  let flow = 0;
  let i = 0;
  while (i < text.length) {
    // Start of a line: indentation (only meaningful outside flow collections).
    let indent = 0;
    while (text[i + indent] === ' ') indent++;
    const first = text[i + indent];
    if (indent === 0 && first !== undefined && first !== ']' && first !== '}' && first !== '\n' && first !== '#') flow = 0;
    if (flow === 0 && first !== undefined && first !== '\n' && first !== '\r' && first !== '#') {
      while (levels.length > 0 && levels[levels.length - 1]! >= indent) levels.pop();
      levels.push(indent);
      // Compact nesting on one line: "- - - x" or "? - x".
      let col = indent;
      while ((text[i + col] === '-' || text[i + col] === '?') && text[i + col + 1] === ' ') {
        col += 2;
        while (text[i + col] === ' ') col++;
        levels.push(col);
      }
      if (levels.length > max) return i + indent;
    }
    i += indent;
    // The rest of the line: flow brackets, quoted scalars, comments.
    let prev = ' ';
    while (i < text.length && text[i] !== '\n') {
      const c = text[i]!;
      if (c === '#' && (prev === ' ' || prev === '\t')) {
        while (i < text.length && text[i] !== '\n') i++;
        break;
      }
      if ((c === '"' || c === "'") && ' \t[{,:-'.includes(prev)) {
        i = endOfQuoted(text, i);
        prev = c;
        continue;
      }
      if (c === '[' || c === '{') {
        if (++flow + levels.length > max) return i;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      prev = c;
      i++;
    }
    i++;
  }
  return undefined;
}

/** The offset just past the quoted scalar starting at `start` (or the end of the text). */
function endOfQuoted(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return text.length;
}

/** Every mapping's keys must be unique: a second `name:` would silently win otherwise. */
function refuseDuplicateKeys(node: unknown, at: (n: Node) => Location, out: Diagnostic[]): void {
  if (!node || typeof node !== 'object') return;
  if (isMap(node)) {
    const seen = new Map<string, Node>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const text = key && isScalar(key) ? String(key.value) : undefined;
      if (text !== undefined) {
        const first = seen.get(text);
        if (first)
          out.push(
            diagnostic(
              at(key!),
              `duplicate key "${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`,
              `first at line ${at(first).line}, column ${at(first).column}; a mapping's keys must be unique`,
            ),
          );
        else seen.set(text, key!);
      }
      refuseDuplicateKeys(pair.value, at, out);
    }
  } else if (isSeq(node)) for (const item of node.items) refuseDuplicateKeys(item, at, out);
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
  if (isMap(n) || isSeq(n))
    for (const item of n.items) {
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
