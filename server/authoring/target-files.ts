import { parseYamlSeed } from '../ingest/parse-yaml-seed.ts';
import type { EditDraft } from './edit-draft.ts';

/** Where new facts go when the caller names no file. */

/** The file where most entities of `kind` live, or seed/data/<kind>.yaml (new) when none does. */
export function fileForKind(draft: EditDraft, kind: string): string {
  return mostCommon(draft.snapshot.loaded.graph.entities.filter((e) => e.kind === kind).map((e) => e.at.file)) ?? draft.dataFile(`${kebab(kind)}.yaml`);
}

/** The file where the entity is declared, if it is. */
export function fileOfEntity(draft: EditDraft, id: string): string | undefined {
  return draft.snapshot.loaded.graph.entities.find((e) => e.id === id)?.at.file;
}

/** For a new source: where most sources citing the same outlet live, else where most sources live. */
export function fileForSource(draft: EditDraft, outlet: string): string {
  const all: Array<{ file: string; outlet: unknown }> = [];
  for (const [shown, f] of draft.snapshot.files) {
    if (!/\.ya?ml$/i.test(shown)) continue;
    for (const s of parseYamlSeed(shown, f.text).sources) all.push({ file: shown, outlet: s.evidence.fields.get('outlet')?.value });
  }
  return mostCommon(all.filter((s) => s.outlet === outlet).map((s) => s.file)) ?? mostCommon(all.map((s) => s.file)) ?? draft.dataFile('sources.yaml');
}

function mostCommon(files: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(f, (counts.get(f) ?? 0) + 1);
  let best: string | undefined;
  for (const [f, n] of counts) if (best === undefined || n > counts.get(best)!) best = f;
  return best;
}

function kebab(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
