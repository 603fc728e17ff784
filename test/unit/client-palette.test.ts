import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RELATION_PALETTE, typeColorsFrom } from '../../client/src/graph/element-model.ts';
import { THEME } from '../../client/src/graph/graph-style.ts';
import { CVD, deltaE2000, labAs } from './colour-vision.ts';

// The relation types of the real ontology, in its order (the order colours are assigned in).
const ontology = parse(readFileSync(new URL('../../seed/ontology.yaml', import.meta.url), 'utf8')) as { relations: Record<string, unknown> };
const types = Object.keys(ontology.relations).map((name) => ({ name }));
const visions = ['normal', 'deuteranopia', 'protanopia'] as const satisfies ReadonlyArray<keyof typeof CVD>;

/** The smallest CIEDE2000 difference between two colours over the visions. */
function worstDelta(a: string, b: string): number {
  return Math.min(...visions.map((v) => deltaE2000(labAs(a, v), labAs(b, v))));
}

describe('relation-type palette', () => {
  it('the colour science agrees with published values', () => {
    // Sharma, Wu and Dalal (2005), test pair 1.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3);
    // Red and green look alike to a deuteranope: the simulation must bring them close.
    expect(deltaE2000(labAs('#cc3333', 'deuteranopia'), labAs('#669933', 'deuteranopia'))).toBeLessThan(
      deltaE2000(labAs('#cc3333', 'normal'), labAs('#669933', 'normal')) / 2,
    );
  });

  it('gives every type of the ontology its own colour', () => {
    const colours = [...typeColorsFrom(types).values()];
    expect(types.length).toBeGreaterThan(10);
    expect(new Set(colours).size).toBe(types.length);
  });

  it('keeps every two relation types at least 7 ΔE00 apart, also under deuteranopia and protanopia', () => {
    const colours = [...typeColorsFrom(types).entries()];
    const close: string[] = [];
    for (let i = 0; i < colours.length; i++)
      for (let j = i + 1; j < colours.length; j++) {
        const d = worstDelta(colours[i]![1], colours[j]![1]);
        if (d < 7) close.push(`${colours[i]![0]} ${colours[i]![1]} ~ ${colours[j]![0]} ${colours[j]![1]}: ${d.toFixed(1)}`);
      }
    expect(close).toEqual([]);
  });

  it('keeps the first eight types (the most used ones) at least 12 ΔE00 apart', () => {
    const first = RELATION_PALETTE.slice(0, 8);
    for (let i = 0; i < first.length; i++) for (let j = i + 1; j < first.length; j++) expect(worstDelta(first[i]!, first[j]!)).toBeGreaterThanOrEqual(12);
  });

  it('the pairs the issue found alike now differ: excludes / part of, targets / owns / issued by', () => {
    const c = typeColorsFrom(types);
    const pairs = [
      ['EXCLUDES', 'PART_OF'],
      ['TARGETS', 'OWNS'],
      ['TARGETS', 'ISSUED_BY'],
      ['OWNS', 'ISSUED_BY'],
    ] as const;
    for (const [a, b] of pairs) expect(worstDelta(c.get(a)!, c.get(b)!), `${a} vs ${b}`).toBeGreaterThanOrEqual(7);
  });

  it('every colour stands out from the canvas', () => {
    for (const colour of RELATION_PALETTE) expect(worstDelta(colour, THEME.background)).toBeGreaterThan(30);
  });
});
