import { createServer } from 'node:http';
import { connect } from 'node:net';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';
import { join } from 'node:path';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
const local = await startLocalNeo4j({ mode: 'ephemeral' });
const db = openDatabase({ uri: local.uri, username: 'neo4j', password: 'neo4j' });
try {
  const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
  const dir = join(mkdtempSync(join(tmpdir(), 'x-')), 'seed'); mkdirSync(dir, { recursive: true }); copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(dir, 'ontology.yaml'));
    writeSyntheticSeed({ dir, ontology, entities: 500, relations: 2000 });
  await syncSeed(db, loadSeed({ seedDir: dir }).graph);
  const yoga = createGraphQLServer({ db, ontology, production: true });
  const s = createServer((req, res) => { const t = Date.now(); res.on('finish', () => console.log('finish', Date.now() - t)); res.on('close', () => console.log('res close', Date.now() - t)); yoga(req, res).then(() => console.log('handler done', Date.now() - t), (e) => console.log('handler err', e)); });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as any).port;
  const body = JSON.stringify({ query: 'query Search($text: String!) { search(text: $text, first: 10) { score entity { id name kind } } }', variables: { text: 'Entity 5' } });
  const raw = `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n${CSRF_HEADER}: 1\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  await new Promise<void>((resolve) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(raw));
    let got = '';
    sock.on('data', (d) => { got += d.toString(); });
    sock.on('close', () => { console.log('CLOSED; got:\n' + got.slice(0, 3000)); resolve(); });
    setTimeout(() => { console.log('still open after 3s; got:\n' + got.slice(0, 3000)); sock.destroy(); }, 20000);
  });
  s.closeAllConnections(); s.close();
} finally { await db.close(); await local.stop(); }
