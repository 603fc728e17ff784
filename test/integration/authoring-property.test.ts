import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { authoringClient } from '../helpers/authoring-client.ts';
import { graphContentChecksum } from '../helpers/graph-state.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';
import { copySeedDir, testLiveSeed } from '../helpers/test-live-seed.ts';

let db: Database;
beforeAll(() => {
  db = openTestDatabase();
});
afterAll(() => db.close());

/** Relations the ontology allows between entities of the real seed (some exist already: a duplicate is refused). */
const CANDIDATES = [
  ['uk', 'EXCLUDES', 'huawei'],
  ['uk', 'EXCLUDES', 'zte'],
  ['norway', 'EXCLUDES', 'huawei'],
  ['clean-network', 'EXCLUDES', 'huawei'],
  ['us', 'PLANS_TO_BAN', 'tiktok'],
  ['china', 'COUNTERS', 'clean-network'],
] as const;
const date = fc.constantFrom('2019', '2020-07', '2020-07-14', '2021-01-05', '2020-02-30');
const confidence = fc.constantFrom('HIGH', 'MEDIUM', 'LOW', null);
const command = fc.oneof(
  fc.record({ op: fc.constant('add' as const), pick: fc.nat(), since: fc.option(date), confidence, quote: fc.string({ maxLength: 40 }), file: fc.boolean() }),
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(), since: fc.option(date), confidence }),
  fc.record({ op: fc.constant('retract' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('describe' as const), pick: fc.nat(), text: fc.option(fc.string({ maxLength: 60 })) }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const EDIT = '{ applied graphVersion relations { created updated removed } }';

let applied = 0;
it('random sequences of add, edit and retract keep the seed valid and Neo4j equal to a fresh sync of the files', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 4 }), async (commands: Command[]) => {
      const copy = copySeedDir();
      try {
        await resetDatabase(db);
        const live = testLiveSeed(db, copy.seedDir, copy.root);
        await live.syncNow();
        const api = authoringClient(db, live);
        for (const c of commands) {
          const seed = loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root });
          const rels = seed.graph.relations;
          const ents = seed.graph.entities;
          let r;
          if (c.op === 'add') {
            const [from, type, to] = CANDIDATES[c.pick % CANDIDATES.length]!;
            const relation = {
              from,
              type,
              to,
              since: c.since,
              confidence: c.confidence,
              evidence: [{ outlet: 'ap-news', quote: c.quote, date: '2020-09-08' }],
            };
            r = await api.query(`mutation($r: RelationInput!, $o: EditOptions) { addRelation(relation: $r, options: $o) ${EDIT} }`, {
              r: relation,
              o: c.file ? { file: 'seed/data/authored.yaml' } : null,
            });
          } else if (c.op === 'update') {
            r = await api.query(`mutation($id: ID!, $p: RelationPatch!) { updateRelation(id: $id, patch: $p) ${EDIT} }`, {
              id: rels[c.pick % rels.length]!.key,
              p: { since: c.since, confidence: c.confidence },
            });
          } else if (c.op === 'retract') {
            r = await api.query(`mutation($id: ID!) { retractRelation(id: $id) ${EDIT} }`, { id: rels[c.pick % rels.length]!.key });
          } else {
            r = await api.query(`mutation($id: ID!, $p: EntityPatch!) { updateEntity(id: $id, patch: $p) { applied } }`, {
              id: ents[c.pick % ents.length]!.id,
              p: { description: c.text },
            });
          }
          // Either written, or refused as the client's mistake — never an internal error.
          if (r.errors) expect(['BAD_USER_INPUT', 'NOT_FOUND'], JSON.stringify(r.errors[0])).toContain(r.errors[0]!.extensions?.code);
          else {
            expect(Object.values(r.data!)[0]).toMatchObject({ applied: true });
            applied++;
          }
          expect(loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root }).diagnostics).toEqual([]);
        }
        const incremental = await graphContentChecksum(db);
        await resetDatabase(db);
        await syncSeed(db, loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root }).graph);
        expect(await graphContentChecksum(db)).toEqual(incremental);
      } finally {
        copy.remove();
      }
    }),
    { numRuns: 4, endOnFailure: true },
  );
  // The runs wrote something (a property over refusals only would prove little).
  expect(applied).toBeGreaterThan(0);
});
