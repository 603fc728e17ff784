/**
 * Quick checks of typed form fields while the user types, so an obviously malformed value is
 * marked at once and never sent (the Date scalar would refuse the whole request). The server's
 * validator, through the preview, has the last word on everything else.
 */
import type { PropertyInfo } from '../../api/operations.ts';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A problem with `text` as a date (YYYY, YYYY-MM or YYYY-MM-DD), or null. Empty is fine. */
export function dateProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  const m = DATE.exec(value);
  if (!m) return 'a date is YYYY, YYYY-MM or YYYY-MM-DD';
  const [, y, mo, d] = m;
  if (mo !== undefined && (Number(mo) < 1 || Number(mo) > 12)) return `month ${mo} does not exist`;
  if (d !== undefined) {
    const last = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
    if (Number(d) < 1 || Number(d) > last) return `day ${d} does not exist in ${y}-${mo}`;
  }
  return null;
}

/** A problem with `text` as an http(s) URL, or null. Empty is fine. */
export function urlProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  try {
    const u = new URL(value);
    if (u.protocol === 'http:' || u.protocol === 'https:') return null;
  } catch {
    // fall through
  }
  return 'a link starts with http:// or https://';
}

/** A problem with `text` as a number, or null. Empty is fine. */
export function numberProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  return /^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value)) ? null : 'expected a number, such as 1200 or 3.5';
}

/** A problem with a typed property's text (for string[]: comma-separated), or null. */
export function propertyProblem(property: PropertyInfo, text: string): string | null {
  if (property.required && !text.trim()) return `${property.name} is required`;
  switch (property.type) {
    case 'date':
      return dateProblem(text);
    case 'url':
      return urlProblem(text);
    case 'number':
      return numberProblem(text);
    default:
      return null;
  }
}

/** The items of a comma-separated list field, trimmed, empty ones dropped. */
export function listItems(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
