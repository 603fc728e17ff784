import type { TestProject } from 'vitest/node';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUsername: string;
    neo4jPassword: string;
  }
}

let local: LocalNeo4j | undefined;

/**
 * Starts one throw-away Neo4j for the whole run, or uses TEST_NEO4J_URI when given.
 * If it cannot start, this throws and every integration test fails with the reason.
 */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_NEO4J_URI;
  if (external) {
    project.provide('neo4jUri', external);
    project.provide('neo4jUsername', process.env.TEST_NEO4J_USERNAME ?? 'neo4j');
    project.provide('neo4jPassword', process.env.TEST_NEO4J_PASSWORD ?? '');
    return;
  }
  local = await startLocalNeo4j({ mode: 'ephemeral', heapMb: 768, pageCacheMb: 128 });
  project.provide('neo4jUri', local.uri);
  project.provide('neo4jUsername', 'neo4j');
  project.provide('neo4jPassword', 'neo4j');
}

export async function teardown(): Promise<void> {
  await local?.stop();
}
