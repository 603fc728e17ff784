/**
 * The article-draft operations (server/graphql/sdl/draft.graphql), typed like operations.ts:
 * `draftFromText` proposes seed facts from an article and writes nothing; `saveDraft` writes
 * the accepted ones as one seed edit, previewable like every edit (authoring-operations.ts).
 */
import type { EditOptions, EntityInput, EvidenceInput, RelationInput, SeedEdit } from './authoring-operations.ts';
import { SEED_EDIT_FIELDS } from './authoring-operations.ts';
import type { Operation } from './graphql-client.ts';
import { ENTITY_SUMMARY, type EntitySummary, type IsoDate } from './operations.ts';

/** UTF-16 code unit offsets into the draft's input text, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface DraftSentence {
  index: number;
  span: TextSpan;
  text: string;
}

export type MentionResolution = 'NAME' | 'ALIAS' | 'INFLECTION' | 'TYPO' | 'NEW' | 'AMBIGUOUS' | 'REFERENCE';

export interface DraftMention {
  text: string;
  span: TextSpan;
  sentence: number;
  resolution: MentionResolution;
  /** Existing entity or proposed DraftEntity id; null when AMBIGUOUS. */
  entityId: string | null;
  /** For AMBIGUOUS: the ids it could be. */
  candidates: string[];
  explanation: string;
}

export interface DraftEntity {
  id: string;
  kind: string;
  name: string;
  properties: Array<{ name: string; value: string }>;
  confidence: number;
  /** Indexes into Draft.mentions. */
  mentions: number[];
}

export interface KnownRelation {
  relationId: string;
  seedFile: string;
  seedLine: number;
}

export interface DraftRelation {
  id: string;
  from: string;
  type: string;
  to: string;
  phrase: string;
  cue: string;
  cueSpan: TextSpan;
  sentence: number;
  quote: string;
  confidence: number;
  notes: string[];
  outlet: string | null;
  outletReason: string | null;
  date: IsoDate | null;
  url: string | null;
  known: KnownRelation | null;
  /** Relation properties the text gives (HOLDS_OFFICE's role). */
  properties: Array<{ name: string; value: string }>;
}

export interface Draft {
  sentences: DraftSentence[];
  mentions: DraftMention[];
  entities: DraftEntity[];
  relations: DraftRelation[];
  yaml: string;
  warnings: string[];
}

export interface DraftEvidenceInput {
  relationId: string;
  evidence: EvidenceInput;
}

export interface DraftSaveInput {
  entities: EntityInput[];
  relations: RelationInput[];
  evidence: DraftEvidenceInput[];
  rejected: string[];
}

/** The most characters `draftFromText` takes: MAX_DRAFT_TEXT of server/draft/draft-from-text.ts (a unit test holds them equal). */
export const DRAFT_TEXT_MAX = 200_000;

export interface DraftVariables {
  text: string;
  outlet?: string | null;
  date?: IsoDate | null;
  url?: string | null;
}

/** Proposes seed facts from an article's text (plain text or HTML); writes nothing. */
export const DRAFT_FROM_TEXT: Operation<{ draftFromText: Draft }, DraftVariables> = {
  name: 'DraftFromText',
  query: /* GraphQL */ `
    query DraftFromText($text: String!, $outlet: ID, $date: Date, $url: String) {
      draftFromText(text: $text, outlet: $outlet, date: $date, url: $url) {
        sentences {
          index
          span {
            start
            end
          }
          text
        }
        mentions {
          text
          span {
            start
            end
          }
          sentence
          resolution
          entityId
          candidates
          explanation
        }
        entities {
          id
          kind
          name
          properties {
            name
            value
          }
          confidence
          mentions
        }
        relations {
          id
          from
          type
          to
          phrase
          cue
          cueSpan {
            start
            end
          }
          sentence
          quote
          confidence
          notes
          outlet
          outletReason
          date
          url
          known {
            relationId
            seedFile
            seedLine
          }
          properties {
            name
            value
          }
        }
        yaml
        warnings
      }
    }
  `,
};

/** Names and kinds of the existing entities a draft resolved to (no relations: only what the review shows). */
export const DRAFT_ENTITIES: Operation<{ subgraph: { nodes: EntitySummary[] } }, { ids: string[] }> = {
  name: 'DraftEntities',
  query: /* GraphQL */ `
    query DraftEntities($ids: [ID!]!) {
      subgraph(ids: $ids) {
        nodes {
          ...EntitySummary
        }
      }
    }
    ${ENTITY_SUMMARY}
  `,
};

/** Saves accepted candidates as one seed edit (or previews it, with `options.preview`). */
export const SAVE_DRAFT: Operation<{ saveDraft: SeedEdit }, { input: DraftSaveInput; options?: EditOptions | null }> = {
  name: 'SaveDraft',
  query: /* GraphQL */ `
    mutation SaveDraft($input: DraftSaveInput!, $options: EditOptions) {
      saveDraft(input: $input, options: $options) {
        ...SeedEditFields
      }
    }
    ${SEED_EDIT_FIELDS}
  `,
};
