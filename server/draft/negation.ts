import type { Token } from './tokens.ts';

/** How much a sentence's wording undermines a candidate. `drop`: it is negated outright. */
export interface Doubt {
  drop: boolean;
  factor: number;
  notes: string[];
}

const NEGATORS = new Set(['not', 'never', 'no', 'neither', 'nor', 'without', 'cannot', 'nobody', 'none']);
const DENIAL =
  /^(deny|denies|denied|denying|denial|denials|refute|refutes|refuted|refuting|dispute|disputes|disputed|disputing|rebut|rebuts|rebutted|baseless|unfounded)$/;
const HEDGES = /^(allegedly|reportedly|may|might|could|possibly|perhaps|rumou?red|unconfirmed|considering|mulling|weighing|purportedly|supposedly)$/;
const CLAIMS = /^(claim|claims|claimed|allegation|allegations|alleged|accusation|accusations|accused|accuses)$/;

/**
 * Negation and reported denial never assert the opposite: a negator just before the cue or in
 * its gaps ("did not exclude", "never owned") drops the candidate; a denial anywhere in the
 * sentence ("a claim that Huawei and Beijing deny") or a claim/hedge lowers its confidence.
 */
export function assessDoubt(tokens: Token[], cueTokens: number[], ends: [number, number]): Doubt {
  const notes: string[] = [];
  const first = cueTokens[0]!;
  const last = cueTokens[cueTokens.length - 1]!;
  const lo = Math.min(ends[0], first);
  for (let i = Math.max(lo, first - 3); i <= last; i++) {
    const w = tokens[i]!.lower;
    if (NEGATORS.has(w) || w.endsWith("n't") || (w === 'longer' && tokens[i - 1]?.lower === 'no')) {
      return { drop: true, factor: 0, notes: [`negated: '${tokens[i]!.text}' before the cue`] };
    }
  }
  let factor = 1;
  const denial = tokens.find((t) => DENIAL.test(t.lower));
  if (denial) {
    factor *= 0.4;
    notes.push(`reported denial: '${denial.text}'`);
  }
  const claim = tokens.find((t) => CLAIMS.test(t.lower));
  if (claim) {
    factor *= 0.75;
    notes.push(`reported as a claim: '${claim.text}'`);
  }
  const hedge = tokens.find((t) => HEDGES.test(t.lower));
  if (hedge) {
    factor *= 0.8;
    notes.push(`hedged: '${hedge.text}'`);
  }
  return { drop: false, factor, notes };
}
