import type { DraftMention } from './draft-model.ts';
import type { Token } from './tokens.ts';

/** Verbs of reporting: "AP News reports", "Reuters notes", "WSJ adds", "told Reuters". */
const REPORTING =
  /^(reports?|reported|reporting|notes?|noted|adds?|added|says?|said|writes?|wrote|states?|stated|cites?|cited|quotes?|quoted|reveals?|revealed|learned|learnt|told|according|claims?|claimed|finds|found|shows?|showed|confirms?|confirmed|viewed|obtained)$/;

export interface Attribution {
  outlet: string | null;
  reason: string | null;
}

/**
 * The outlet behind each sentence: one the sentence names with a reporting verb ("according to
 * Reuters", "AP News reports", "The Wall Street Journal, which viewed …, reports") or names at
 * all; else the last one the article named before it (a summary goes on quoting its source
 * until it names another); before any, `fallback` (--outlet: the publisher's own voice), else
 * the first one the article names.
 */
export function attributeSentences(
  mentionsBySentence: ReadonlyArray<readonly DraftMention[]>,
  tokensBySentence: ReadonlyArray<readonly Token[]>,
  fallback: string | null,
  nameOf: (id: string) => string,
): Attribution[] {
  const named: Array<{ outlet: string; phrase: string } | undefined> = mentionsBySentence.map((mentions, i) => {
    const outlets = mentions.filter((m) => m.kind === 'Outlet' && m.entityId);
    if (outlets.length === 0) return undefined;
    const tokens = tokensBySentence[i]!;
    for (const m of outlets) {
      const at = tokens.findIndex((t) => t.start >= m.span.end);
      const before = tokens.filter((t) => t.end <= m.span.start).slice(-3);
      if (before.some((t) => t.lower === 'according')) return { outlet: m.entityId!, phrase: `according to ${m.text}` };
      const verb = tokens.slice(Math.max(0, at), at + 12).find((t) => REPORTING.test(t.lower));
      if (verb) return { outlet: m.entityId!, phrase: `${m.text} … ${verb.text}` };
      if (before.some((t) => /^(told|to|by)$/.test(t.lower))) return { outlet: m.entityId!, phrase: `${before.map((t) => t.text).join(' ')} ${m.text}` };
    }
    return { outlet: outlets[0]!.entityId!, phrase: outlets[0]!.text };
  });
  const firstNamed = named.findIndex((n) => n !== undefined);
  let last: { outlet: string; phrase: string; sentence: number } | undefined;
  return named.map((n, i): Attribution => {
    if (n) {
      last = { ...n, sentence: i };
      return { outlet: n.outlet, reason: `'${n.phrase}' in the sentence` };
    }
    if (last) return { outlet: last.outlet, reason: `'${last.phrase}' in sentence ${last.sentence + 1}, the last outlet the article named` };
    // Before any attribution: the publisher given with the text writes in its own voice.
    if (fallback) return { outlet: fallback, reason: 'the outlet given with the text' };
    if (firstNamed >= 0) {
      const f = named[firstNamed]!;
      return { outlet: f.outlet, reason: `${nameOf(f.outlet)}, the first outlet the article names ('${f.phrase}', sentence ${firstNamed + 1})` };
    }
    return { outlet: null, reason: null };
  });
}
