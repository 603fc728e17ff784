import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { blockSnippet, flowSnippet, shiftSpans, type FieldSpan, type Snippet, type SnippetMap } from './yaml-snippet.ts';

/**
 * Byte-preserving edits of a YAML seed file: the text is parsed only to find where things stand
 * (node ranges); the edit splices generated lines in or cuts an item's lines out. Every byte
 * outside the edited item stays as it was — comments, order, quoting, blank lines, CRLF, a BOM.
 */

export interface TextEditResult {
  text: string;
  /** Where input fields landed in the new text. */
  spans: FieldSpan[];
}

export type TopKey = 'entities' | 'sources' | 'relations';

/** A list item as it stands in the file. */
export interface ListItem {
  /** Offsets in the full text (BOM included): the item's value, without `- ` and trailing comment. */
  start: number;
  end: number;
  node: Node;
  /** Flow mapping `{ … }` or a plain string (short-form relation), as opposed to a block mapping. */
  style: 'block' | 'flow' | 'scalar';
  /** The item's content as plain data (toJSON). */
  data: unknown;
  /** Column (0-based) of the item's content, where block lines of it stand. */
  indent: number;
}

export class SeedTextError extends Error {
  override name = 'SeedTextError';
}

interface Parsed {
  bom: string;
  body: string;
  doc: Document.Parsed;
  eol: string;
}

