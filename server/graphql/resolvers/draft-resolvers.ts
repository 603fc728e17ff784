import { saveDraft } from '../../authoring/index.ts';
import { cypher } from '../../db/cypher-queries.ts';
import { checkDraftInput, draftFromText, DraftInputError, type DraftOptions } from '../../draft/draft-from-text.ts';
import type { KnownGraph } from '../../draft/known-graph.ts';
import type { Database } from '../../db/database.ts';
import { badUserInput } from '../api-errors.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { write } from './mutation-resolvers.ts';

/**
 * The graph a draft resolves against is the one this API serves: what Neo4j holds, read with one
 * named query. It works on every server (with or without a live seed: tests, read-only servers,
 * a Neo4j another process syncs), it is what the explorer shows next to the draft, and every
 * relation carries the seed file and line that declare it — all "already known" needs.
 */
async function readKnownGraph(db: Database): Promise<KnownGraph> {
  const r = await db.read((tx) => tx.run(cypher('draftKnownGraph')));
  const rec = r.records[0];
  if (!rec) return { entities: [], relations: [] };
  return { entities: rec.get('entities') as KnownGraph['entities'], relations: rec.get('relations') as KnownGraph['relations'] };
}

export const draftResolvers: Resolvers = {
  Query: {
    // Reads only: a draft never writes (the seed, Neo4j and the disk stay as they are).
    draftFromText: async (_root, { text, outlet, date, url }, ctx) => {
      try {
        const options: DraftOptions = {
          outlet: outlet ?? null,
          date: typeof date === 'string' ? date : null,
          url: url ?? null,
          source: 'the text sent to draftFromText',
        };
        // Refused before the graph is read: an oversized text costs nothing.
        checkDraftInput(text, options);
        return draftFromText(text, await readKnownGraph(ctx.db), ctx.ontology, options);
      } catch (err) {
        if (err instanceof DraftInputError) throw badUserInput(err.field, err.message.replace(/^[^:]*: /, ''));
        throw err;
      }
    },
  },
  Mutation: {
    saveDraft: (_root, { input, options }, ctx) => write(ctx, options, (d) => saveDraft(d, ctx.ontology, input, options)),
  },
};
