import type { PropertyType } from './ontology.ts';
import type { PropertyValue } from './seed-model.ts';

/** Longest string a seed value may hold; longer ones are almost surely pasted by mistake. */
export const MAX_STRING_LENGTH = 10_000;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/;
/** Control characters other than tab and LF, and unpaired surrogates (with the u flag, pairs are one character). */
export const FORBIDDEN_IN_VALUES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff]/u;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A calendar date given as YYYY, YYYY-MM or YYYY-MM-DD (an unquoted YAML year is a number). */
export function checkDate(raw: unknown): Checked<string> {
  const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  if (typeof text !== 'string') return { ok: false, message: `expected a date (YYYY-MM-DD), not ${describe(raw)}` };
  const m = DATE.exec(text);
  if (!m) return { ok: false, message: `malformed date "${clip(text)}": expected YYYY, YYYY-MM or YYYY-MM-DD` };
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return { ok: false, message: `malformed date "${text}": month ${mo} does not exist` };
  if (d !== undefined) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > last) return { ok: false, message: `malformed date "${text}": day ${d} does not exist in ${y}-${mo}` };
  }
  return { ok: true, value: text };
}

/** The first day a partial date can mean: 2020 → 2020-01-01. */
export function startOfDate(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}`;
}

/** The last day a partial date can mean: 2020-02 → 2020-02-29. */
export function endOfDate(date: string): string {
  const [y, m, d] = date.split('-');
  if (d) return date;
  if (!m) return `${y}-12-31`;
  const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
  return `${y}-${m}-${String(last).padStart(2, '0')}`;
}

export function checkString(raw: unknown, what = 'a string'): Checked<string> {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
  if (typeof raw !== 'string') return { ok: false, message: `expected ${what}, not ${describe(raw)}` };
  // Line breaks are LF whatever the file's line ends; escapes ("\u0007") must not smuggle in
  // what the file itself may not hold (seed-text.ts), nor halves of a surrogate pair.
  const value = raw.replaceAll('\r\n', '\n').trim();
  if (value === '') return { ok: false, message: `expected ${what}, not an empty string` };
  if (value.length > MAX_STRING_LENGTH) return { ok: false, message: `value is ${value.length} characters long; the limit is ${MAX_STRING_LENGTH}` };
  const bad = FORBIDDEN_IN_VALUES.exec(value);
  if (bad) {
    const cp = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return {
      ok: false,
      message: /[\ud800-\udfff]/.test(bad[0]) ? `contains an unpaired surrogate (${cp}): not valid Unicode` : `contains the control character ${cp}`,
    };
  }
  return { ok: true, value };
}

export function checkUrl(raw: unknown): Checked<string> {
  const s = checkString(raw, 'a URL');
  if (!s.ok) return s;
  try {
    const u = new URL(s.value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return s;
  } catch {
    // fall through
  }
  return { ok: false, message: `malformed URL "${clip(s.value)}": expected http:// or https://` };
}

export function checkProperty(type: PropertyType, raw: unknown): Checked<PropertyValue> {
  switch (type) {
    case 'string':
      return checkString(raw);
    case 'date':
      return checkDate(raw);
    case 'url':
      return checkUrl(raw);
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: `expected a number, not ${describe(raw)}` };
    case 'string[]': {
      if (!Array.isArray(raw)) return { ok: false, message: `expected a list of strings, not ${describe(raw)}` };
      const out: string[] = [];
      for (const item of raw) {
        const s = checkString(item);
        if (!s.ok) return { ok: false, message: `in the list: ${s.message}` };
        out.push(s.value);
      }
      return { ok: true, value: out };
    }
  }
}

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return (v as { nested?: string }).nested ?? 'a mapping';
  if (typeof v === 'string') return `"${clip(v)}"`;
  return `${typeof v} ${String(v)}`;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
