import { existsSync, realpathSync } from 'node:fs';
import { formatDiagnostic } from '../ingest/diagnostics.ts';
import { loadSeed } from '../ingest/load-seed.ts';
import type { SeedEntity, SeedRelation } from '../ingest/seed-model.ts';
import type { ChangedIdsModel, LiveSeed } from '../live/live-seed.ts';
import { writeFilesAtomically } from './atomic-write.ts';
import { EditConflictError, EditRefusedError, type EditDiagnostic } from './authoring-errors.ts';
import type { EditDraft, DraftFile } from './edit-draft.ts';
import { EditInputError, type EditOptions } from './edit-inputs.ts';
import { fileVersion } from './file-version.ts';
import { fileDiff } from './seed-diff-text.ts';
import { checkRealPath } from './seed-paths.ts';
import { versionOnDisk } from './seed-snapshot.ts';
import { offsetOf } from './yaml-text-edit.ts';

export interface SeedFileEditModel {
  file: string;
  baseVersion: string | null;
  version: string;
  diff: string;
  created: boolean;
}

/** What a write did, or (preview) would do: the SeedEdit of the API. */
export interface SeedEditModel {
  applied: boolean;
  files: SeedFileEditModel[];
  diff: string;
  summary: string;
  graphVersion: string | null;
  entities: ChangedIdsModel;
  relations: ChangedIdsModel;
}

/**
 * Validates the whole seed with the draft applied (seed:check's validator and messages), checks
 * the base versions, and — unless previewing — writes the files atomically and asks the live
 * sync to load them. Refusals write nothing: EditRefusedError (diagnostics), EditConflictError.
 * The caller holds the write mutex.
 */
export async function commitEdit(live: LiveSeed, draft: EditDraft, summary: string, options: EditOptions | null | undefined): Promise<SeedEditModel> {
  const { snapshot } = draft;
  const changed = [...draft.files.values()].filter((f) => f.before !== f.after);
  if (changed.length === 0) throw new EditInputError('edit', 'the edit changes nothing');
  for (const f of changed) {
    const s = snapshot.files.get(f.shown);
    if (s && !s.editable) throw new EditInputError('options.file', `${f.shown} is not UTF-8 text; fix it by hand first`);
  }

  // Base versions the caller prepared against: checked first, a stale one is the answer whatever else.
  for (const b of options?.baseVersions ?? []) {
    const path = draft.resolve(b.file, 'options.baseVersions');
    const now = versionOnDisk(path.abs);
    if (now !== b.version) throw conflict(path.shown, b.version, now);
  }

  const overrides = new Map(changed.map((f) => [f.abs, f.after] as const));
  const result = loadSeed({ seedDir: snapshot.seedDir, displayRoot: snapshot.displayRoot, overrides });
  if (result.diagnostics.length > 0) {
    const diagnostics = result.diagnostics.map((d): EditDiagnostic => ({ ...d, field: fieldAt(changed, d) }));
    const first = diagnostics[0]!;
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    throw new EditRefusedError(`The edit would make the seed invalid: ${formatDiagnostic(first)}${more}`, diagnostics);
  }

  const files = changed.map((f): SeedFileEditModel => ({
    file: f.shown,
    baseVersion: snapshot.files.get(f.shown)?.version ?? null,
    version: f.after === null ? fileVersion('') : fileVersion(f.after),
    diff: fileDiff(f.shown, f.before, f.after),
    created: f.before === null,
  }));
  const edit: SeedEditModel = {
    applied: false,
    files,
    diff: files.map((f) => f.diff).join(''),
    summary,
    graphVersion: null,
    entities: changedIds(snapshot.loaded.graph.entities, result.graph.entities, (e) => e.id, entityFingerprint),
    relations: changedIds(snapshot.loaded.graph.relations, result.graph.relations, (r) => r.key, relationFingerprint),
  };
  if (options?.preview) return edit;

  // Every file this edit changes must still be on disk exactly as read (a hand edit may have
  // landed since): checked last, just before the write.
  for (const f of changed) {
    const expected = snapshot.files.get(f.shown)?.version ?? null;
    const now = versionOnDisk(f.abs);
    if (now !== expected) throw conflict(f.shown, expected, now);
  }
  // Files the API picked (where an entity lives) get the same check as a path a caller names;
  // a link that stays inside seed/ is written through, not replaced by a file.
  const writes = changed.map((f) => {
    checkRealPath(snapshot.seedDir, f.abs);
    return { abs: existsSync(f.abs) ? realpathSync(f.abs) : f.abs, text: f.after };
  });
  writeFilesAtomically(writes);
  const status = await live.syncNow();
  return { ...edit, applied: true, graphVersion: status.state === 'SYNCED' ? status.version : null };
}

function conflict(file: string, expected: string | null, actual: string | null): EditConflictError {
  const now = actual === null ? 'it no longer exists' : `it is at version ${actual}`;
  return new EditConflictError(
    `${file} changed on disk since version ${expected ?? '(none: a new file)'} (${now}); nothing was written — reload it and prepare the edit again`,
    file,
    expected,
    actual,
  );
}

/**
 * The input field whose generated text holds the diagnostic's position, the narrowest one. At
 * an item's very start the item itself is meant ("duplicate relation", "relation has no
 * evidence"), except for errors about the first word of a short form (its `from`).
 */
function fieldAt(changed: DraftFile[], d: { file: string; line: number; column: number; message: string }): string | null {
  const f = changed.find((c) => c.shown === d.file);
  if (!f || f.after === null || f.spans.length === 0) return null;
  const bom = f.after.charCodeAt(0) === 0xfeff ? 1 : 0;
  const offset = offsetOf(f.after.slice(bom), d.line, d.column) + bom;
  const holding = f.spans.filter((s) => offset >= s.start && offset <= s.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  if (holding.length === 0) return null;
  const widest = holding[holding.length - 1]!;
  const aboutFrom = /^(unknown entity id|relation from|\S+ cannot start at)/.test(d.message);
  if (offset === widest.start && !aboutFrom) return widest.field;
  return holding[0]!.field;
}

function entityFingerprint(e: SeedEntity): string {
  return JSON.stringify([e.kind, e.name, e.aliases, e.description ?? null, Object.entries(e.properties).sort()]);
}
function relationFingerprint(r: SeedRelation): string {
  return JSON.stringify([r.since ?? null, r.until ?? null, r.confidence, r.evidence, Object.entries(r.properties).sort()]);
}

/** Ids created, changed (other than where they stand) and removed between two graphs. */
function changedIds<T>(before: T[], after: T[], id: (x: T) => string, fingerprint: (x: T) => string): ChangedIdsModel {
  const old = new Map(before.map((x) => [id(x), fingerprint(x)]));
  const created: string[] = [];
  const updated: string[] = [];
  const seen = new Set<string>();
  for (const x of after) {
    const k = id(x);
    seen.add(k);
    const prev = old.get(k);
    if (prev === undefined) created.push(k);
    else if (prev !== fingerprint(x)) updated.push(k);
  }
  return { created, updated, removed: [...old.keys()].filter((k) => !seen.has(k)) };
}
