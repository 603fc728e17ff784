/**
 * What node size and colour stand for, like Gephi Lite's appearance panel: size by degree (the
 * default), PageRank, betweenness or nothing; colour by kind (the default), community or a
 * metric. Plain data, part of the shareable view (`z=` and `c=` in the hash).
 */

export const SIZE_BY = ['degree', 'pageRank', 'betweenness', 'uniform'] as const;
export const COLOR_BY = ['kind', 'community', 'degree', 'pageRank', 'betweenness'] as const;

export type SizeBy = (typeof SIZE_BY)[number];
export type ColorBy = (typeof COLOR_BY)[number];
/** A metric a node carries in its data (see element-model.ts). */
export type NodeMetric = 'degree' | 'pageRank' | 'betweenness';

export interface Appearance {
  size: SizeBy;
  color: ColorBy;
}

export const DEFAULT_APPEARANCE: Appearance = { size: 'degree', color: 'kind' };

/** How each choice reads in the panel and the legend. */
export const APPEARANCE_LABELS: Readonly<Record<SizeBy | ColorBy, string>> = {
  degree: 'Degree',
  pageRank: 'PageRank',
  betweenness: 'Betweenness',
  uniform: 'Same size',
  kind: 'Kind',
  community: 'Community',
};

export function isSizeBy(value: string): value is SizeBy {
  return (SIZE_BY as readonly string[]).includes(value);
}

export function isColorBy(value: string): value is ColorBy {
  return (COLOR_BY as readonly string[]).includes(value);
}

export function isDefaultAppearance(appearance: Appearance): boolean {
  return appearance.size === DEFAULT_APPEARANCE.size && appearance.color === DEFAULT_APPEARANCE.color;
}

/** A metric's value in node data, or null when the entity has none (no sync computed it). */
export function metricValue(data: Readonly<Record<string, unknown>>, metric: NodeMetric): number | null {
  const value = data[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A metric value as the legend and inspector print it: integers whole, others to 3 digits. */
export function formatMetric(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(3)));
}
