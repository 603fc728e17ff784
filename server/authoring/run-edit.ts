import type { LiveSeed } from '../live/live-seed.ts';
import { commitEdit, type SeedEditModel } from './commit-edit.ts';
import { EditDraft } from './edit-draft.ts';
import { checkInputSizes, type EditOptions } from './edit-inputs.ts';
import { readSeedSnapshot } from './seed-snapshot.ts';
import { seedWriteMutex } from './write-mutex.ts';

/**
 * One write: under the process's write mutex, read the seed as it is on disk, let `prepare`
 * make the edit in memory (returning the summary), then validate, check versions, write, sync.
 */
export function runEdit(live: LiveSeed, options: EditOptions | null | undefined, prepare: (draft: EditDraft) => string): Promise<SeedEditModel> {
  checkInputSizes(options ?? {}, 'options');
  return seedWriteMutex.run(async () => {
    const draft = new EditDraft(readSeedSnapshot(live.seedDir, live.displayRoot));
    const summary = prepare(draft);
    return commitEdit(live, draft, summary, options);
  });
}
