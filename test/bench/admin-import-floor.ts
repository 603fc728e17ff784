import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The classpath neo4j/local-neo4j.ts resolved and cached for neo4j/pom.xml (the same key), or
 * undefined when no local Neo4j was started from this checkout yet. It holds neo4j-admin's
 * import tool (org.neo4j:neo4j-import-tool comes with org.neo4j:neo4j).
 */
export function cachedNeo4jClasspath(): string | undefined {
  const hash = createHash('sha256')
    .update(readFileSync(join(projectRoot, 'neo4j', 'pom.xml')))
    .digest('hex')
    .slice(0, 16);
  const file = join(projectRoot, '.cache', 'neo4j', `classpath-${hash}.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

export interface ImportFloorInput {
  classpath: string;
  /** Entity ids. */
  ids: string[];
  relations: Array<{ from: string; type: string; to: string }>;
}

/**
 * Floor C: `neo4j-admin database import full` of the same nodes (id only) and relationships
 * (from, to, type) into an empty database, offline — the store written directly, no
 * transactions, what this machine can do at all. Runs org.neo4j.cli.AdminTool from the cached
 * jars with a throw-away NEO4J_HOME. Returns the seconds of the import itself (the tool's JVM
 * start included, measured apart by `versionS`) and removes everything it wrote.
 */
export function adminImportFloor({ classpath, ids, relations }: ImportFloorInput): { seconds: number; jvmStartS: number } {
  const home = mkdtempSync(join(tmpdir(), 'splinternet-import-floor-'));
  try {
    mkdirSync(join(home, 'conf'), { recursive: true });
    writeFileSync(join(home, 'conf', 'neo4j.conf'), 'server.memory.pagecache.size=512m\n');
    const nodes = join(home, 'nodes.csv');
    const rels = join(home, 'relationships.csv');
    writeFileSync(nodes, `id:ID\n${ids.join('\n')}\n`);
    writeFileSync(rels, `:START_ID,:END_ID,:TYPE\n${relations.map((r) => `${r.from},${r.to},${r.type}`).join('\n')}\n`);
    const env = { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') };
    const java = (args: string[]) => {
      const t = performance.now();
      const r = spawnSync('java', ['-Xmx2g', '-cp', classpath, 'org.neo4j.cli.AdminTool', ...args], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      if (r.status !== 0)
        throw new Error(`neo4j-admin ${args.join(' ')} failed (exit ${r.status}): ${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
      return (performance.now() - t) / 1000;
    };
    const jvmStartS = java(['--version']);
    const seconds = java([
      'database',
      'import',
      'full',
      `--nodes=Entity=${nodes}`,
      `--relationships=${rels}`,
      '--overwrite-destination=true',
      '--threads=2',
      'neo4j',
    ]);
    return { seconds, jvmStartS };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
