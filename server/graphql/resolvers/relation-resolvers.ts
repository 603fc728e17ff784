import type { Resolvers } from '../generated/resolvers-types.ts';
import type { FragmentRel } from '../plan/fragment.ts';
import { entityRef } from './entity-hops.ts';

const CONFIDENCE = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' } as const;

/** Evidence i's stance; a relation stored without stances (all support) supports. */
function stanceOf(rel: FragmentRel, i: number): 'supports' | 'disputes' {
  return rel.evidenceStances[i] === 'disputes' ? 'disputes' : 'supports';
}

/** SUPPORTED when no evidence disputes the claim, DISPUTED when all of it does, CONTESTED between. */
export function relationStatus(rel: FragmentRel): 'SUPPORTED' | 'CONTESTED' | 'DISPUTED' {
  const disputing = rel.evidenceOutlets.filter((_, i) => stanceOf(rel, i) === 'disputes').length;
  if (disputing === 0) return 'SUPPORTED';
  return disputing === rel.evidenceOutlets.length ? 'DISPUTED' : 'CONTESTED';
}

export const relationResolvers: Resolvers = {
  Relation: {
    id: (r) => r.rel.key,
    type: (r) => r.rel.type,
    phrase: (r, _a, ctx) => ctx.ontology.relations.get(r.rel.type)?.phrase ?? r.rel.type.toLowerCase(),
    inversePhrase: (r, _a, ctx) => ctx.ontology.relations.get(r.rel.type)?.inverse ?? r.rel.type.toLowerCase(),
    from: (r) => entityRef(r.rel.from, r.fragment),
    to: (r) => entityRef(r.rel.to, r.fragment),
    since: (r) => r.rel.since,
    until: (r) => r.rel.until,
    confidence: (r) => CONFIDENCE[r.rel.confidence as keyof typeof CONFIDENCE] ?? 'HIGH',
    properties: (r) => Object.entries(r.rel.props).map(([name, value]) => ({ name, value: Array.isArray(value) ? value.join(', ') : String(value) })),
    evidence: (r) =>
      r.rel.evidenceOutlets.map((outlet, i) => ({
        outlet,
        quote: r.rel.evidenceQuotes[i] ?? '',
        url: r.rel.evidenceUrls[i] ?? '',
        date: r.rel.evidenceDates[i] ?? '',
        stance: stanceOf(r.rel, i),
        disputedBy: (r.rel.evidenceDisputedBy[i] ?? '').split(',').filter((id) => id !== ''),
        fragment: r.fragment,
      })),
    status: (r) => relationStatus(r.rel),
    seedFile: (r) => r.rel.seedFile,
    seedLine: (r) => r.rel.seedLine,
  },
  Evidence: {
    outlet: (e) => entityRef(e.outlet, e.fragment),
    // Stored as '' because Neo4j lists cannot hold nulls.
    quote: (e) => e.quote || null,
    url: (e) => e.url || null,
    publishedAt: (e) => e.date,
    stance: (e) => (e.stance === 'disputes' ? 'DISPUTES' : 'SUPPORTS'),
    // A disputer the result does not hold (no longer an entity) is left out rather than failing the evidence.
    disputedBy: (e) => e.disputedBy.filter((id) => e.fragment.node(id) !== undefined).map((id) => entityRef(id, e.fragment)),
  },
};
