/**
 * Colours for communities: categorical and colour-blind-safe (Okabe & Ito's eight, with black,
 * invisible on the dark canvas, replaced by a light grey). Community ids are ordered by size
 * (0 is the largest), so the largest eight get a colour of their own and the rest share one.
 */

export const COMMUNITY_PALETTE = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7', '#bbbbbb'] as const;

/** The colour shared by communities past the palette. */
export const OTHER_COMMUNITY_COLOR = '#6b7280';

/** The colour of community `id`. */
export function communityColor(id: number): string {
  return Number.isInteger(id) && id >= 0 && id < COMMUNITY_PALETTE.length ? COMMUNITY_PALETTE[id]! : OTHER_COMMUNITY_COLOR;
}

/** Whether community `id` has a colour of its own (else it is one of the "other communities"). */
export function hasOwnColor(id: number): boolean {
  return communityColor(id) !== OTHER_COMMUNITY_COLOR;
}
