/**
 * The one place that decides which Neo4j the project talks to.
 * `NEO4J_URI` (+ `NEO4J_USERNAME`, `NEO4J_PASSWORD`, optional `NEO4J_DATABASE`) selects an
 * external server — bolt://, neo4j:// (cluster routing) or neo4j+s:// (Aura) — and then no
 * local Neo4j is started. Without it the project runs its own (see neo4j/).
 */
export type Neo4jTarget = { kind: 'external'; uri: string; username: string; password: string; database: string | undefined } | { kind: 'local' };

const SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

export class Neo4jConfigError extends Error {
  override name = 'Neo4jConfigError';
}

export function neo4jTargetFromEnv(env: NodeJS.ProcessEnv = process.env): Neo4jTarget {
  const uri = env.NEO4J_URI?.trim();
  if (!uri) return { kind: 'local' };
  const scheme = uri.split('://')[0] ?? '';
  if (!uri.includes('://') || !SCHEMES.includes(scheme)) {
    throw new Neo4jConfigError(`NEO4J_URI "${uri}" must start with one of ${SCHEMES.map((s) => `${s}://`).join(', ')}`);
  }
  return {
    kind: 'external',
    uri,
    username: env.NEO4J_USERNAME ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    database: env.NEO4J_DATABASE?.trim() || undefined,
  };
}
