/**
 * The inspector's "In the whole graph" block: an entity's PageRank, betweenness and degree
 * with where it ranks ("3rd of 128 by PageRank"), and its community.
 */
import type { RankedMetrics } from '../api/operations.ts';
import { formatMetric } from '../graph/appearance.ts';
import { communityColor } from '../graph/community-palette.ts';
import { rankWording } from '../graph/rank-wording.ts';
import { h } from './dom.ts';

/** The block, or a hint when the server has not computed metrics yet. */
export function metricsSection(metrics: RankedMetrics | null | undefined): HTMLElement {
  if (!metrics) return h('p', { class: 'hint metrics-missing' }, 'Centrality not computed yet (the next sync computes it).');
  const row = (label: string, value: string, rank: { position: number; of: number } | null) => [
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'metric-value' }, value), rank ? h('span', { class: 'metric-rank' }, rankWording(rank.position, rank.of, label)) : null),
  ];
  const swatch = h('span', { class: 'category-swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = communityColor(metrics.community);
  return h(
    'section',
    { class: 'insp-metrics', 'aria-label': 'In the whole graph' },
    h('h3', {}, 'In the whole graph'),
    h(
      'dl',
      { class: 'props' },
      row('PageRank', formatMetric(metrics.pageRank), metrics.pageRankRank),
      row('Betweenness', formatMetric(metrics.betweenness), metrics.betweennessRank),
      row('Degree', `${metrics.degree} (${metrics.inDegree} in, ${metrics.outDegree} out)`, metrics.degreeRank),
      h('dt', {}, 'Community'),
      h('dd', {}, swatch, ` ${metrics.community}`),
    ),
  );
}
