/** How a saved edit is told to the user: "Added: United Kingdom excludes Huawei — seed/data/countries.yaml". */
import type { SeedEdit } from '../../api/authoring-operations.ts';

const PAST: Record<string, string> = {
  add: 'Added',
  update: 'Changed',
  edit: 'Changed',
  retract: 'Retracted',
  remove: 'Removed',
  apply: 'Applied',
};

/** The toast's text for an applied edit, from the server's summary ("Add relation United Kingdom excludes Huawei"). */
export function editToastText(edit: Pick<SeedEdit, 'summary' | 'files'>): string {
  const m = /^(add|update|edit|retract|remove|apply)\s+(?:(?:relation|entity|outlet|source)\s+)?(.*)$/i.exec(edit.summary.trim());
  const verb = m ? PAST[m[1]!.toLowerCase()] : undefined;
  const what = verb && m?.[2] ? `${verb}: ${m[2]}` : edit.summary;
  const files = edit.files.map((f) => f.file).join(', ');
  return files ? `${what} — ${files}` : what;
}
