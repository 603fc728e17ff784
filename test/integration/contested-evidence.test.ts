import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { apiClient, loadRealDataset } from '../helpers/api-harness.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
afterAll(() => db.close());
let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

const RELATION = `id type status evidence { outlet { id } quote stance disputedBy { id name } } from { id } to { id }`;

describe('contested evidence, seed → Neo4j → GraphQL', () => {
  it('a relation is SUPPORTED, CONTESTED or DISPUTED by the stance of its evidence; disputers resolve as entities', async () => {
    const seed = makeSeedDir({
      'a.yaml':
        SMALL_SEED.replace('  - clean-network EXCLUDES huawei @ap\n', '') +
        `  - from: clean-network
    type: EXCLUDES
    to: huawei
    evidence:
      - ap
      - { outlet: reuters, date: 2020-09-09, quote: "denies it", stance: disputes, disputedBy: [zte, china] }
  - from: huawei
    type: HEADQUARTERED_IN
    to: china
    evidence: { outlet: reuters, date: 2020-09-09, quote: "not so", stance: disputes }
`,
    });
    cleanup.push(seed.remove);
    const loaded = loadSeed({ seedDir: seed.dir });
    expect(loaded.diagnostics).toEqual([]);
    await resetDatabase(db);
    await syncSeed(db, loaded.graph);
    const api = apiClient(db, loaded.ontology!);
    const r = await api.query(`{ entity(id: "huawei") { relations(direction: BOTH) { nodes { ${RELATION} } } } }`);
    expect(r.errors).toBeUndefined();
    const byId = Object.fromEntries(((r.data as any).entity.relations.nodes as any[]).map((n) => [n.id, n]));
    expect(byId['clean-network|EXCLUDES|huawei']).toMatchObject({
      status: 'CONTESTED',
      evidence: [
        { outlet: { id: 'ap-news' }, stance: 'SUPPORTS', disputedBy: [] },
        // zte is neither end of the relation: it came along with the evidence.
        {
          outlet: { id: 'reuters' },
          quote: 'denies it',
          stance: 'DISPUTES',
          disputedBy: [
            { id: 'zte', name: 'ZTE' },
            { id: 'china', name: 'China' },
          ],
        },
      ],
    });
    expect(byId['huawei|HEADQUARTERED_IN|china']).toMatchObject({ status: 'DISPUTED', evidence: [{ stance: 'DISPUTES', disputedBy: [] }] });
    const plain = await api.query(`{ entity(id: "mike-pompeo") { relations { nodes { status evidence { stance disputedBy { id } } } } } }`);
    expect((plain.data as any).entity.relations.nodes.map((n: any) => n.status)).toEqual(['SUPPORTED', 'SUPPORTED']);
    // The stored form: stances only where some evidence disputes.
    const stored = await db.read((tx) => tx.run('MATCH ()-[r]->() RETURN r.key AS key, r.evidenceStances AS s, r.evidenceDisputedBy AS d ORDER BY key'));
    expect(stored.records.map((x) => x.toObject())).toEqual([
      { key: 'clean-network|EXCLUDES|huawei', s: ['supports', 'disputes'], d: ['', 'zte,china'] },
      { key: 'clean-network|EXCLUDES|zte', s: null, d: null },
      { key: 'clean-network|PROPOSED_BY|mike-pompeo|2020-08-05', s: null, d: null },
      { key: 'huawei|HEADQUARTERED_IN|china', s: ['disputes'], d: [''] },
      { key: 'mike-pompeo|HOLDS_OFFICE|us|2018-04-26', s: null, d: null },
    ]);
  }, 180_000);

  it('the real dataset holds the article’s case: the U.S. claim that Huawei spies for China, disputed by Huawei and Beijing', async () => {
    const { ontology } = await loadRealDataset(db);
    const api = apiClient(db, ontology);
    const r = await api.query(`{ entity(id: "huawei") { relations(types: ["SPIES_FOR"]) { nodes { ${RELATION} confidence } } } }`);
    expect(r.errors).toBeUndefined();
    const [claim] = (r.data as any).entity.relations.nodes as any[];
    expect(claim).toMatchObject({ id: 'huawei|SPIES_FOR|china', status: 'CONTESTED', confidence: 'LOW', to: { id: 'china' } });
    const disputers = new Set((claim.evidence as any[]).flatMap((e) => e.disputedBy.map((d: any) => d.id)));
    expect([...disputers].sort()).toEqual(['china', 'huawei']);
    expect((claim.evidence as any[]).filter((e) => e.stance === 'SUPPORTS').length).toBeGreaterThanOrEqual(1);
    for (const e of claim.evidence as any[]) expect(e.quote.length).toBeGreaterThan(20);
  }, 180_000);
});
