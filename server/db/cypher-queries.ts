import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the named queries live. */
export const CYPHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

export interface NamedQuery {
  name: string;
  file: string;
  text: string;
}

/**
 * Reads every `cypher/*.cypher` file. A query starts at a `// name: <name>` line and runs to the
 * next one; other comments are kept (Neo4j ignores them), a trailing `;` is dropped.
 */
export function loadCypherQueries(dir = CYPHER_DIR): Map<string, NamedQuery> {
  const queries = new Map<string, NamedQuery>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()) {
    let current: { name: string; lines: string[] } | undefined;
    const flush = () => {
      if (!current) return;
      const text = current.lines.join('\n').trim().replace(/;\s*$/, '');
      if (queries.has(current.name)) throw new Error(`cypher/${file}: query "${current.name}" is defined twice`);
      queries.set(current.name, { name: current.name, file, text });
    };
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const m = /^\/\/\s*name:\s*([A-Za-z][\w-]*)\s*$/.exec(line);
      if (m) {
        flush();
        current = { name: m[1]!, lines: [] };
      } else current?.lines.push(line);
    }
    flush();
  }
  return queries;
}

let cache: Map<string, NamedQuery> | undefined;

/** The text of a named query; throws on an unknown name so a typo fails loudly. */
export function cypher(name: string): string {
  cache ??= loadCypherQueries();
  const q = cache.get(name);
  if (!q) throw new Error(`no Cypher query named "${name}" in cypher/`);
  return q.text;
}

/** The names of the queries in one file, in order (e.g. the schema statements). */
export function cypherFile(file: string): string[] {
  cache ??= loadCypherQueries();
  return [...cache.values()].filter((q) => q.file === file).map((q) => q.name);
}
