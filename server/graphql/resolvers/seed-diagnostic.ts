import { formatDiagnostic, type Diagnostic } from '../../ingest/diagnostics.ts';
import type { SeedDiagnostic } from '../generated/resolvers-types.ts';

/** A validator diagnostic as the API's SeedDiagnostic: the hint joins the message, as seed:check prints it. */
export function toSeedDiagnostic(d: Diagnostic, field: string | null = null): SeedDiagnostic {
  return {
    file: d.file,
    line: d.line,
    column: d.column,
    message: d.hint ? `${d.message} (${d.hint})` : d.message,
    text: formatDiagnostic(d),
    field,
  };
}
