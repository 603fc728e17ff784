import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ontology } from '../../server/ingest/ontology.ts';
import { seededRandom as prng } from '../../client/src/graph/seeded-random.ts';

export interface SyntheticSeedOptions {
  /** The seed folder to write into (its data/ subfolder is created). */
  dir: string;
  ontology: Ontology;
  entities: number;
  relations: number;
  /** PRNG seed: the same options write the same files. @default 42 */
  seed?: number;
  /** Relations per CSV file. @default 100000 */
  relationsPerFile?: number;
}

/**
 * Writes a valid seed of N entities (YAML) and M relations (CSV), honouring the ontology's
 * allowed ends and required properties, with no duplicate relation.
 */
export function writeSyntheticSeed(o: SyntheticSeedOptions): { entities: number; relations: number } {
  const rand = prng(o.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const data = join(o.dir, 'data');
  mkdirSync(data, { recursive: true });
  const kinds = [...o.ontology.kinds.values()].filter((k) => k.name !== 'Outlet');
  const byKind = new Map<string, string[]>();
  const lines: string[] = ['entities:'];
  const outlets = ['outlet-0', 'outlet-1', 'outlet-2'];
  for (const id of outlets) lines.push(`  - { id: ${id}, kind: Outlet, name: Outlet ${id.slice(7)}, website: "https://outlet${id.slice(7)}.example" }`);
  for (let i = 0; i < o.entities - outlets.length; i++) {
    const kind = kinds[i % kinds.length]!;
    const id = `e${i}`;
    (byKind.get(kind.name) ?? byKind.set(kind.name, []).get(kind.name)!).push(id);
    const required = Object.entries(kind.properties)
      .filter(([, p]) => p.required)
      .map(([name, p]) => `, ${name}: ${p.type === 'date' ? '2020-01-01' : p.type === 'number' ? '1' : p.type === 'url' ? '"https://x.example"' : 'x'}`)
      .join('');
    lines.push(`  - { id: ${id}, kind: ${kind.name}, name: Entity ${i} ${kind.name}${required} }`);
  }
  writeFileSync(join(data, 'entities.yaml'), `${lines.join('\n')}\n`);

  // Relation types whose ends both have entities and need no required property.
  const types = [...o.ontology.relations.values()].filter(
    (t) => !Object.values(t.properties).some((p) => p.required) && t.from.some((k) => byKind.has(k)) && t.to.some((k) => byKind.has(k)),
  );
  const seen = new Set<string>();
  const perFile = o.relationsPerFile ?? 100_000;
  let rows: string[] = [];
  let fileNo = 0;
  const header = 'from,type,to,outlet,quote,url,date,since,until,confidence';
  const flush = () => {
    if (rows.length === 0) return;
    writeFileSync(join(data, `relations-${String(fileNo++).padStart(3, '0')}.csv`), `${header}\n${rows.join('\n')}\n`);
    rows = [];
  };
  let made = 0;
  let attempts = 0;
  while (made < o.relations) {
    if (++attempts > o.relations * 20) throw new Error(`cannot place ${o.relations} distinct relations among ${o.entities} entities`);
    const t = pick(types);
    const fromPool = byKind.get(pick(t.from.filter((k) => byKind.has(k))))!;
    const toPool = byKind.get(pick(t.to.filter((k) => byKind.has(k))))!;
    const from = pick(fromPool);
    const to = pick(toPool);
    const key = `${from}|${t.type}|${to}`;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    const year = 2015 + Math.floor(rand() * 8);
    const since = rand() < 0.5 ? `${year}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}` : '';
    const until = since && rand() < 0.3 ? `${year + 1}-12-31` : '';
    rows.push(
      `${from},${t.type},${to},${pick(outlets)},"Synthetic quote ${made}",https://news.example/${made},${year}-06-01,${since},${until},${pick(['high', 'medium', 'low'])}`,
    );
    made++;
    if (rows.length >= perFile) flush();
  }
  flush();
  return { entities: o.entities, relations: made };
}
