import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SEED_DIR = join(PROJECT_ROOT, 'seed');

/** A temporary seed folder with the real ontology and the given data files (name → text). */
export function makeSeedDir(files: Record<string, string>): { dir: string; write(name: string, text: string): void; remove(): void } {
  // <tmp>/seed/, so messages read seed/data/<file> as they do in the project.
  const parent = mkdtempSync(join(tmpdir(), 'splinternet-seed-'));
  const dir = join(parent, 'seed');
  mkdirSync(join(dir, 'data'), { recursive: true });
  copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(dir, 'ontology.yaml'));
  const write = (name: string, text: string) => {
    mkdirSync(dirname(join(dir, 'data', name)), { recursive: true });
    writeFileSync(join(dir, 'data', name), text);
  };
  for (const [name, text] of Object.entries(files)) write(name, text);
  return { dir, write, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** A small valid seed: two outlets, a few entities, and relations in both forms. */
export const SMALL_SEED = `entities:
  - { id: ap-news, kind: Outlet, name: AP News, website: https://apnews.com }
  - { id: reuters, kind: Outlet, name: Reuters, website: https://www.reuters.com }
  - { id: us, kind: Country, name: United States, aliases: [USA, U.S.] }
  - { id: china, kind: Country, name: China, aliases: [PRC] }
  - { id: clean-network, kind: Initiative, name: Clean Network }
  - { id: huawei, kind: Company, name: Huawei, founded: 1987 }
  - { id: zte, kind: Company, name: ZTE }
  - { id: mike-pompeo, kind: Official, name: Mike Pompeo, office: Secretary of State }
sources:
  ap:
    outlet: ap-news
    url: https://apnews.com/article/clean-network
    date: 2020-09-08
    quote: seeks to exclude Chinese telecommunications companies like Huawei and ZTE
relations:
  - clean-network EXCLUDES huawei @ap
  - clean-network EXCLUDES zte @ap
  - from: clean-network
    type: PROPOSED_BY
    to: mike-pompeo
    since: 2020-08-05
    evidence: { outlet: ap-news, quote: unveiled by Secretary of State Mike Pompeo, date: 2020-09-08 }
  - from: mike-pompeo
    type: HOLDS_OFFICE
    to: us
    role: Secretary of State
    since: 2018-04-26
    until: 2021-01-20
    evidence: ap
`;
