/**
 * The live sync's operations (server/graphql/sdl/live.graphql): the seed's status, and the
 * `seedEvents` subscription that announces each new graph version and each change of status.
 * Result types are written from the SDL.
 */
import type { Operation } from './graphql-client.ts';

export type SeedState = 'SYNCED' | 'SYNCING' | 'INVALID' | 'WAITING_FOR_DATABASE';

/** One problem in the seed files, as `npm run seed:check` reports it. */
export interface SeedDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  /** `seed/data/uk.yaml:12:5: message`. */
  text: string;
}

export interface SeedStatus {
  /** The graph version served now. */
  version: string;
  state: SeedState;
  diagnostics: SeedDiagnostic[];
  message: string | null;
  watching: boolean;
}

export interface ChangedIds {
  created: string[];
  updated: string[];
  removed: string[];
}

/** What one sync changed, by id. */
export interface GraphChange {
  version: string;
  previousVersion: string | null;
  files: string[];
  entities: ChangedIds;
  relations: ChangedIds;
  ontologyChanged: boolean;
  summary: string;
}

/** Sent on every change of the seed's status; `change` is set when the graph version moved. */
export interface SeedEvent {
  status: SeedStatus;
  change: GraphChange | null;
}

const SEED_STATUS_FIELDS = /* GraphQL */ `
  fragment SeedStatusFields on SeedStatus {
    version
    state
    diagnostics {
      file
      line
      column
      message
      text
    }
    message
    watching
  }
`;

/** The seed's status now (the version the page's data was read at). */
export const SEED_STATUS: Operation<{ seedStatus: SeedStatus }, Record<string, never>> = {
  name: 'SeedStatus',
  query: /* GraphQL */ `
    query SeedStatus {
      seedStatus {
        ...SeedStatusFields
      }
    }
    ${SEED_STATUS_FIELDS}
  `,
};

/** The status now, then every change of it (over SSE). */
export const SEED_EVENTS: Operation<{ seedEvents: SeedEvent }, Record<string, never>> = {
  name: 'SeedEvents',
  query: /* GraphQL */ `
    subscription SeedEvents {
      seedEvents {
        status {
          ...SeedStatusFields
        }
        change {
          version
          previousVersion
          files
          entities {
            created
            updated
            removed
          }
          relations {
            created
            updated
            removed
          }
          ontologyChanged
          summary
        }
      }
    }
    ${SEED_STATUS_FIELDS}
  `,
};
