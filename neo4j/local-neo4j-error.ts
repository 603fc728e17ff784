/** Every reason the local Neo4j cannot start, in one error type whose message names the cause. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}
