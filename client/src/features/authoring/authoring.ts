/**
 * Authoring in the explorer: every fact added, changed or retracted here is an edit of the seed
 * files, previewed as a diff before it is saved, and loaded into every open explorer by the
 * live sync (the graph is not changed here: it updates when the sync announces the change).
 *
 * Owns the authoring tools in the top bar (#authoring-slot: Add entity, Draw relations, Undo
 * last edit), the entity menu's and the inspector's authoring actions, the key R (add a relation
 * from the selection), and the toasts that confirm a save and offer to undo it. Asks the server
 * once whether this page may write: if not, the tools stay hidden — or, where the server still
 * previews edits, the forms offer "Download this change as a patch" instead of Save.
 */
import { APPLY_SEED_PATCH, AUTHORING_INFO, REMOVE_ENTITY, RETRACT_RELATION, type SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import { ENTITY_DETAIL } from '../../api/operations.ts';
import type { GraphView } from '../../graph/graph-view.ts';
import type { OntologyState } from '../../graph/ontology-state.ts';
import type { MenuItem } from '../../ui/context-menu.ts';
import { byId, h } from '../../ui/dom.ts';
import { showToast } from '../../ui/toasts.ts';
import type { Feedback } from '../feedback.ts';
import type { InspectorWiring } from '../inspector-wiring.ts';
import type { KeyboardShortcuts } from '../keyboard-shortcuts.ts';
import { AuthoringDialog } from './authoring-dialog.ts';
import { openConfirmEdit } from './confirm-edit.ts';
import { DrawRelations } from './draw-relations.ts';
import { EditHistory } from './edit-history.ts';
import { editToken } from './edit-token.ts';
import { editToastText } from './edit-summary.ts';
import { openAddEntity, openEditEntity } from './entity-form.ts';
import { openAddRelation, openEditRelation, type RelationEnd, type RelationFormContext } from './relation-form.ts';
import { reverseSeedDiff } from './reverse-patch.ts';

/** What this page may do: write, only preview (and download patches), or nothing. */
export type AuthoringMode = 'write' | 'propose' | 'off';

export class Authoring {
  private modeNow: AuthoringMode = 'off';
  private reason: string | null = null;
  readonly history = new EditHistory();
  private readonly draw: DrawRelations;
  private readonly slot = byId('authoring-slot');
  private readonly undoButton: HTMLButtonElement;
  private readonly drawButton: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly signIn: HTMLButtonElement;
  private tokenRequired = false;

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly view: GraphView,
    private readonly ontology: OntologyState,
    private readonly feedback: Pick<Feedback, 'report' | 'announce'>,
    private readonly inspector: Pick<InspectorWiring, 'addButtons' | 'refresh'>,
    shortcuts: KeyboardShortcuts,
  ) {
    this.draw = new DrawRelations(
      view,
      () => ontology.ontology.relationTypes,
      (from, to) => this.addRelation(from, to),
    );
    this.drawButton = h(
      'button',
      {
        class: 'btn',
        type: 'button',
        'aria-pressed': 'false',
        title: 'Draw relations: drag from one entity to another (entities do not move while this is on)',
        onclick: () => this.draw.toggle(),
      },
      'Draw relations',
    );
    this.draw.subscribe((on) => {
      this.drawButton.setAttribute('aria-pressed', String(on));
      feedback.announce(on ? 'Drawing relations: drag from one entity to another.' : 'Drawing relations is off.');
    });
    this.undoButton = h('button', { class: 'btn', type: 'button', disabled: true, onclick: () => this.undoLast() }, 'Undo last edit');
    this.badge = h('span', { class: 'badge readonly', hidden: true }, 'read-only');
    this.signIn = h(
      'button',
      {
        class: 'btn',
        type: 'button',
        hidden: true,
        title: 'This server saves edits only with its edit token (SPLINTERNET_EDIT_TOKEN)',
        onclick: () => this.askToken(),
      },
      'Enter edit token',
    );
    this.slot.append(
      h('button', { class: 'btn', type: 'button', title: 'Add an entity to the seed files', onclick: () => this.addEntity() }, 'Add entity'),
      this.drawButton,
      this.undoButton,
      this.badge,
      this.signIn,
    );
    this.history.subscribe(() => this.updateUndo());
    this.slot.hidden = true;

    shortcuts.onEntity(['r', 'R'], (id) => {
      if (this.modeNow !== 'off') this.addRelation(id);
    });
    inspector.addButtons((kind, id) => this.inspectorButtons(kind, id));
  }

  /** Asks the server whether this page may write, and shows the tools that fit. */
  async start(): Promise<void> {
    try {
      const { authoring } = await this.api.request(AUTHORING_INFO, {});
      this.reason = authoring.reason;
      this.tokenRequired = authoring.tokenRequired;
      this.modeNow = authoring.enabled ? 'write' : authoring.previews ? 'propose' : 'off';
    } catch (error) {
      // An older server without the write API: no authoring, and no error for the user.
      this.modeNow = 'off';
      this.reason = error instanceof Error ? error.message : String(error);
    }
    this.slot.hidden = this.modeNow === 'off';
    this.undoButton.hidden = this.modeNow !== 'write';
    this.badge.hidden = this.modeNow !== 'propose';
    this.signIn.hidden = !this.tokenRequired;
    this.badge.title = `This server does not save changes here (${this.reason ?? 'read-only'}); the forms offer the change as a patch to download.`;
    this.inspector.refresh();
  }

  /** Asks for the server's edit token, keeps it for this tab, and asks the server again. */
  private askToken(): void {
    const dialog = new AuthoringDialog('Edit token');
    const input = h('input', { type: 'password', id: 'edit-token-input', autocomplete: 'off', required: true }) as HTMLInputElement;
    const note = h(
      'p',
      { class: 'field-hint', 'aria-live': 'polite' },
      'The server saves edits only from people who have its SPLINTERNET_EDIT_TOKEN. It is kept for this tab only.',
    );
    const submit = async (e: Event) => {
      e.preventDefault();
      editToken.set(input.value.trim());
      await this.start();
      if (this.modeNow === 'write') {
        dialog.close();
        this.feedback.announce('Edit token accepted: edits are saved.');
        return;
      }
      editToken.set(null);
      note.textContent = `The server refused the token: ${this.reason ?? 'writes are refused'}.`;
      input.select();
    };
    dialog.body.append(
      h(
        'form',
        { class: 'edit-token-form', onsubmit: (e: Event) => void submit(e) },
        h('label', { for: 'edit-token-input' }, 'Edit token'),
        input,
        note,
        h(
          'div',
          { class: 'form-actions' },
          h('button', { class: 'btn primary', type: 'submit' }, 'Use token'),
          h('button', { class: 'btn', type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        ),
      ),
    );
    dialog.focusFirst(input);
  }

  get mode(): AuthoringMode {
    return this.modeNow;
  }

  get drawing(): boolean {
    return this.draw.enabled;
  }

  /** The entity menu's authoring items. */
  menuItems(id: string): MenuItem[] {
    if (this.modeNow === 'off') return [];
    return [
      { label: 'Add relation…', shortcut: 'R', run: () => this.addRelation(id) },
      { label: 'Edit entity…', run: () => void this.editEntity(id) },
      { label: 'Remove entity…', run: () => this.removeEntity(id) },
    ];
  }

  /** Opens the relation form from `fromId` (to `toId` when drawn). */
  addRelation(fromId: string, toId?: string): void {
    const from = this.end(fromId);
    if (!from) return;
    const to = toId ? this.end(toId) : undefined;
    openAddRelation(this.relationContext(), from, to);
  }

  addEntity(kind?: string): void {
    openAddEntity({ api: this.api, ontology: this.ontology.ontology, canWrite: this.canWrite, onSaved: (edit) => this.saved(edit) }, kind);
  }

  async editEntity(id: string): Promise<void> {
    try {
      const { entity } = await this.api.request(ENTITY_DETAIL, { id, first: 1 });
      if (!entity) throw new Error(`“${id}” is no longer in the graph`);
      openEditEntity({ api: this.api, ontology: this.ontology.ontology, canWrite: this.canWrite, onSaved: (edit) => this.saved(edit) }, entity);
    } catch (error) {
      this.feedback.report(error, 'Edit entity');
    }
  }

  editRelation(id: string): void {
    const relation = this.view.cache.relations.get(id);
    if (relation) openEditRelation(this.relationContext(), relation);
  }

  retractRelation(id: string): void {
    const r = this.view.cache.relations.get(id);
    if (!r) return;
    const claim = `${this.end(r.from.id)?.name ?? r.from.id} ${r.phrase} ${this.end(r.to.id)?.name ?? r.to.id}`;
    openConfirmEdit({
      api: this.api,
      canWrite: this.canWrite,
      title: 'Retract relation',
      lead: `Retract “${claim}”: its lines are removed from ${r.seedFile ?? 'its seed file'}. Git keeps the history.`,
      saveLabel: 'Retract',
      request: { key: `retract:${id}`, propertyNames: [], run: async (api, options) => (await api.request(RETRACT_RELATION, { id, options })).retractRelation },
      onSaved: (edit) => this.saved(edit),
    });
  }

  removeEntity(id: string): void {
    const name = this.end(id)?.name ?? id;
    openConfirmEdit({
      api: this.api,
      canWrite: this.canWrite,
      title: `Remove ${name}`,
      lead: `Remove “${name}” from the seed files. The server refuses while relations (or evidence) still use it, and names them: retract those first.`,
      saveLabel: 'Remove entity',
      request: { key: `remove:${id}`, propertyNames: [], run: async (api, options) => (await api.request(REMOVE_ENTITY, { id, options })).removeEntity },
      onSaved: (edit) => this.saved(edit),
    });
  }

  /** Offers to revert the newest edit saved from this page: its reverse diff, previewed, then applied. */
  undoLast(edit: SeedEdit | undefined = this.history.last): void {
    if (!edit || this.modeNow !== 'write') return;
    let patch: string;
    try {
      patch = reverseSeedDiff(edit.diff);
    } catch (error) {
      this.feedback.report(error, 'Undo edit');
      return;
    }
    openConfirmEdit({
      api: this.api,
      canWrite: true,
      title: 'Undo edit',
      lead: `Revert “${edit.summary}”: the reverse of what it wrote. Refused if the files have changed since.`,
      saveLabel: 'Revert',
      request: {
        key: `undo:${patch}`,
        propertyNames: [],
        run: async (api, options) => (await api.request(APPLY_SEED_PATCH, { patch, options })).applySeedPatch,
      },
      onSaved: (undo) => {
        this.history.remove(edit);
        showToast(editToastText({ ...undo, summary: `Reverted ${edit.summary}` }), 'success');
      },
    });
  }

  private get canWrite(): boolean {
    return this.modeNow === 'write';
  }

  private relationContext(): RelationFormContext {
    return {
      api: this.api,
      ontology: this.ontology.ontology,
      canWrite: this.canWrite,
      kindStyle: (kind) => this.ontology.kindStyle(kind),
      entity: (id) => this.end(id),
      onSaved: (edit) => this.saved(edit),
    };
  }

  private end(id: string): RelationEnd | undefined {
    const e = this.view.cache.entities.get(id);
    return e ? { id: e.id, kind: e.kind, name: e.name } : undefined;
  }

  /** An edit saved elsewhere (a draft's saveDraft): toasted and undoable like the forms' own. */
  recordSaved(edit: SeedEdit): void {
    this.saved(edit);
  }

  private saved(edit: SeedEdit): void {
    this.history.push(edit);
    const text = editToastText(edit);
    this.feedback.announce(text);
    showToast(text, 'success', { ms: 12_000, actions: [{ label: 'Undo', run: () => this.undoLast(edit) }] });
  }

  private updateUndo(): void {
    const last = this.history.last;
    this.undoButton.disabled = !last;
    this.undoButton.title = last ? `Undo: ${last.summary}` : 'Nothing to undo yet';
  }

  private inspectorButtons(kind: 'entity' | 'relation', id: string): HTMLElement[] {
    if (this.modeNow === 'off') return [];
    const button = (label: string, run: () => void, title?: string, danger = false) =>
      h('button', { class: `btn small${danger ? ' danger' : ''}`, type: 'button', onclick: run, ...(title ? { title } : {}) }, label);
    if (kind === 'entity') {
      return [
        button('Add relation', () => this.addRelation(id), 'Add a relation from this entity (R)'),
        button('Edit', () => void this.editEntity(id)),
        button('Remove', () => this.removeEntity(id), 'Remove this entity from the seed files', true),
      ];
    }
    return [
      button('Edit', () => this.editRelation(id)),
      button('Retract relation', () => this.retractRelation(id), 'Remove this relation from its seed file', true),
    ];
  }
}
