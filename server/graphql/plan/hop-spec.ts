/** One way of following relations from an entity: which types, which direction, as of when. */
export interface HopSpec {
  types: string[] | null;
  dir: 'OUT' | 'IN' | 'BOTH';
  asOf: string | null;
}

/** A HopSpec with how many relations to keep per entity, as sent to expandLevels. */
export interface LevelSpec extends HopSpec {
  key: string;
  cap: number;
}

/** Canonical key: two selections that follow the same relations share one expansion. */
export function hopKey(spec: HopSpec): string {
  return JSON.stringify([spec.types ? [...spec.types].sort() : null, spec.dir, spec.asOf]);
}

/** The relation fields of concrete entity types, each a fixed hop. */
export const HOP_FIELDS: Record<string, Record<string, { types: string[]; dir: 'OUT' | 'IN'; single?: boolean }>> = {
  Country: { participatesIn: { types: ['PARTICIPATES_IN'], dir: 'OUT' } },
  Company: {
    headquarters: { types: ['HEADQUARTERED_IN'], dir: 'OUT', single: true },
    owners: { types: ['OWNS'], dir: 'IN' },
    owns: { types: ['OWNS'], dir: 'OUT' },
    founders: { types: ['FOUNDED_BY'], dir: 'OUT' },
  },
  App: { owner: { types: ['OWNS'], dir: 'IN', single: true } },
  Official: { servesIn: { types: ['HOLDS_OFFICE'], dir: 'OUT' } },
  Initiative: {
    proposedBy: { types: ['PROPOSED_BY'], dir: 'OUT' },
    participants: { types: ['PARTICIPATES_IN'], dir: 'IN' },
    counters: { types: ['COUNTERS'], dir: 'OUT' },
    counteredBy: { types: ['COUNTERS'], dir: 'IN' },
    excludes: { types: ['EXCLUDES'], dir: 'OUT' },
    parts: { types: ['PART_OF'], dir: 'IN' },
  },
  Organization: { members: { types: ['MEMBER_OF'], dir: 'IN' } },
  Infrastructure: { owners: { types: ['OWNS'], dir: 'IN' }, landings: { types: ['LANDS_IN'], dir: 'OUT' } },
  LegalAct: {
    issuedBy: { types: ['ISSUED_BY'], dir: 'OUT' },
    targets: { types: ['TARGETS'], dir: 'OUT' },
    revokes: { types: ['REVOKES'], dir: 'OUT' },
    revokedBy: { types: ['REVOKES'], dir: 'IN' },
    blockedBy: { types: ['BLOCKS'], dir: 'IN' },
  },
};
