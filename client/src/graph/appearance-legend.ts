/**
 * What size and colour mean now, as data for the legend: a metric with the range in view, a
 * colour ramp with its ends, or the communities in view with their colours, counts and most
 * central member. Pure, so it is tested without a page.
 */
import { APPEARANCE_LABELS, formatMetric, metricValue } from './appearance.ts';
import type { AppearanceScales } from './appearance-scales.ts';
import { communityColor, hasOwnColor, OTHER_COMMUNITY_COLOR } from './community-palette.ts';
import { METRIC_RAMP, METRIC_SIZE, NO_VALUE_COLOR } from './metric-scales.ts';
import { NODE_SIZE } from './graph-style.ts';

type Data = Readonly<Record<string, unknown>>;

export interface SizeLegend {
  label: string;
  /** The values the smallest and largest nodes stand for (null: no range, e.g. same size). */
  min: string | null;
  max: string | null;
  /** Diameters drawn for min and max, for the two sample circles. */
  minSize: number;
  maxSize: number;
  note: string;
}

export interface CommunityItem {
  label: string;
  color: string;
  count: number;
}

export type ColorLegend =
  | { type: 'kind'; label: string; note: string }
  | { type: 'ramp'; label: string; min: string; max: string; stops: readonly string[]; note: string }
  | { type: 'categories'; label: string; items: CommunityItem[]; note: string };

export interface AppearanceLegend {
  size: SizeLegend;
  color: ColorLegend;
}

/** How many communities the legend lists by name before "other communities". */
export const LEGEND_COMMUNITIES = 8;

export function appearanceLegend(scales: AppearanceScales, nodes: readonly Data[]): AppearanceLegend {
  return { size: sizeLegend(scales), color: colorLegend(scales, nodes) };
}

function sizeLegend(scales: AppearanceScales): SizeLegend {
  const by = scales.appearance.size;
  if (by === 'uniform') return { label: APPEARANCE_LABELS.uniform, min: null, max: null, minSize: 14, maxSize: 14, note: 'Size stands for nothing.' };
  if (by === 'degree')
    return {
      label: 'Degree',
      min: String(NODE_SIZE.fromDegree),
      max: `${NODE_SIZE.toDegree}+`,
      minSize: NODE_SIZE.min / 2,
      maxSize: NODE_SIZE.max / 2,
      note: 'Relations in the whole graph.',
    };
  const domain = scales.sizeDomain;
  return {
    label: APPEARANCE_LABELS[by],
    min: domain ? formatMetric(domain.min) : null,
    max: domain ? formatMetric(domain.max) : null,
    minSize: METRIC_SIZE.min / 2,
    maxSize: METRIC_SIZE.max / 2,
    note: domain ? 'Area grows with the value; range of the entities in view.' : 'No entity in view has this metric yet.',
  };
}

function colorLegend(scales: AppearanceScales, nodes: readonly Data[]): ColorLegend {
  const by = scales.appearance.color;
  if (by === 'kind') return { type: 'kind', label: 'Kind', note: 'Colour and shape per kind, as listed under Kinds.' };
  if (by === 'community')
    return { type: 'categories', label: 'Community', items: communityItems(nodes), note: 'Louvain communities over the whole graph; 0 is the largest.' };
  const domain = scales.colorDomain;
  return {
    type: 'ramp',
    label: APPEARANCE_LABELS[by],
    min: domain ? formatMetric(domain.min) : '–',
    max: domain ? formatMetric(domain.max) : '–',
    stops: METRIC_RAMP,
    note: domain ? 'Range of the entities in view, low to high.' : 'No entity in view has this metric yet.',
  };
}

/** The communities in view, each named after its most central member in view (by PageRank). */
export function communityItems(nodes: readonly Data[]): CommunityItem[] {
  const groups = new Map<number, { count: number; top: Data }>();
  let noValue = 0;
  for (const data of nodes) {
    const id = data['community'];
    if (typeof id !== 'number') {
      noValue++;
      continue;
    }
    const group = groups.get(id);
    if (!group) groups.set(id, { count: 1, top: data });
    else {
      group.count++;
      if ((metricValue(data, 'pageRank') ?? 0) > (metricValue(group.top, 'pageRank') ?? 0)) group.top = data;
    }
  }
  const ids = [...groups.keys()].sort((a, b) => a - b);
  const own = ids.filter(hasOwnColor).slice(0, LEGEND_COMMUNITIES);
  const items: CommunityItem[] = own.map((id) => {
    const group = groups.get(id)!;
    const name = String(group.top['label'] ?? group.top['id'] ?? '');
    return { label: `${id} · ${name}${group.count > 1 ? ` +${group.count - 1}` : ''}`, color: communityColor(id), count: group.count };
  });
  const others = ids.filter((id) => !own.includes(id));
  if (others.length > 0)
    items.push({
      label: `${others.length} other ${others.length === 1 ? 'community' : 'communities'}`,
      color: OTHER_COMMUNITY_COLOR,
      count: others.reduce((sum, id) => sum + groups.get(id)!.count, 0),
    });
  if (noValue > 0) items.push({ label: 'not computed yet', color: NO_VALUE_COLOR, count: noValue });
  return items;
}
