/**
 * A deterministic synthetic graph (hubs and leaves, like the real one) for scale checks:
 * `?synthetic=10000` draws about that many elements without touching the server's data.
 */
import type { EntitySummary, Relation } from '../api/operations.ts';

/** About `elements` elements: a third entities, two thirds relations. */
export function syntheticGraph(elements: number, kinds: readonly string[], types: readonly string[]): { entities: EntitySummary[]; relations: Relation[] } {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const n = Math.max(2, Math.round(elements / 3));
  const entities: EntitySummary[] = Array.from({ length: n }, (_, i) => ({
    id: `syn-${i}`,
    kind: kinds[i % kinds.length] ?? 'Company',
    name: `Synthetic ${i}`,
    aliases: [],
    description: null,
    seedFile: null,
    seedLine: null,
    degree: 0,
  }));
  const relations: Relation[] = [];
  const hubs = Math.max(1, Math.round(n / 40));
  for (let i = 1; i < n && relations.length < elements - n; i++) {
    // Each entity links to a hub, and sometimes to another entity near it.
    const targets = [Math.floor(random() * Math.min(i, hubs))];
    if (random() < 0.9) targets.push(Math.max(0, i - 1 - Math.floor(random() * 30)));
    for (const t of targets) {
      const type = types[(i + t) % types.length] ?? 'TARGETS';
      relations.push({
        id: `syn-${i}|${type}|syn-${t}|${relations.length}`,
        type,
        phrase: type.toLowerCase(),
        inversePhrase: type.toLowerCase(),
        from: { id: `syn-${i}` },
        to: { id: `syn-${t}` },
        since: `20${String(10 + (i % 14)).padStart(2, '0')}-01-01`,
        until: null,
        confidence: 'HIGH',
        properties: [],
        evidence: [],
        seedFile: null,
        seedLine: null,
      });
      entities[i]!.degree++;
      entities[t]!.degree++;
    }
  }
  return { entities, relations };
}
