/**
 * Splits a big drawing into chunks that can be added one per frame, so adding thousands of
 * elements never blocks the page for long. All entities come first, then the relations: a
 * node's style is then computed while it has no edges yet, which matters because Cytoscape
 * walks a node's connected edges for every style property it sets (with hubs, that walk is
 * most of the cost of drawing a big graph).
 */

export interface DrawChunk<E, R> {
  entities: E[];
  relations: R[];
}

/** Chunks of at most `maxElements` elements: entities (in order), then relations (in order). */
export function planDrawChunks<E, R>(entities: readonly E[], relations: readonly R[], maxElements: number): Array<DrawChunk<E, R>> {
  const size = Math.max(1, Math.floor(maxElements));
  const chunks: Array<DrawChunk<E, R>> = [];
  for (let i = 0; i < entities.length; i += size) chunks.push({ entities: entities.slice(i, i + size), relations: [] });
  for (let i = 0; i < relations.length; i += size) chunks.push({ entities: [], relations: relations.slice(i, i + size) });
  return chunks;
}
