/**
 * "Draft from article" (the toolbar button and the key I): opens the draft panel, where an
 * analyst turns a news article into seed facts — the server proposes (draftFromText, offline,
 * writing nothing), the analyst reviews, and the accepted ones are saved through the write API
 * (saveDraft), previewed as a diff like every edit. Selecting a candidate brings its entities
 * into view in the part of the graph the panel leaves free. Works on read-only servers too:
 * the preview then offers the patch as a download.
 */
import type { SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { Explorer } from '../../graph/explorer.ts';
import type { OntologyState } from '../../graph/ontology-state.ts';
import { selectOnly } from '../../graph/selection.ts';
import { areaBeside, fitViewInto } from '../../graph/viewport.ts';
import { byId, h } from '../../ui/dom.ts';
import type { Authoring } from '../authoring/authoring.ts';
import type { Feedback } from '../feedback.ts';
import type { KeyboardShortcuts } from '../keyboard-shortcuts.ts';
import { DraftReviewPanel } from './draft-review-panel.ts';

/** How long the entities of a selected candidate stay marked. */
const MARK_MS = 1600;

export class DraftFromArticle {
  private panel: DraftReviewPanel | null = null;
  readonly button: HTMLButtonElement;

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly explorer: Explorer,
    private readonly ontology: OntologyState,
    private readonly feedback: Pick<Feedback, 'report' | 'announce'>,
    private readonly authoring: Pick<Authoring, 'mode' | 'recordSaved'>,
    shortcuts: KeyboardShortcuts,
  ) {
    this.button = h(
      'button',
      {
        class: 'btn',
        type: 'button',
        'aria-expanded': 'false',
        title: 'Draft seed facts from a news article: review each, then save (I)',
        onclick: () => this.toggle(),
      },
      'Draft from article',
    );
    byId('toolbar-features').append(this.button);
    shortcuts.on(['i', 'I'], () => this.toggle());
  }

  get isOpen(): boolean {
    return this.panel?.isOpen ?? false;
  }

  toggle(): void {
    // Made on first use: by then the page knows whether this server saves edits.
    this.panel ??= new DraftReviewPanel({
      api: this.api,
      ontology: () => this.ontology.ontology,
      canWrite: () => this.authoring.mode === 'write',
      kindStyle: (kind) => this.ontology.kindStyle(kind),
      focus: (ids, relationId) => void this.bringIntoView(ids, relationId),
      onSaved: (edit) => this.saved(edit),
      onError: (error, action) => this.feedback.report(error, action),
      onToggle: (open) => this.button.setAttribute('aria-expanded', String(open)),
    });
    this.panel.toggle();
  }

  private saved(edit: SeedEdit): void {
    // The authoring feature's toast and "Undo last edit" cover a draft's save as any edit.
    this.authoring.recordSaved(edit);
  }

  /** Draws the candidate's existing entities (if they are not), fits them beside the panel, marks them. */
  private async bringIntoView(ids: string[], relationId: string | null): Promise<void> {
    const view = this.explorer.view;
    for (const id of ids) {
      if (view.has(id)) continue;
      const summary = view.cache.entities.get(id);
      await this.explorer.addEntity(summary ?? { id, kind: '', name: id, aliases: [], description: null, seedFile: null, seedLine: null, degree: 0 });
    }
    await this.explorer.run('Show the draft’s entities', async () => undefined, { quiet: true });
    const cy = view.cy;
    const nodes = cy.collection();
    for (const id of ids) nodes.merge(cy.getElementById(id));
    if (nodes.empty()) return;
    const relation = relationId ? cy.getElementById(relationId) : cy.collection();
    if (relation.nonempty()) selectOnly(cy, relationId!);
    fitViewInto(cy, nodes.union(relation), areaBeside(cy, this.panel?.isOpen ? this.panel.element : null), { padding: 60, maxZoom: 1.3 });
    nodes.addClass('new');
    setTimeout(() => nodes.removeClass('new'), MARK_MS);
  }
}
