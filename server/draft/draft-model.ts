/** What a draft is made of; the shapes of sdl/draft.graphql, independent of GraphQL. */

/** UTF-16 offsets into the text the draft read (for HTML: the text extracted from it). */
export interface TextSpan {
  start: number;
  end: number;
}

export interface DraftSentence {
  index: number;
  span: TextSpan;
  text: string;
}

export type MentionResolution = 'NAME' | 'ALIAS' | 'INFLECTION' | 'TYPO' | 'REFERENCE' | 'NEW' | 'AMBIGUOUS';

export interface DraftMention {
  text: string;
  span: TextSpan;
  sentence: number;
  resolution: MentionResolution;
  /** The entity (known, or a proposed DraftEntity id); null when AMBIGUOUS. */
  entityId: string | null;
  candidates: string[];
  explanation: string;
  /** The kind of `entityId` (internal: relation candidates check the ontology's ends with it). */
  kind: string | null;
  /** Ends in a possessive ("Bytedance’s"): the possessor of what follows. */
  possessive: boolean;
  /** Part of a description that means something else ("U.S." in "the U.S. plan"): no relation end. */
  modifier?: boolean;
}

export interface DraftProperty {
  name: string;
  value: string;
}

export interface DraftEntity {
  id: string;
  kind: string;
  name: string;
  properties: DraftProperty[];
  confidence: number;
  mentions: number[];
  /** Why this kind: "title 'Culture Secretary' before a person's name". */
  reason: string;
}

export interface KnownRelationRef {
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
  date: string | null;
  url: string | null;
  known: KnownRelationRef | null;
  /** Relation properties the text gives (HOLDS_OFFICE's role). */
  properties: DraftProperty[];
}

export interface Draft {
  sentences: DraftSentence[];
  mentions: DraftMention[];
  entities: DraftEntity[];
  relations: DraftRelation[];
  yaml: string;
  warnings: string[];
}
