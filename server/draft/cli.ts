/**
 * `npm run seed:draft -- FILE [--outlet ID] [--date YYYY-MM-DD] [--url URL] [--out FILE]` —
 * drafts seed facts from an article (plain text or HTML) against the seed on disk, offline, and
 * prints (or writes) the review YAML. Writes nothing else; never touches a database.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { formatDiagnostics } from '../ingest/report-format.ts';
import { loadSeed } from '../ingest/load-seed.ts';
import { draftFromText, DraftInputError } from './draft-from-text.ts';
import { knownGraphFromSeed } from './known-graph.ts';

const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const usage = 'usage: npm run seed:draft -- FILE [--outlet ID] [--date YYYY-MM-DD] [--url URL] [--out FILE] [--seed-dir DIR]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      outlet: { type: 'string' },
      date: { type: 'string' },
      url: { type: 'string' },
      out: { type: 'string' },
      'seed-dir': { type: 'string', default: join(projectRoot, 'seed') },
    },
  });
} catch (err) {
  console.error(`seed:draft: ${(err as Error).message}\n${usage}`);
  process.exit(2);
}
const { positionals, values } = parsed;
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`seed:draft: ${file}: no such file`);
  process.exit(2);
}
const seedDir = resolve(values['seed-dir']);
const seed = loadSeed({ seedDir, displayRoot: resolve(seedDir, '..') });
if (!seed.ontology || seed.diagnostics.length > 0) {
  // The draft resolves against the seed: a broken seed would make every mention look new.
  console.error(formatDiagnostics(seed.diagnostics));
  console.error('seed:draft: fix the seed first (npm run seed:check)');
  process.exit(1);
}
try {
  const draft = draftFromText(readFileSync(file, 'utf8'), knownGraphFromSeed(seed.graph), seed.ontology, {
    outlet: values.outlet ?? null,
    date: values.date ?? null,
    url: values.url ?? null,
    source: basename(file),
  });
  if (values.out) {
    writeFileSync(values.out, draft.yaml);
    const known = draft.relations.filter((r) => r.known).length;
    console.error(
      `seed:draft: ${values.out}: ${draft.entities.length} new entities, ${draft.relations.length - known} new relations, ${known} already known; review it, then npm run seed:check`,
    );
  } else process.stdout.write(draft.yaml);
  for (const w of draft.warnings) console.error(`seed:draft: warning: ${w}`);
} catch (err) {
  if (err instanceof DraftInputError) {
    console.error(`seed:draft: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