function parse(text: string): Parsed {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = text.slice(bom.length);
  const doc = parseDocument(body, { uniqueKeys: false, strict: true, keepSourceTokens: false });
  if (doc.errors.length > 0) throw new SeedTextError(`the file is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  return { bom, body, doc, eol: body.includes('\r\n') ? '\r\n' : '\n' };
}

function topPair(p: Parsed, key: TopKey): Pair<Node, Node | null> | undefined {
  const root = p.doc.contents;
  if (!root || !isMap(root)) return undefined;
  return (root as YAMLMap<Node, Node | null>).items.find((pair) => isScalar(pair.key) && pair.key.value === key);
}

function rootIsEmpty(p: Parsed): boolean {
  const root = p.doc.contents;
  return root === null || (isScalar(root) && root.value === null);
}

const lineStart = (s: string, at: number) => s.lastIndexOf('\n', at - 1) + 1;
/** Just past the line end of the line holding `at` (or the text's end). */
function afterLine(s: string, at: number): number {
  if (at > 0 && s[at - 1] === '\n') return at;
  const nl = s.indexOf('\n', at);
  return nl === -1 ? s.length : nl + 1;
}
const isBlankLine = (s: string, from: number, to: number) => /^[ \t]*\r?\n?$/.test(s.slice(from, to));

/** The indentation of `- ` items in other block lists of the file, or 2. */
function listIndent(p: Parsed): number {
  for (const key of ['entities', 'relations'] as const) {
    const seq = topPair(p, key)?.value;
    if (seq && isSeq(seq) && !seq.flow && seq.items.length > 0 && seq.range) return seq.range[0] - lineStart(p.body, seq.range[0]);
  }
  const sources = topPair(p, 'sources')?.value;
  if (sources && isMap(sources) && !sources.flow && sources.range) return sources.range[0] - lineStart(p.body, sources.range[0]);
  return 2;
}

/** Whether the items of a block collection are separated by blank lines (as countries.yaml does). */
function blankSeparated(body: string, starts: number[], ends: number[]): boolean {
  if (starts.length < 2) return false;
  const n = starts.length - 1;
  const gap = body.slice(afterLine(body, ends[n - 1]!), lineStart(body, starts[n]!));
  return /^[ \t]*\r?\n/.test(gap) || /\n[ \t]*\r?\n/.test(gap);
}

/** Lines to insert for a new block item `- …` at `indent`, each ending with eol. */
function blockItemLines(item: SnippetMap | string, indent: number, eol: string, field: string | undefined, flow: boolean): Snippet {
  const pad = ' '.repeat(indent) + '- ';
  const s = typeof item === 'string' ? flowSnippet(item, field) : flow ? flowSnippet(item, field) : blockSnippet(item, indent + 2, eol, field);
  return { text: pad + s.text + eol, spans: shiftSpans(s.spans, pad.length) };
}

function done(p: Parsed, body: string, spans: FieldSpan[]): TextEditResult {
  return { text: p.bom + body, spans: shiftSpans(spans, p.bom.length) };
}

function splice(p: Parsed, at: number, remove: number, insert: Snippet): TextEditResult {
  const body = p.body.slice(0, at) + insert.text + p.body.slice(at + remove);
  return done(p, body, shiftSpans(insert.spans, at));
}

/** Text to append a new top-level key at the end: a separating blank line, the key line. */
function appendKey(p: Parsed, key: TopKey, content: (eol: string) => Snippet): TextEditResult {
  const { body, eol } = p;
  // End the last line; then, after content (not after comments only), leave one blank line.
  let prefix = body.length > 0 && !body.endsWith('\n') ? eol : '';
  const ended = body + prefix;
  if (!rootIsEmpty(p) && !/(^|\n)[ \t]*\r?\n$/.test(ended)) prefix += eol;
  const c = content(eol);
  const head = `${prefix}${key}:${eol}`;
  return splice(p, body.length, 0, { text: head + c.text, spans: shiftSpans(c.spans, head.length) });
}

/**
 * Appends an item to the top-level list `key` (entities or relations), creating the key when
 * the file lacks it. Matches the list's indentation, its blank-line spacing and its item style
 * (flow mappings where most items are, block otherwise). `item` as a string is a short-form relation.
 */
export function appendListItem(text: string, key: 'entities' | 'relations', item: SnippetMap | string, field?: string): TextEditResult {
  const p = parse(text);
  if (!rootIsEmpty(p) && !isMap(p.doc.contents)) throw new SeedTextError('the file is not a mapping of entities, sources, relations');
  const pair = topPair(p, key);
  const indent = listIndent(p);
  if (!pair) return appendKey(p, key, (eol) => blockItemLines(item, indent, eol, field, false));
  const seq = pair.value;
  const { body, eol } = p;
  if (seq === null || (isScalar(seq) && seq.value === null)) {
    // `relations:` with nothing (or `~`) after it: the items go on the next lines.
    const e = keyLineWithoutNull(body, (pair.key as Node).range![1]);
    const lines = blockItemLines(item, indent, eol, field, false);
    return done(p, e.keyLine + eol + lines.text + body.slice(e.lineEnd), shiftSpans(lines.spans, e.keyLine.length + eol.length));
  }
  if (!isSeq(seq)) throw new SeedTextError(`${key} is not a list`);
  return appendToSeq(p, seq as YAMLSeq<Node>, item, field);
}

/** The text up to the end of a key's line (no line end), its explicit null value (`~`) dropped; a comment stays. */
function keyLineWithoutNull(body: string, keyEnd: number): { keyLine: string; lineEnd: number } {
  const lineEnd = afterLine(body, keyEnd);
  const line = body.slice(keyEnd, lineEnd).replace(/\r?\n$/, '');
  return { keyLine: body.slice(0, keyEnd) + line.replace(/^([ \t]*:)[ \t]*(?:~|null|Null|NULL)(?=[ \t]|$)/, '$1'), lineEnd };
}

function appendToSeq(p: Parsed, seq: YAMLSeq<Node>, item: SnippetMap | string, field: string | undefined): TextEditResult {
  const { body, eol } = p;
  const items = seq.items.filter((n): n is Node => !!n && !!n.range);
  if (seq.flow) {
    // [a, b] → [a, b, c]: insert before the closing bracket.
    const close = body.lastIndexOf(']', seq.range![1]);
    const s = flowSnippet(item, field);
    const sep = items.length > 0 ? ', ' : '';
    return splice(p, close, 0, { text: sep + s.text, spans: shiftSpans(s.spans, sep.length) });
  }
  const indent = seq.range![0] - lineStart(body, seq.range![0]);
  if (items.length === 0) return appendListItemAt(p, afterLine(body, seq.range![0]), blockItemLines(item, indent, eol, field, false));
  const starts = items.map((n) => n.range![0]);
  const ends = items.map((n) => n.range![1]);
  const maps = items.filter((n) => isMap(n));
  const flowMaps = maps.filter((n) => (n as YAMLMap).flow).length;
  const flow = typeof item !== 'string' && maps.length > 0 && flowMaps * 2 > maps.length;
  const at = afterLine(body, ends[ends.length - 1]!);
  const lines = blockItemLines(item, indent, eol, field, flow);
  const needsEol = at === body.length && !body.endsWith('\n');
  const sep = (needsEol ? eol : '') + (blankSeparated(body, starts, ends) ? eol : '');
  return splice(p, at, 0, { text: sep + lines.text, spans: shiftSpans(lines.spans, sep.length) });
}

function appendListItemAt(p: Parsed, at: number, lines: Snippet): TextEditResult {
  const needsEol = at === p.body.length && !p.body.endsWith('\n') && p.body.length > 0;
  const sep = needsEol ? p.eol : '';
  return splice(p, at, 0, { text: sep + lines.text, spans: shiftSpans(lines.spans, sep.length) });
}

/** Adds `id:` with its evidence fields under `sources:` (created when the file lacks it). */
export function appendSource(text: string, id: string, evidence: SnippetMap, field?: string): TextEditResult {
  const p = parse(text);
  if (!rootIsEmpty(p) && !isMap(p.doc.contents)) throw new SeedTextError('the file is not a mapping of entities, sources, relations');
  const pair = topPair(p, 'sources');
  const { body, eol } = p;
  const entry = (indent: number): Snippet => {
    const s = blockSnippet(evidence, indent + 2, eol);
    const head = `${' '.repeat(indent)}${id}:${eol}${' '.repeat(indent + 2)}`;
    const text = head + s.text + eol;
    return {
      text,
      spans: field ? [{ start: 0, end: text.length - eol.length, field }, ...shiftSpans(s.spans, head.length)] : shiftSpans(s.spans, head.length),
    };
  };
  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    if (!pair) return appendKey(p, 'sources', () => entry(listIndent(p)));
    const k = keyLineWithoutNull(body, (pair.key as Node).range![1]);
    const e = entry(listIndent(p));
    return done(p, k.keyLine + eol + e.text + body.slice(k.lineEnd), shiftSpans(e.spans, k.keyLine.length + eol.length));
  }
  const map = pair.value;
  if (!isMap(map)) throw new SeedTextError('sources is not a mapping');
  if (map.flow) {
    const close = body.lastIndexOf('}', map.range![1]);
    const s = flowSnippet(evidence);
    const sep = map.items.length > 0 ? ', ' : ' ';
    const text = `${sep}${id}: ${s.text}${map.items.length > 0 ? '' : ' '}`;
    return splice(p, close, 0, { text, spans: field ? [{ start: sep.length, end: text.length, field }] : [] });
  }
  const pairs = map.items as Array<Pair<Node, Node | null>>;
  const indent = map.range![0] - lineStart(body, map.range![0]);
  const starts = pairs.map((x) => x.key.range![0]);
  const ends = pairs.map((x) => (x.value?.range ?? x.key.range)![1]);
  const at = afterLine(body, ends[ends.length - 1]!);
  const needsEol = at === body.length && !body.endsWith('\n');
  const sep = (needsEol ? eol : '') + (blankSeparated(body, starts, ends) ? eol : '');
  const e = entry(indent);
  return splice(p, at, 0, { text: sep + e.text, spans: shiftSpans(e.spans, sep.length) });
}

/** The item of top-level list `key` that starts at `line`:`column` (1-based, as diagnostics count). */
export function findListItem(text: string, key: 'entities' | 'relations', line: number, column: number): ListItem | undefined {
  const p = parse(text);
  const seq = topPair(p, key)?.value;
  if (!seq || !isSeq(seq)) return undefined;
  const offset = offsetOf(p.body, line, column);
  const node = (seq.items as Node[]).find((n) => n?.range?.[0] === offset);
  if (!node) return undefined;
  return toListItem(p, node);
}

/** The item of `entities:` whose id is `id`. */
export function findEntityItem(text: string, id: string): ListItem | undefined {
  const p = parse(text);
  const seq = topPair(p, 'entities')?.value;
  if (!seq || !isSeq(seq)) return undefined;
  const node = (seq.items as Node[]).find((n) => n && isMap(n) && (n.get('id') as unknown) === id);
  return node ? toListItem(p, node) : undefined;
}

function toListItem(p: Parsed, node: Node): ListItem {
  const [start, end] = node.range!;
  const style = isMap(node) ? (node.flow ? 'flow' : 'block') : isScalar(node) ? 'scalar' : 'flow';
  return { start: start + p.bom.length, end: end + p.bom.length, node, style, data: node.toJSON() as unknown, indent: start - lineStart(p.body, start) };
}

/** 0-based offset of a 1-based line and column (columns count UTF-16 units, as the yaml package does). */
export function offsetOf(body: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = body.indexOf('\n', at);
    if (nl === -1) return body.length;
    at = nl + 1;
  }
  return at + column - 1;
}

/**
 * Replaces a list item with `item`, in the style asked for: 'block' lines at the item's
 * indentation, 'flow' on one line, a short-form string. The `- `, a comment after the item and
 * everything around it stay.
 */
export function replaceListItem(text: string, target: ListItem, item: SnippetMap | string, style: 'block' | 'flow', field?: string): TextEditResult {
  const p = parse(text);
  const start = target.start - p.bom.length;
  const end = target.end - p.bom.length;
  const old = p.body.slice(start, end);
  const trailing = old.match(/\r?\n$/)?.[0] ?? '';
  const s = typeof item === 'string' || style === 'flow' ? flowSnippet(item, field) : blockSnippet(item, target.indent, p.eol, field);
  // A block mapping's range ends past its last line end; a flow item's at its closing brace.
  const text2 = s.text + (trailing ? p.eol : '');
  return splice(p, start, end - start, { text: text2, spans: s.spans });
}

/**
 * Removes a list item: its lines in a block list (and one blank line beside it where items are
 * blank-separated), the item and its comma in a flow list.
 */
export function removeListItem(text: string, key: 'entities' | 'relations', target: ListItem): TextEditResult {
  const p = parse(text);
  const { body } = p;
  const seq = topPair(p, key)?.value as YAMLSeq<Node> | undefined;
  const start = target.start - p.bom.length;
  const end = target.end - p.bom.length;
  if (seq?.flow) {
    const before = body.slice(0, start);
    const after = body.slice(end);
    const m = /^\s*,\s*/.exec(after);
    if (m) return done(p, before + after.slice(m[0].length), []);
    const b = /,\s*$/.exec(before);
    return done(p, (b ? before.slice(0, b.index) : before) + after, []);
  }
  let from = lineStart(body, start);
  if (!/^[ \t]*-[ \t]*$/.test(body.slice(from, start))) throw new SeedTextError('the item does not start its own line');
  let to = afterLine(body, end);
  const prevStart = lineStart(body, from - 1);
  const items = (seq?.items ?? []) as Node[];
  const index = items.findIndex((n) => n?.range?.[0] === start);
  if (from > 0 && index > 0 && isBlankLine(body, prevStart, from)) from = prevStart;
  else if (index === 0 && items.length > 1) {
    const nl = body.indexOf('\n', to);
    const nextEnd = nl === -1 ? body.length : nl + 1;
    if (to < body.length && isBlankLine(body, to, nextEnd)) to = nextEnd;
  }
  return done(p, body.slice(0, from) + body.slice(to), []);
}
