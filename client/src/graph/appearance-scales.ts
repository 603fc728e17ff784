/**
 * The size and colour every node gets under an appearance, from the nodes in view: the metric
 * ranges are taken over them (metric-scales.ts), then each node's data maps to a diameter and a
 * colour. Pure: the feature hands it node data and asks per node.
 */
import { metricValue, type Appearance, type NodeMetric } from './appearance.ts';
import { communityColor } from './community-palette.ts';
import { domainOf, metricColor, metricSize, UNIFORM_SIZE, type Domain } from './metric-scales.ts';
import { nodeDiameter } from './graph-style.ts';

type Data = Readonly<Record<string, unknown>>;

export interface AppearanceScales {
  readonly appearance: Appearance;
  /** The range of the size metric over the nodes in view (null: none has it, or no metric). */
  readonly sizeDomain: Domain | null;
  /** The range of the colour metric over the nodes in view. */
  readonly colorDomain: Domain | null;
  size(data: Data): number;
  color(data: Data): string;
}

/** The scales for `appearance` over the data of the nodes in view. */
export function appearanceScales(appearance: Appearance, nodes: readonly Data[]): AppearanceScales {
  const sizeMetric = appearance.size === 'pageRank' || appearance.size === 'betweenness' ? appearance.size : null;
  const colorMetric: NodeMetric | null = appearance.color === 'kind' || appearance.color === 'community' ? null : appearance.color;
  const sizeDomain = sizeMetric ? domainOf(nodes.map((d) => metricValue(d, sizeMetric))) : null;
  const colorDomain = colorMetric ? domainOf(nodes.map((d) => metricValue(d, colorMetric))) : null;
  return {
    appearance,
    sizeDomain,
    colorDomain,
    size(data) {
      if (appearance.size === 'uniform') return UNIFORM_SIZE;
      // Degree keeps the fixed scale of the default stylesheet, so switching colour alone changes no size.
      if (sizeMetric === null) return nodeDiameter(metricValue(data, 'degree') ?? 0);
      return metricSize(metricValue(data, sizeMetric), sizeDomain);
    },
    color(data) {
      if (appearance.color === 'kind') return typeof data['color'] === 'string' ? data['color'] : '#8c8c8c';
      if (appearance.color === 'community') {
        const community = data['community'];
        return typeof community === 'number' ? communityColor(community) : metricColor(null, null);
      }
      return metricColor(metricValue(data, colorMetric!), colorDomain);
    },
  };
}

/** Whether two scales draw the same (so nothing needs restyling). */
export function sameScales(a: AppearanceScales | null, b: AppearanceScales): boolean {
  return (
    a !== null &&
    a.appearance.size === b.appearance.size &&
    a.appearance.color === b.appearance.color &&
    sameDomain(a.sizeDomain, b.sizeDomain) &&
    sameDomain(a.colorDomain, b.colorDomain)
  );
}

function sameDomain(a: Domain | null, b: Domain | null): boolean {
  return a === b || (a !== null && b !== null && a.min === b.min && a.max === b.max);
}
