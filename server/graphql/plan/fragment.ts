import { hopKey, type HopSpec } from './hop-spec.ts';

/** An entity as the API read it. */
export interface FragmentNode {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | null;
  seedFile: string | null;
  seedLine: number | null;
  degree: number;
  /** Every stored property, for kind-specific fields. */
  props: Record<string, unknown>;
}

export interface FragmentRel {
  elementId: string;
  key: string;
  type: string;
  from: string;
  to: string;
  since: string | null;
  until: string | null;
  confidence: string;
  evidenceOutlets: string[];
  evidenceQuotes: string[];
  evidenceUrls: string[];
  evidenceDates: string[];
  /** Per evidence 'supports' | 'disputes'; empty when all of it supports (nothing stored). */
  evidenceStances: string[];
  /** Per evidence the disputing entity ids, comma-joined ('' for none). */
  evidenceDisputedBy: string[];
  seedFile: string | null;
  seedLine: number | null;
  props: Record<string, unknown>;
}

interface Hop {
  total: number;
  rels: string[];
}

const REL_FIELDS = new Set([
  'elementId',
  'key',
  'type',
  'from',
  'to',
  'since',
  'until',
  'confidence',
  'evidenceOutlets',
  'evidenceQuotes',
  'evidenceUrls',
  'evidenceDates',
  'evidenceStances',
  'evidenceDisputedBy',
  'seedFile',
  'seedLine',
  'seedHash',
]);

/**
 * The result of one planned query: the entities and relations a GraphQL operation needs, and
 * for each expanded entity the relations of each hop. Resolvers read from it, never from Neo4j.
 */
export class Fragment {
  readonly nodes = new Map<string, FragmentNode>();
  readonly rels = new Map<string, FragmentRel>();
  private readonly hops = new Map<string, Hop>();

  constructor(readonly meta: Record<string, unknown>) {}

  static fromRecord(rec: {
    nodes: Array<Record<string, unknown>>;
    rels: Array<Record<string, unknown>>;
    hops: Array<{ n: string; spec: string; total: number; rels: string[] }>;
    meta: Record<string, unknown>;
  }): Fragment {
    const f = new Fragment(rec.meta ?? {});
    f.merge(rec);
    return f;
  }

  /** Adds another result (from a fallback query) to this one. */
  merge(rec: {
    nodes: Array<Record<string, unknown>>;
    rels: Array<Record<string, unknown>>;
    hops: Array<{ n: string; spec: string; total: number; rels: string[] }>;
  }): void {
    for (const n of rec.nodes) {
      const id = n.id as string;
      this.nodes.set(id, {
        id,
        kind: String(n.kind ?? 'Entity'),
        name: String(n.name ?? id),
        aliases: (n.aliases as string[] | undefined) ?? [],
        description: (n.description as string | undefined) ?? null,
        seedFile: (n.seedFile as string | undefined) ?? null,
        seedLine: (n.seedLine as number | undefined) ?? null,
        degree: Number(n.degree ?? 0),
        props: n,
      });
    }
    for (const r of rec.rels) {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r)) if (!REL_FIELDS.has(k)) props[k] = v;
      this.rels.set(r.elementId as string, {
        elementId: r.elementId as string,
        key: (r.key as string | undefined) ?? (r.elementId as string),
        type: r.type as string,
        from: r.from as string,
        to: r.to as string,
        since: (r.since as string | undefined) ?? null,
        until: (r.until as string | undefined) ?? null,
        confidence: (r.confidence as string | undefined) ?? 'high',
        evidenceOutlets: (r.evidenceOutlets as string[] | undefined) ?? [],
        evidenceQuotes: (r.evidenceQuotes as string[] | undefined) ?? [],
        evidenceUrls: (r.evidenceUrls as string[] | undefined) ?? [],
        evidenceDates: (r.evidenceDates as string[] | undefined) ?? [],
        evidenceStances: (r.evidenceStances as string[] | undefined) ?? [],
        evidenceDisputedBy: (r.evidenceDisputedBy as string[] | undefined) ?? [],
        seedFile: (r.seedFile as string | undefined) ?? null,
        seedLine: (r.seedLine as number | undefined) ?? null,
        props,
      });
    }
    for (const h of rec.hops) {
      // An entity can be reached at several levels with the same hop but a smaller cap; keep the fullest.
      const key = `${h.n}\u0000${h.spec}`;
      const have = this.hops.get(key);
      if (!have || have.rels.length < h.rels.length) this.hops.set(key, { total: h.total, rels: h.rels });
    }
  }

  /** The relations of `nodeId` for a hop, if this result expanded it with at least `need` kept. */
  hop(nodeId: string, spec: HopSpec, need: number): { total: number; rels: FragmentRel[] } | undefined {
    const h = this.hops.get(`${nodeId}\u0000${hopKey(spec)}`);
    if (!h || (h.rels.length < need && h.rels.length < h.total)) return undefined;
    return { total: h.total, rels: h.rels.map((id) => this.rels.get(id)).filter((r): r is FragmentRel => r !== undefined) };
  }

  node(id: string): FragmentNode | undefined {
    return this.nodes.get(id);
  }
}
