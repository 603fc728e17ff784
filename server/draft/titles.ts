import type { Token } from './tokens.ts';

/** Words that head a public office ("Secretary", "Minister", "President"…). */
const TITLE_HEADS = new Set([
  'president',
  'vice-president',
  'premier',
  'minister',
  'secretary',
  'chancellor',
  'senator',
  'sen',
  'governor',
  'gov',
  'ambassador',
  'commissioner',
  'envoy',
  'councilor',
  'councillor',
  'mayor',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'representative',
  'rep',
  'attorney',
  'general',
  'admiral',
  'director',
  'administrator',
  'chairman',
  'chairwoman',
  'chair',
  'king',
  'queen',
  'prince',
  'chief',
  'commander',
  'judge',
  'justice',
  'speaker',
  'deputy',
  'undersecretary',
  'under',
]);
/** Heads that name a private role (a Person's `role`), not a public office. */
const PRIVATE_HEADS = new Set(['ceo', 'founder', 'co-founder', 'cofounder', 'executive', 'cfo', 'cto', 'owner', 'boss', 'chief']);
const JOINERS = new Set(['of', 'for', 'and', 'the', '&']);
/** Forms of address: part of no office and no name ("Dr. Jane Smith" is Jane Smith). */
const HONORIFICS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady']);

/** Whether a word heads a title or is a form of address ("Secretary", "Minister", "Dr."). */
export function isTitleWord(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, '');
  return TITLE_HEADS.has(w) || PRIVATE_HEADS.has(w) || HONORIFICS.has(w);
}

export interface TitleBefore {
  /** "Culture Secretary", "foreign minister", "Secretary of State" as written. */
  title: string;
  /** Index of the title's first token. */
  from: number;
  /** True for a public office (→ Official), false for a private role (→ Person). */
  office: boolean;
}

/**
 * The title written just before a name ("Culture Secretary Oliver Dowden", "Secretary of State
 * Mike Pompeo", "foreign minister Wang Yi", "TikTok CEO Kevin Mayer"): the run of title words,
 * capitalised words and joiners that ends at the name and holds a title head.
 */
export function titleBefore(tokens: Token[], nameFrom: number, isTaken: (i: number) => boolean = () => false): TitleBefore | undefined {
  let from = nameFrom;
  let head = false;
  let office = false;
  for (let i = nameFrom - 1; i >= 0 && nameFrom - i <= 7; i--) {
    const t = tokens[i]!;
    if (!t.isWord || isTaken(i)) break;
    const w = t.lower.replace(/\.$/, '');
    if (HONORIFICS.has(w)) {
      from = i;
      continue;
    }
    const isHead = TITLE_HEADS.has(w) || PRIVATE_HEADS.has(w);
    if (isHead) {
      head = true;
      office ||= TITLE_HEADS.has(w) && !PRIVATE_HEADS.has(w);
      from = i;
      continue;
    }
    if (JOINERS.has(w)) continue;
    // Modifiers of a title: capitalised ("Culture", "State") or the usual lower-case ones.
    if (/^\p{Lu}/u.test(t.text) || /^(foreign|prime|defence|defense|trade|finance|interior|home|state|deputy|vice|former|acting|senior|top)$/.test(w)) {
      from = i;
      continue;
    }
    break;
  }
  if (!head) {
    // "Dr. Jane Smith": a form of address alone is no title, but is not part of the name either.
    return from < nameFrom ? { title: '', from, office: false } : undefined;
  }
  // A capitalised word that is the sentence's first is still a modifier; joiners never lead.
  while (from < nameFrom && JOINERS.has(tokens[from]!.lower)) from++;
  const title = tokens
    .slice(from, nameFrom)
    .map((t) => t.text)
    .join(' ');
  return { title, from, office };
}

/** "foreign minister" → "Foreign Minister" (joiners stay lower-case). */
export function titleCase(title: string): string {
  return title
    .split(' ')
    .map((w, i) => (i > 0 && JOINERS.has(w.toLowerCase()) ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}
