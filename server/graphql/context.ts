import type { Database } from '../db/database.ts';
import type { Ontology } from '../ingest/ontology.ts';
import type { LiveSeed } from '../live/live-seed.ts';
import { PlannedReads } from './plan/planned-reads.ts';

/** What every resolver gets; built per request, so servers stay stateless. */
export interface ApiContext {
  db: Database;
  /** The ontology of this request (the live seed's current one under `npm start`). */
  ontology: Ontology;
  reads: PlannedReads;
  /** The live seed sync, when the server has one (npm start); the write API needs it. */
  live: LiveSeed | undefined;
  /** The address the server listens on (write access is open without a token on loopback only). */
  listenHost: string;
  /** The HTTP request (headers for the bearer token). */
  request: Request;
}

export interface ContextInput {
  db: Database;
  ontology: Ontology;
  live?: LiveSeed | undefined;
  listenHost?: string | undefined;
  request: Request;
}

export function createContext({ db, ontology, live, listenHost = '127.0.0.1', request }: ContextInput): ApiContext {
  return { db, ontology, reads: new PlannedReads(db), live, listenHost, request };
}
