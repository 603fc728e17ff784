/**
 * The ontology and the counts the explorer started with, and the styles derived from them
 * (colour and shape per kind, colour per relation type). One instance is shared by the graph
 * and every panel, so a later change of ontology has one place to land.
 */
import type { Ontology, Stats } from '../api/operations.ts';
import { kindStylesFrom, typeColorsFrom, type KindStyles } from './element-model.ts';

/** The style of an entity whose kind the ontology does not name. */
const FALLBACK_KIND_STYLE = { color: '#8c8c8c', shape: 'ellipse' } as const;

export class OntologyState {
  readonly kindStyles: KindStyles;
  /** Colour per relation type (see typeColorsFrom). */
  readonly typeColors: ReadonlyMap<string, string>;

  constructor(
    readonly ontology: Ontology,
    readonly stats: Stats,
  ) {
    this.kindStyles = kindStylesFrom(ontology.kinds);
    this.typeColors = typeColorsFrom(ontology.relationTypes);
  }

  /** Colour and shape of a kind (grey circle for a kind the ontology does not know). */
  kindStyle(kind: string): { color: string; shape: string } {
    return this.kindStyles.get(kind) ?? FALLBACK_KIND_STYLE;
  }
}
