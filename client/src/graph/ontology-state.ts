/**
 * The ontology and the counts the explorer started with, and the styles derived from them
 * (colour and shape per kind, colour per relation type). One instance is shared by the graph
 * and every panel, so a later change of ontology has one place to land.
 */
import type { KindInfo, Ontology, Stats } from '../api/operations.ts';
import { kindStylesFrom, typeColorsFrom } from './element-model.ts';

/** The style of an entity whose kind the ontology does not name. */
const FALLBACK_KIND_STYLE = { color: '#8c8c8c', shape: 'ellipse' } as const;

export class OntologyState {
  private readonly styles = new Map<string, Pick<KindInfo, 'color' | 'shape'>>();
  private readonly colors = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly ontology: Ontology,
    readonly stats: Stats,
  ) {
    this.derive();
  }

  /** Colour and shape per kind. The same map for the page's life: `replace` refills it. */
  get kindStyles(): ReadonlyMap<string, Pick<KindInfo, 'color' | 'shape'>> {
    return this.styles;
  }

  /** Colour per relation type (see typeColorsFrom); refilled by `replace`. */
  get typeColors(): ReadonlyMap<string, string> {
    return this.colors;
  }

  /**
   * Takes a new ontology and counts (the seed changed). They are written into the objects every
   * panel already holds, so each sees them on its next render; listeners then redraw.
   */
  replace(ontology: Ontology, stats: Stats): void {
    Object.assign(this.ontology, ontology);
    Object.assign(this.stats, stats);
    this.derive();
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` after `replace`. */
  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Colour and shape of a kind (grey circle for a kind the ontology does not know). */
  kindStyle(kind: string): { color: string; shape: string } {
    return this.styles.get(kind) ?? FALLBACK_KIND_STYLE;
  }

  private derive(): void {
    this.styles.clear();
    for (const [kind, style] of kindStylesFrom(this.ontology.kinds)) this.styles.set(kind, style);
    this.colors.clear();
    for (const [type, color] of typeColorsFrom(this.ontology.relationTypes)) this.colors.set(type, color);
  }
}
