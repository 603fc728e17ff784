/**
 * The time reads (server/graphql/sdl/timeline.graphql): the whole graph's starts and ends per
 * year, for the histogram above the "as of" slider, and what changed between two dates.
 */
import type { Operation } from './graphql-client.ts';
import { ENTITY_SUMMARY, RELATION_FIELDS, type EntitySummary, type IsoDate, type Relation } from './operations.ts';

export interface TimelineBucket {
  /** The year, YYYY. */
  period: string;
  started: number;
  ended: number;
}

export interface Timeline {
  buckets: TimelineBucket[];
  undated: number;
}

export const TIMELINE: Operation<{ timeline: Timeline }, Record<string, never>> = {
  name: 'Timeline',
  query: /* GraphQL */ `
    query Timeline {
      timeline {
        undated
        buckets {
          period
          started
          ended
        }
      }
    }
  `,
};

export interface RelationChanges {
  from: IsoDate;
  to: IsoDate;
  appeared: Relation[];
  ended: Relation[];
  nodes: EntitySummary[];
  truncated: boolean;
}

/** The relations of the whole graph that began and ended between two days, with their ends. */
export const CHANGES: Operation<{ changes: RelationChanges }, { from: IsoDate; to: IsoDate; first?: number }> = {
  name: 'Changes',
  query: /* GraphQL */ `
    query Changes($from: Date!, $to: Date!, $first: Int) {
      changes(from: $from, to: $to, first: $first) {
        from
        to
        truncated
        appeared {
          ...RelationFields
        }
        ended {
          ...RelationFields
        }
        nodes {
          ...EntitySummary
        }
      }
    }
    ${ENTITY_SUMMARY}
    ${RELATION_FIELDS}
  `,
};
