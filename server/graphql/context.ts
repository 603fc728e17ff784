import type { Database } from '../db/database.ts';
import type { Ontology } from '../ingest/ontology.ts';
import { PlannedReads } from './plan/planned-reads.ts';

/** What every resolver gets; built per request, so servers stay stateless. */
export interface ApiContext {
  db: Database;
  ontology: Ontology;
  reads: PlannedReads;
}

export function createContext(db: Database, ontology: Ontology): ApiContext {
  return { db, ontology, reads: new PlannedReads(db) };
}
