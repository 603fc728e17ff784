/**
 * Metric → node size and metric → colour. The range is that of the entities in view, so the
 * drawing uses its whole scale whatever part of the graph is open; the legend prints it.
 * Sizes are area-proportional (a node twice as central covers twice the area), which keeps
 * skewed metrics such as PageRank readable without hiding the small ones.
 */

export interface Domain {
  min: number;
  max: number;
}

/** Smallest and largest node diameter a metric maps to (px). */
export const METRIC_SIZE = { min: 16, max: 64 } as const;

/** Diameter of every node when size stands for nothing. */
export const UNIFORM_SIZE = 28;

/** Diameter of a node with no value for the metric. */
export const NO_VALUE_SIZE = 12;

/** Colour of a node with no value for the metric. */
export const NO_VALUE_COLOR = '#4a505c';

/**
 * A sequential colour-blind-safe ramp (viridis, from its blue quarter: its darkest purple
 * vanishes on the dark canvas), low to high.
 */
export const METRIC_RAMP = ['#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;

/** The range of the finite values, or null when there are none. */
export function domainOf(values: Iterable<number | null>): Domain | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : null;
}

/** Where `value` falls in `domain`, 0–1 (a domain of one value puts everything at the top). */
export function positionIn(value: number, domain: Domain): number {
  if (domain.max === domain.min) return 1;
  return Math.min(1, Math.max(0, (value - domain.min) / (domain.max - domain.min)));
}

/** The diameter for `value`: area grows linearly from METRIC_SIZE.min² to METRIC_SIZE.max². */
export function metricSize(value: number | null, domain: Domain | null, range: { min: number; max: number } = METRIC_SIZE): number {
  if (value === null || domain === null) return NO_VALUE_SIZE;
  const t = positionIn(value, domain);
  return Math.sqrt(range.min ** 2 + t * (range.max ** 2 - range.min ** 2));
}

/** The ramp's colour at `t` (0–1), interpolated between its stops. */
export function rampColor(t: number, ramp: readonly string[] = METRIC_RAMP): string {
  const x = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const a = hexToRgb(ramp[i]!);
  const b = hexToRgb(ramp[i + 1]!);
  const f = x - i;
  return rgbToHex(a.map((c, k) => c + (b[k]! - c) * f) as [number, number, number]);
}

/** The colour for `value` on the ramp over `domain`. */
export function metricColor(value: number | null, domain: Domain | null): string {
  if (value === null || domain === null) return NO_VALUE_COLOR;
  return rampColor(positionIn(value, domain));
}

/** A CSS gradient of the ramp, low on the left, for the legend. */
export function rampGradient(ramp: readonly string[] = METRIC_RAMP): string {
  return `linear-gradient(to right, ${ramp.join(', ')})`;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(rgb: readonly [number, number, number]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
