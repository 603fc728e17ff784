import { createHash } from 'node:crypto';
import type { Database } from '../../server/db/database.ts';

/**
 * The whole graph as evidence: reset it, or fingerprint it to prove "unchanged". No vitest
 * import, so the drills (test/drills/, run outside vitest) use the same code as the tests.
 */

/** Removes every node, relationship, constraint and index, so a test starts from nothing. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
  const schema = await db.read(async (tx) => {
    const c = await tx.run('SHOW CONSTRAINTS YIELD name RETURN name');
    const i = await tx.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
    return { constraints: c.records.map((r) => r.get('name') as string), indexes: i.records.map((r) => r.get('name') as string) };
  });
  // Schema commands cannot share a transaction with data writes; names come from Neo4j itself.
  for (const name of schema.constraints) await db.driver.executeQuery(`DROP CONSTRAINT \`${name}\` IF EXISTS`);
  for (const name of schema.indexes) await db.driver.executeQuery(`DROP INDEX \`${name}\` IF EXISTS`);
}

export interface GraphChecksum {
  nodes: number;
  relationships: number;
  hash: string;
}

/** Counts of nodes and relationships plus a hash of every label, type and property, to prove "unchanged". */
export async function graphChecksum(db: Database): Promise<GraphChecksum> {
  return db.read(async (tx) => {
    const nodes = await tx.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
    const rels = await tx.run(
      'MATCH (a)-[r]->(b) RETURN elementId(r) AS id, elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props ORDER BY id',
    );
    const hash = createHash('sha256');
    for (const rec of nodes.records) hash.update(stableJson(rec.toObject()));
    for (const rec of rels.records) hash.update(stableJson(rec.toObject()));
    return { nodes: nodes.records.length, relationships: rels.records.length, hash: hash.digest('hex') };
  });
}

export function sameChecksum(a: GraphChecksum, b: GraphChecksum): boolean {
  return a.nodes === b.nodes && a.relationships === b.relationships && a.hash === b.hash;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * A fingerprint of what the graph holds, independent of Neo4j's element ids: labels and
 * properties of every node, type, ends and properties of every relationship. Equal for a graph
 * built by many small syncs and one fresh sync of the same files.
 */
export async function graphContentChecksum(db: Database): Promise<GraphChecksum> {
  return db.read(async (tx) => {
    const nodes = await tx.run('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
    const rels = await tx.run('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props');
    const lines = [...nodes.records.map((r) => `n${stableJson(r.toObject())}`), ...rels.records.map((r) => `r${stableJson(r.toObject())}`)].sort();
    const hash = createHash('sha256');
    for (const l of lines) hash.update(l);
    return { nodes: nodes.records.length, relationships: rels.records.length, hash: hash.digest('hex') };
  });
}
