import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { MAX_STRING_LENGTH } from './seed-values.ts';

/**
 * Longer lines are refused before parsing: no valid line needs more (a value holds at most
 * MAX_STRING_LENGTH characters), and parsing a 3 MB line took the YAML parser seconds.
 */
export const MAX_LINE_LENGTH = 5 * MAX_STRING_LENGTH;

/**
 * Turns a seed file's bytes into text, or says exactly where they stop being seed text:
 * invalid UTF-8, NUL bytes (a binary file), control characters and lone carriage returns all
 * reach Neo4j invisibly if let through, so each is refused at its line and column. A leading
 * byte-order mark and CRLF line ends are fine.
 */
export function decodeSeedText(file: string, bytes: Uint8Array): { text: string } | { error: Diagnostic } {
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    const at = positionOf(new TextDecoder().decode(bytes.subarray(0, bad)));
    const hex = Array.from(bytes.subarray(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return { error: diagnostic({ file, ...at }, `invalid UTF-8 (bytes ${hex})`, 'a seed file must be UTF-8 text') };
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const long = firstLongLine(text);
  if (long)
    return {
      error: diagnostic(
        { file, line: long.line, column: MAX_LINE_LENGTH + 1 },
        `line is ${long.length} characters long; the limit is ${MAX_LINE_LENGTH}`,
        `no seed value may exceed ${MAX_STRING_LENGTH} characters`,
      ),
    };
  // The character classes YAML 1.2 calls non-printable (c-printable), and a CR not before LF.
  const m = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|\r(?!\n)/.exec(text);
  if (!m) return { text };
  const at = positionOf(text.slice(0, m.index));
  const ch = m[0];
  if (ch === '\u0000') return { error: diagnostic({ file, ...at }, 'binary content (NUL bytes): a seed file must be UTF-8 text') };
  if (ch === '\r') return { error: diagnostic({ file, ...at }, 'a carriage return (CR) without a line feed', 'end lines with LF or CRLF') };
  return {
    error: diagnostic({ file, ...at }, `control character ${codePoint(ch)} is not allowed in a seed file`, 'delete it; it is invisible in most editors'),
  };
}

function firstLongLine(text: string): { line: number; length: number } | undefined {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', start)) {
    const end = i === -1 ? text.length : i;
    if (end - start > MAX_LINE_LENGTH) return { line, length: end - start };
    if (i === -1) return undefined;
    start = i + 1;
    line++;
  }
}

/** "U+0007". */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based line and column of the end of `before` (the text up to the offending character). */
function positionOf(before: string): { line: number; column: number } {
  const src = before.charCodeAt(0) === 0xfeff ? before.slice(1) : before;
  const lineStart = src.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) line++;
  return { line, column: [...src.slice(lineStart)].length + 1 };
}

/** Byte offset of the first byte that is not part of well-formed UTF-8 (WHATWG rules), if any. */
function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return undefined;
}
