import { yamlString, yamlValue } from './yaml-scalar.ts';

/** A value of a generated YAML item: scalars, flow lists of strings, nested mappings, lists. */
export type SnippetValue = string | number | readonly string[] | SnippetMap | SnippetList;

export interface SnippetMap {
  kind: 'map';
  entries: SnippetEntry[];
}

export interface SnippetList {
  kind: 'list';
  items: Array<SnippetMap | string>;
}

export interface SnippetEntry {
  key: string;
  value: SnippetValue;
  /** The input field this entry comes from (relation.to), so diagnostics can name it. */
  field?: string | undefined;
}

/** Where an input field stands in generated text (offsets into it). */
export interface FieldSpan {
  start: number;
  end: number;
  field: string;
}

/** Generated text and where each input field landed in it. */
export interface Snippet {
  text: string;
  spans: FieldSpan[];
}

export function snippetMap(entries: Array<SnippetEntry | undefined | false>): SnippetMap {
  return { kind: 'map', entries: entries.filter((e): e is SnippetEntry => !!e) };
}

function isMap(v: SnippetValue): v is SnippetMap {
  return typeof v === 'object' && 'kind' in v && v.kind === 'map';
}
function isList(v: SnippetValue): v is SnippetList {
  return typeof v === 'object' && 'kind' in v && v.kind === 'list';
}

/** Builds text left to right, remembering where each field starts and ends. */
class Writer {
  text = '';
  spans: FieldSpan[] = [];
  put(s: string): void {
    this.text += s;
  }
  field<T>(field: string | undefined, write: () => T): T {
    const start = this.text.length;
    const r = write();
    if (field) this.spans.push({ start, end: this.text.length, field });
    return r;
  }
}

/** One line, flow style: `{ id: bbc, kind: Outlet, name: BBC }`. */
export function flowSnippet(value: SnippetValue, field?: string): Snippet {
  const w = new Writer();
  w.field(field, () => writeFlow(w, value));
  return { text: w.text, spans: w.spans };
}

function writeFlow(w: Writer, value: SnippetValue): void {
  if (isMap(value)) {
    w.put('{ ');
    value.entries.forEach((e, i) => {
      if (i > 0) w.put(', ');
      w.field(e.field, () => {
        w.put(`${yamlString(e.key)}: `);
        writeFlow(w, e.value);
      });
    });
    w.put(' }');
  } else if (isList(value)) {
    w.put('[');
    value.items.forEach((item, i) => {
      if (i > 0) w.put(', ');
      writeFlow(w, item);
    });
    w.put(']');
  } else w.put(yamlValue(value));
}

/**
 * Block style lines. The first line has no indentation (it follows `- ` or stands at `indent`
 * already, as the caller decides); the others are indented by `indent` spaces. Lines are joined
 * by `eol`; no trailing line end.
 */
export function blockSnippet(map: SnippetMap, indent: number, eol: string, field?: string): Snippet {
  const w = new Writer();
  w.field(field, () => writeBlockMap(w, map, indent, eol, true));
  return { text: w.text, spans: w.spans };
}

function writeBlockMap(w: Writer, map: SnippetMap, indent: number, eol: string, first: boolean): void {
  map.entries.forEach((e, i) => {
    if (i > 0 || !first) w.put(eol + ' '.repeat(indent));
    w.field(e.field, () => {
      w.put(`${yamlString(e.key)}:`);
      const v = e.value;
      if (isMap(v)) writeBlockMap(w, v, indent + 2, eol, false);
      else if (isList(v) && v.items.some((x) => typeof x !== 'string')) {
        for (const item of v.items) {
          w.put(`${eol}${' '.repeat(indent + 2)}- `);
          if (typeof item === 'string') w.put(yamlString(item));
          else writeBlockMap(w, item, indent + 4, eol, true);
        }
      } else {
        w.put(' ');
        writeFlow(w, v);
      }
    });
  });
}

/** Shifts spans by `offset` (where the snippet lands in the file). */
export function shiftSpans(spans: FieldSpan[], offset: number): FieldSpan[] {
  return spans.map((s) => ({ ...s, start: s.start + offset, end: s.end + offset }));
}
