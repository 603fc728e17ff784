import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../server/db/database.ts';

/** The rows every floor writes: the same relations the sync writes, ends and type only. */
export type FloorRow = { from: string; type: string; to: string };

const FLOOR_A = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[:$(row[1])]->(b)`;

const FLOOR_B = `LOAD CSV WITH HEADERS FROM $url AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[:$(row.type)]->(b)`;

/** Deletes every relationship (the entities stay), in batches of their own transactions. */
export async function deleteAllRelationships(db: Database): Promise<void> {
  const session = db.driver.session();
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * Floor A: the relations written by a plain neo4j-driver UNWIND … CREATE with only from, to and
 * type, in one transaction, batches of `batchSize` pipelined as the sync pipelines them — what
 * Bolt and Cypher can do at all. Returns seconds.
 */
export async function floorA(db: Database, rows: FloorRow[], batchSize: number): Promise<number> {
  const t = performance.now();
  await db.write(async (tx) => {
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize).map((r) => [r.from, r.type, r.to]);
      pending.push(Promise.resolve(tx.run(FLOOR_A, { rows: batch })));
      if (pending.length >= 4) await pending.shift();
    }
    await Promise.all(pending);
  });
  return (performance.now() - t) / 1000;
}

/**
 * Floor B: LOAD CSV of the same rows in one transaction, from a file the local Neo4j reads
 * (its import folder under `neo4jHome`; the file is written before the clock starts and
 * removed after). Returns seconds and the URL Neo4j read, or undefined when it cannot read the
 * file (an external Neo4j).
 */
export async function floorB(db: Database, rows: FloorRow[], neo4jHome: string): Promise<{ seconds: number; url: string } | undefined> {
  const dir = join(neo4jHome, 'import');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'floor-b.csv');
  writeFileSync(file, `from,type,to\n${rows.map((r) => `${r.from},${r.type},${r.to}`).join('\n')}\n`);
  try {
    // Without server.directories.import, file URLs are absolute paths; with it, relative to it.
    for (const url of [`file://${file}`, 'file:///floor-b.csv']) {
      const t = performance.now();
      try {
        await db.write((tx) => tx.run(FLOOR_B, { url }));
        return { seconds: (performance.now() - t) / 1000, url };
      } catch (err) {
        if (!/external resource|Couldn't load|file/i.test((err as Error).message)) throw err;
      }
    }
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
}
