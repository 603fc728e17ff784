import type { Diagnostic, Location } from './diagnostics.ts';

/** A value read from a seed file, with where it stands. Not yet checked. */
export interface RawValue {
  value: unknown;
  at: Location;
  /** Where its key stands, when it has one (YAML); errors about the key point there. */
  keyAt?: Location;
  /** For a list: each item with where it stands, so an error can point at the very item. */
  items?: RawValue[];
}

export interface RawEvidence {
  at: Location;
  /** Reference to a source id. */
  source?: RawValue;
  fields: Map<string, RawValue>;
}

export interface RawEntity {
  at: Location;
  fields: Map<string, RawValue>;
}

export interface RawSource {
  id: string;
  at: Location;
  evidence: RawEvidence;
}

export interface RawRelation {
  at: Location;
  fields: Map<string, RawValue>;
  evidence: RawEvidence[];
  /** Where the evidence key stands (or the relation, when there is none). */
  evidenceAt: Location;
}

/** What one seed file declares, before cross-file checks. */
export interface RawSeedFile {
  file: string;
  entities: RawEntity[];
  sources: RawSource[];
  relations: RawRelation[];
  diagnostics: Diagnostic[];
  /**
   * Relations and diagnostics are produced when the validator reaches this file's relations
   * (after every entity and source), and not kept after: a bulk CSV is never held whole as raw
   * records beside the others (load-seed.ts).
   */
  deferred?: true;
}
