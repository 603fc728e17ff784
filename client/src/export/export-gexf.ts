/**
 * GEXF export for Gephi (and Gephi Lite): the visible entities and relations as a directed
 * multigraph, written by graphology-gexf (its writer is plain JavaScript over xml-writer, so it
 * runs in the browser). Entities carry kind and metrics as node attributes, with their drawn
 * position and colour as `viz`; relations carry type, phrase, status, confidence, dates and
 * evidence counts as edge attributes.
 */
import { MultiDirectedGraph } from 'graphology';
import write from 'graphology-gexf/common/writer.js';
import { statusOf } from '../graph/relation-status.ts';
import type { ExportData } from './export-data.ts';

type Attrs = Record<string, string | number | boolean>;

export interface GexfDrawing {
  /** The drawn position of an entity. */
  position?(id: string): { x: number; y: number } | undefined;
  /** The drawn colour of an entity (CSS hex or rgb()). */
  color?(id: string): string | undefined;
  /** The drawn diameter of an entity. */
  size?(id: string): number | undefined;
}

/** The GEXF 1.3 document for `data`. Relations whose ends are not both in `data` are left out. */
export function buildGexf(data: ExportData, drawing: GexfDrawing = {}): string {
  const graph = new MultiDirectedGraph<Attrs, Attrs>();
  for (const e of data.entities) {
    const m = e.metrics ?? null;
    graph.addNode(e.id, {
      label: e.name,
      kind: e.kind,
      degree: e.degree,
      ...(m ? { inDegree: m.inDegree, outDegree: m.outDegree, pageRank: m.pageRank, betweenness: m.betweenness, community: m.community } : {}),
      ...(e.seedFile ? { seed: e.seedLine ? `${e.seedFile}:${e.seedLine}` : e.seedFile } : {}),
    });
  }
  for (const r of data.relations) {
    if (!graph.hasNode(r.from.id) || !graph.hasNode(r.to.id) || graph.hasEdge(r.id)) continue;
    graph.addDirectedEdgeWithKey(r.id, r.from.id, r.to.id, {
      label: r.phrase,
      type: r.type,
      status: statusOf(r),
      confidence: r.confidence,
      ...(r.since ? { since: r.since } : {}),
      ...(r.until ? { until: r.until } : {}),
      evidence: r.evidence.length,
      disputing: r.evidence.filter((ev) => ev.stance === 'DISPUTES').length,
    });
  }
  return write(graph, {
    version: '1.3',
    pretty: true,
    formatNode: (key, attributes) => {
      const { label, ...rest } = attributes;
      const position = drawing.position?.(key);
      const color = drawing.color?.(key);
      const size = drawing.size?.(key);
      const viz = { ...(position ? { x: position.x, y: -position.y } : {}), ...(color ? { color } : {}), ...(size ? { size } : {}) };
      return { label: String(label), attributes: rest, ...(Object.keys(viz).length > 0 ? { viz } : {}) };
    },
    formatEdge: (_key, attributes) => {
      const { label, ...rest } = attributes;
      return { label: String(label), attributes: rest };
    },
  });
}
