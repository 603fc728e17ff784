import type { Diagnostic } from './diagnostics.ts';
import { formatDiagnostic } from './diagnostics.ts';
import type { SyncReport } from './sync-seed.ts';

/** The compiler-style error listing, with a count line. */
export function formatDiagnostics(ds: Diagnostic[]): string {
  const lines = ds.map(formatDiagnostic);
  lines.push(`${ds.length} error${ds.length === 1 ? '' : 's'}; nothing was loaded`);
  return lines.join('\n');
}

/** `+ entity huawei (Company)`, `~ relation …`, `− …` lines, capped for huge diffs. */
export function formatDiff(report: SyncReport, max = 200): string {
  const { diff } = report;
  const lines: string[] = [];
  for (const e of diff.entities.create) lines.push(`+ entity ${e.id} (${e.kind})`);
  for (const e of diff.entities.update) lines.push(`~ entity ${e.id} (${e.kind})`);
  for (const { id } of diff.entities.remove) lines.push(`− entity ${id}`);
  for (const r of diff.relations.create) lines.push(`+ relation ${r.from} ${r.type} ${r.to}`);
  for (const r of diff.relations.update) lines.push(`~ relation ${r.from} ${r.type} ${r.to}`);
  for (const r of diff.relations.remove) lines.push(`− relation ${r.key.split('|').slice(0, 3).join(' ')}`);
  const shown = lines.slice(0, max);
  if (lines.length > max) shown.push(`… and ${lines.length - max} more`);
  return shown.join('\n');
}

export function formatSummary(report: SyncReport): string {
  const c = (x: SyncReport['entities']) => `${x.created} created, ${x.updated} updated, ${x.removed} removed, ${x.unchanged} unchanged`;
  return [
    `entities:  ${c(report.entities)}`,
    `relations: ${c(report.relations)}`,
    `files:     ${report.files.written} written, ${report.files.removed} removed, ${report.files.unchanged} unchanged (skipped by digest)${report.mode === 'full' ? '; every fact compared (full)' : ''}`,
    `${report.dryRun ? 'dry run, nothing written' : 'committed'} in ${(report.ms / 1000).toFixed(2)} s${report.version ? ` (graph version ${report.version})` : ''}`,
  ].join('\n');
}
