import type { ManagedTransaction, QueryResult } from 'neo4j-driver';

/**
 * Runs `text` with `rows` as `$<param>`, then empties `rows`. The driver's transaction keeps
 * every result, and each result its parameters, until the commit: the batches of one large
 * write transaction would all stay alive through it (≈ 450 MB of relation rows in a
 * 1M-relation sync). So `rows` must be a batch made for this call alone.
 */
export async function runBatch(tx: ManagedTransaction, text: string, rows: unknown[], param = 'rows'): Promise<QueryResult> {
  try {
    return await tx.run(text, { [param]: rows });
  } finally {
    rows.length = 0;
  }
}
