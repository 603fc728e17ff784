/**
 * What the draft accepts as an article: plain text or HTML (the server strips the markup), up
 * to the API's limit. A dropped or opened file is read as text in the browser; nothing else is
 * uploaded anywhere.
 */
import { DRAFT_TEXT_MAX } from '../../api/draft-operations.ts';

const TEXT_TYPES = new Set(['text/plain', 'text/html', 'application/xhtml+xml', '']);
const TEXT_EXTENSIONS = /\.(txt|text|md|html?|xhtml)$/i;

/** Why a file cannot be drafted from (its name, MIME type and size in bytes), or null. */
export function articleFileProblem(name: string, type: string, size: number): string | null {
  if (!TEXT_EXTENSIONS.test(name) && !(TEXT_TYPES.has(type) && type !== '')) return `${name} is not a text or HTML file (.txt, .html)`;
  // UTF-8 takes at least one byte a character: a file past 4 bytes a character is surely too long.
  if (size > DRAFT_TEXT_MAX * 4) return `${name} is too big: an article may have up to ${DRAFT_TEXT_MAX.toLocaleString('en')} characters`;
  return null;
}

/** Why this text cannot be drafted from, or null. */
export function articleTextProblem(text: string): string | null {
  if (text.trim() === '') return 'Paste the article’s text or drop a file.';
  if (text.length > DRAFT_TEXT_MAX) {
    return `The text has ${text.length.toLocaleString('en')} characters; the draft takes up to ${DRAFT_TEXT_MAX.toLocaleString('en')}. Draft it in parts.`;
  }
  return null;
}

/** Reads a dropped or opened file, or throws with why not. */
export async function readArticleFile(file: File): Promise<string> {
  const problem = articleFileProblem(file.name, file.type, file.size);
  if (problem) throw new Error(problem);
  return file.text();
}
