import type { Diagnostic } from '../ingest/diagnostics.ts';

/** A seed problem an edit would cause, with the input field it comes from when known. */
export interface EditDiagnostic extends Diagnostic {
  field: string | null;
}

/** The edit would leave the seed invalid; nothing was written. */
export class EditRefusedError extends Error {
  override name = 'EditRefusedError';
  constructor(
    message: string,
    readonly diagnostics: EditDiagnostic[],
  ) {
    super(message);
  }
}

/** A file changed on disk since the version the edit was prepared against; nothing was written. */
export class EditConflictError extends Error {
  override name = 'EditConflictError';
  constructor(
    message: string,
    readonly file: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(message);
  }
}

/** What the edit names does not exist (an entity id, a relation id). */
export class EditNotFoundError extends Error {
  override name = 'EditNotFoundError';
}
