/**
 * The write API's operations (server/graphql/sdl/authoring.graphql), typed like operations.ts:
 * every mutation edits seed files, takes `options` (preview, file, base versions) and answers
 * with a SeedEdit (the diff, the files and their versions, what changed).
 */
import type { Operation } from './graphql-client.ts';
import type { Confidence, IsoDate } from './operations.ts';

export interface PropertyInput {
  name: string;
  value?: string | null;
  values?: string[] | null;
}

export interface NewOutletInput {
  id: string;
  name: string;
  website?: string | null;
  aliases?: string[] | null;
}

export interface EvidenceInput {
  source?: string | null;
  outlet?: string | null;
  newOutlet?: NewOutletInput | null;
  quote?: string | null;
  url?: string | null;
  date?: IsoDate | null;
}

export interface EntityInput {
  id: string;
  kind: string;
  name: string;
  aliases?: string[] | null;
  description?: string | null;
  properties?: PropertyInput[] | null;
}

/** Absent fields stay; null clears an optional one. */
export interface EntityPatch {
  name?: string | null;
  aliases?: string[] | null;
  description?: string | null;
  properties?: PropertyInput[] | null;
}

export interface RelationInput {
  from: string;
  type: string;
  to: string;
  since?: IsoDate | null;
  until?: IsoDate | null;
  confidence?: Confidence | null;
  evidence: EvidenceInput[];
  properties?: PropertyInput[] | null;
}

/** Absent fields stay; null clears an optional one; `evidence` replaces the list. */
export interface RelationPatch {
  since?: IsoDate | null;
  until?: IsoDate | null;
  confidence?: Confidence | null;
  evidence?: EvidenceInput[] | null;
  properties?: PropertyInput[] | null;
}

export interface FileVersionInput {
  file: string;
  version: string;
}

export interface EditOptions {
  preview?: boolean;
  file?: string | null;
  baseVersions?: FileVersionInput[] | null;
}

export interface SeedFileEdit {
  file: string;
  baseVersion: string | null;
  version: string;
  diff: string;
  created: boolean;
}

export interface ChangedIds {
  created: string[];
  updated: string[];
  removed: string[];
}

export interface SeedEdit {
  applied: boolean;
  files: SeedFileEdit[];
  diff: string;
  summary: string;
  graphVersion: string | null;
  entities: ChangedIds;
  relations: ChangedIds;
}

/** One problem an edit would cause, as BAD_USER_INPUT's `extensions.diagnostics` lists it. */
export interface EditDiagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  text: string;
  /** The input field it refers to (relation.to, relation.evidence[0].quote), when known. */
  field: string | null;
}

/** The SeedEdit fields every write answers with (also used by draft-operations.ts). */
export const SEED_EDIT_FIELDS = /* GraphQL */ `
  fragment SeedEditFields on SeedEdit {
    applied
    diff
    summary
    graphVersion
    files {
      file
      baseVersion
      version
      diff
      created
    }
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
  }
`;

/** Whether this request may write, and why not. */
export const AUTHORING_INFO: Operation<
  { authoring: { enabled: boolean; previews: boolean; reason: string | null; tokenRequired: boolean } },
  Record<string, never>
> = {
  name: 'AuthoringInfo',
  query: /* GraphQL */ `
    query AuthoringInfo {
      authoring {
        enabled
        previews
        reason
        tokenRequired
      }
    }
  `,
};

/** Builds one mutation operation: `name(args…, options: $options) { ...SeedEditFields }`. */
function mutation<TName extends string, TVariables>(
  name: string,
  field: TName,
  args: ReadonlyArray<[string, string]>,
): Operation<Record<TName, SeedEdit>, TVariables & { options?: EditOptions | null }> {
  const declared = [...args.map(([arg, type]) => `$${arg}: ${type}`), '$options: EditOptions'].join(', ');
  const passed = [...args.map(([arg]) => `${arg}: $${arg}`), 'options: $options'].join(', ');
  return {
    name,
    query: /* GraphQL */ `
      mutation ${name}(${declared}) {
        ${field}(${passed}) {
          ...SeedEditFields
        }
      }
      ${SEED_EDIT_FIELDS}
    `,
  };
}

export const ADD_ENTITY = mutation<'addEntity', { entity: EntityInput }>('AddEntity', 'addEntity', [['entity', 'EntityInput!']]);
export const ADD_OUTLET = mutation<'addOutlet', { outlet: NewOutletInput; description?: string | null }>('AddOutlet', 'addOutlet', [
  ['outlet', 'NewOutletInput!'],
  ['description', 'String'],
]);
export const ADD_RELATION = mutation<'addRelation', { relation: RelationInput }>('AddRelation', 'addRelation', [['relation', 'RelationInput!']]);
export const UPDATE_ENTITY = mutation<'updateEntity', { id: string; patch: EntityPatch }>('UpdateEntity', 'updateEntity', [
  ['id', 'ID!'],
  ['patch', 'EntityPatch!'],
]);
export const UPDATE_RELATION = mutation<'updateRelation', { id: string; patch: RelationPatch }>('UpdateRelation', 'updateRelation', [
  ['id', 'ID!'],
  ['patch', 'RelationPatch!'],
]);
export const RETRACT_RELATION = mutation<'retractRelation', { id: string }>('RetractRelation', 'retractRelation', [['id', 'ID!']]);
export const REMOVE_ENTITY = mutation<'removeEntity', { id: string }>('RemoveEntity', 'removeEntity', [['id', 'ID!']]);
export const APPLY_SEED_PATCH = mutation<'applySeedPatch', { patch: string }>('ApplySeedPatch', 'applySeedPatch', [['patch', 'String!']]);
