/**
 * The contract between the live seed sync (server/live/) and its users: the GraphQL context
 * (seedStatus, the seedEvents subscription), the write API (server/authoring/), and main.ts.
 * One LiveSeed per server process: it owns "which seed files, which ontology, which graph
 * version" — nothing else may cache those.
 */
import type { Diagnostic } from '../ingest/diagnostics.ts';
import type { Ontology } from '../ingest/ontology.ts';

export type SeedState = 'SYNCED' | 'SYNCING' | 'INVALID' | 'WAITING_FOR_DATABASE';

export interface SeedStatusModel {
  /** The graph version served now (short content hash of the synced seed). */
  version: string;
  state: SeedState;
  /** Every problem in the files on disk (empty unless INVALID). */
  diagnostics: Diagnostic[];
  message: string | null;
  /** True when seed/ is watched (npm start). */
  watching: boolean;
}

export interface ChangedIdsModel {
  created: string[];
  updated: string[];
  removed: string[];
}

export interface GraphChangeModel {
  version: string;
  previousVersion: string | null;
  /** Paths relative to the display root (seed/data/uk.yaml). */
  files: string[];
  entities: ChangedIdsModel;
  relations: ChangedIdsModel;
  ontologyChanged: boolean;
  summary: string;
}

export interface SeedEventModel {
  status: SeedStatusModel;
  change: GraphChangeModel | null;
}

export interface LiveSeed {
  /** Absolute path of the seed folder (holds ontology.yaml and data/). */
  readonly seedDir: string;
  /** Paths in diagnostics and changes are relative to this (the project root). */
  readonly displayRoot: string;
  /** The ontology of the last valid seed; changes take effect without a restart. */
  ontology(): Ontology;
  status(): SeedStatusModel;
  /**
   * Re-reads seed/ now and, if it validates, syncs it (as a watched save would). Resolves with
   * the status afterwards: SYNCED with the new version, INVALID, or WAITING_FOR_DATABASE (the
   * sync keeps retrying in the background). Concurrent calls share one run.
   */
  syncNow(): Promise<SeedStatusModel>;
  /** The status now, then every event, until the consumer stops iterating (the subscription). */
  events(signal?: AbortSignal): AsyncIterable<SeedEventModel>;
  /** Stops watching and retrying. */
  close(): Promise<void>;
}
