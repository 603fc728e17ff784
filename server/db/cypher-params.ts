import neo4j from 'neo4j-driver';

/**
 * JavaScript numbers reach Neo4j as floats, which LIMIT, SKIP and list slices refuse; whole
 * numbers become Cypher integers here, deeply, so callers pass plain values.
 */
export function cypherParams(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(cypherParams);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, cypherParams(v)]));
  }
  return value;
}
