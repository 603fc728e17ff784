/**
 * The shareable view in the URL hash: which entities are drawn (with rounded positions while
 * the link stays short), pinned ones, the selection, the filters, the date and the layout.
 * `#e=clean-network@0,0;huawei@140,-60&p=huawei&s=huawei&k=Outlet&t=OWNS&d=2021-06-10&l=fcose&c=2021-01-01`
 * (+ `x=1` only contested relations, `z=` size by and `h=` colour by, see appearance.ts)
 */
import { isIsoDay } from './as-of-date.ts';
import { DEFAULT_APPEARANCE, isColorBy, isSizeBy, type Appearance } from './appearance.ts';
import { NO_FILTERS, type FilterState } from './filters.ts';
import { isLayoutName, type LayoutName } from './layouts.ts';

export interface ViewState {
  entities: Array<{ id: string; x?: number; y?: number }>;
  pinned: string[];
  /** Selected entity or relation id. */
  selected: string | null;
  filters: FilterState;
  layout: LayoutName;
  /** The second date of "what changed" (YYYY-MM-DD), when it is shown. */
  compare?: string | null;
  /** What node size and colour stand for (absent: the default, degree and kind). */
  appearance?: Appearance;
}

/** Above this many entities positions are left out, to keep links short. @default 400 */
export const MAX_POSITIONED_ENTITIES = 400;

const LIST = ';';

/** The hash (without `#`) for a view state. */
export function encodeViewState(state: ViewState): string {
  const withPositions = state.entities.length <= MAX_POSITIONED_ENTITIES;
  const parts: string[] = [];
  const entities = state.entities.map((e) =>
    withPositions && e.x !== undefined && e.y !== undefined ? `${enc(e.id)}@${Math.round(e.x)},${Math.round(e.y)}` : enc(e.id),
  );
  parts.push(`e=${entities.join(LIST)}`);
  if (state.pinned.length > 0) parts.push(`p=${state.pinned.map(enc).join(LIST)}`);
  if (state.selected) parts.push(`s=${enc(state.selected)}`);
  if (state.filters.hiddenKinds.length > 0) parts.push(`k=${state.filters.hiddenKinds.map(enc).join(LIST)}`);
  if (state.filters.hiddenTypes.length > 0) parts.push(`t=${state.filters.hiddenTypes.map(enc).join(LIST)}`);
  if (state.filters.asOf) parts.push(`d=${state.filters.asOf}`);
  if (!state.filters.hideStranded) parts.push('o=0');
  if (state.filters.contestedOnly) parts.push('x=1');
  if (state.appearance && state.appearance.size !== DEFAULT_APPEARANCE.size) parts.push(`z=${state.appearance.size}`);
  if (state.appearance && state.appearance.color !== DEFAULT_APPEARANCE.color) parts.push(`h=${state.appearance.color}`);
  if (state.layout !== 'fcose') parts.push(`l=${state.layout}`);
  if (state.compare) parts.push(`c=${state.compare}`);
  return parts.join('&');
}

/**
 * The view state in a hash (with or without `#`), or null if it holds none. Malformed parts
 * are dropped rather than failing the whole link.
 */
export function decodeViewState(hash: string): ViewState | null {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text) return null;
  const params = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const e = params.get('e');
  if (e === undefined) return null;

  const entities: ViewState['entities'] = [];
  const seen = new Set<string>();
  for (const item of split(e)) {
    const match = /^(.*)@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(item);
    const id = dec(match ? match[1]! : item);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    entities.push(match ? { id, x: Number(match[2]), y: Number(match[3]) } : { id });
  }
  const date = params.get('d') ?? null;
  const layout = params.get('l') ?? 'fcose';
  const compare = params.get('c') ?? null;
  return {
    entities,
    pinned: split(params.get('p'))
      .map(dec)
      .filter((id) => seen.has(id)),
    selected: params.has('s') ? dec(params.get('s') ?? '') || null : null,
    filters: {
      hiddenKinds: split(params.get('k')).map(dec).filter(Boolean),
      hiddenTypes: split(params.get('t')).map(dec).filter(Boolean),
      asOf: date && isIsoDay(date) ? date : null,
      hideStranded: params.get('o') !== '0' && NO_FILTERS.hideStranded,
      ...(params.get('x') === '1' ? { contestedOnly: true } : {}),
    },
    layout: isLayoutName(layout) ? layout : 'fcose',
    ...(compare && isIsoDay(compare) ? { compare } : {}),
    ...(params.has('z') || params.has('h') ? { appearance: decodeAppearance(params.get('z') ?? '', params.get('h') ?? '') } : {}),
  };
}

/** Size and colour choices of a link; an unknown one falls back to the default. */
function decodeAppearance(size: string, color: string): Appearance {
  return { size: isSizeBy(size) ? size : DEFAULT_APPEARANCE.size, color: isColorBy(color) ? color : DEFAULT_APPEARANCE.color };
}

function split(value: string | undefined): string[] {
  return value ? value.split(LIST).filter((s) => s.length > 0) : [];
}

/** Encodes an id for the hash; `@`, `,`, `;`, `&`, `=` and `%` never appear raw. */
function enc(id: string): string {
  return encodeURIComponent(id).replace(/%7C/g, '|');
}

function dec(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
