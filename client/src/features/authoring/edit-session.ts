/**
 * One form's conversation with the write API: previews as the fields change (debounced, the
 * latest answer wins), then a save against the preview's base versions. A stale base version
 * (CONFLICT) refreshes the preview and keeps the form; a refused edit places its diagnostics.
 * No DOM: the form renders what `onChange` reports.
 */
import type { GraphQLClient } from '../../api/graphql-client.ts';
import { ApiError } from '../../api/graphql-client.ts';
import type { EditDiagnostic, EditOptions, SeedEdit } from '../../api/authoring-operations.ts';
import { diagnosticsOf } from './diagnostic-fields.ts';

/** What to send: the mutation, called with the options (preview or not, base versions). */
export interface EditRequest {
  /** A stable text of the input, so a preview is known to match what would be saved. */
  key: string;
  /** The properties sent, in order (to name `properties[i]` in diagnostics). */
  propertyNames: readonly string[];
  run(api: Pick<GraphQLClient, 'request'>, options: EditOptions): Promise<SeedEdit>;
}

/** Where the session stands, for the form to render. */
export interface SessionState {
  phase: 'idle' | 'previewing' | 'ready' | 'invalid' | 'saving' | 'saved' | 'failed';
  /** The current preview (what a save would write). */
  preview: SeedEdit | null;
  diagnostics: EditDiagnostic[];
  propertyNames: readonly string[];
  /** A sentence for the status line above the diff. */
  message: string | null;
  /** The server refuses writes (FORBIDDEN): its reason. */
  forbidden: string | null;
}

/** The base versions a save must match: each file the preview changes that already exists. */
export function baseVersionsOf(preview: SeedEdit): Array<{ file: string; version: string }> {
  return preview.files.filter((f) => f.baseVersion !== null).map((f) => ({ file: f.file, version: f.baseVersion! }));
}

/** How long the fields must rest before a preview is asked for. */
const PREVIEW_DELAY_MS = 350;

export class EditSession {
  private request: EditRequest | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticket = 0;
  private previewKey: string | null = null;
  private current: SessionState = { phase: 'idle', preview: null, diagnostics: [], propertyNames: [], message: null, forbidden: null };

  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly onChange: (state: SessionState) => void,
    private readonly delayMs = PREVIEW_DELAY_MS,
  ) {}

  get state(): SessionState {
    return this.current;
  }

  /** The form changed: `request` is what it would send, or null with why it cannot be sent yet. */
  update(request: EditRequest | null, blocked: string | null = null): void {
    this.request = request;
    clearTimeout(this.timer);
    if (!request) {
      this.ticket++;
      this.previewKey = null;
      this.set({ phase: 'idle', preview: null, diagnostics: [], message: blocked });
      return;
    }
    if (request.key === this.previewKey && this.current.phase === 'ready') return;
    this.set({ phase: 'previewing', message: 'Computing the change…' });
    this.timer = setTimeout(() => void this.previewNow(), this.delayMs);
  }

  /** Asks for the preview of the current request now. */
  async previewNow(): Promise<void> {
    clearTimeout(this.timer);
    const request = this.request;
    if (!request) return;
    const ticket = ++this.ticket;
    try {
      const edit = await request.run(this.api, { preview: true });
      if (ticket !== this.ticket) return;
      this.previewKey = request.key;
      this.set({ phase: 'ready', preview: edit, diagnostics: [], propertyNames: request.propertyNames, message: edit.summary, forbidden: null });
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.previewKey = null;
      this.fail(error, request, null);
    }
  }

  /** Saves what the preview showed. Resolves with the applied edit, or null (the state says why). */
  async save(): Promise<SeedEdit | null> {
    const request = this.request;
    const preview = this.current.preview;
    if (!request) return null;
    if (!preview || this.previewKey !== request.key) {
      // The fields changed since the preview: show the new one first, then let the user save it.
      await this.previewNow();
      return null;
    }
    const ticket = ++this.ticket;
    this.set({ phase: 'saving', message: 'Saving…' });
    try {
      const edit = await request.run(this.api, { baseVersions: baseVersionsOf(preview) });
      if (ticket !== this.ticket) return null;
      this.set({ phase: 'saved', preview: edit, message: edit.summary });
      return edit;
    } catch (error) {
      if (ticket !== this.ticket) return null;
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const file = typeof error.errors[0]?.extensions?.['file'] === 'string' ? (error.errors[0].extensions['file'] as string) : 'a seed file';
        await this.previewNow();
        this.set({ message: `${file} changed on disk since the preview. The preview is refreshed with the file as it is now; check it and save again.` });
        return null;
      }
      this.fail(error, request, preview);
      return null;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.ticket++;
  }

  private fail(error: unknown, request: EditRequest, preview: SeedEdit | null): void {
    if (error instanceof ApiError && error.code === 'FORBIDDEN') {
      this.set({ phase: 'failed', preview: null, diagnostics: [], message: error.message, forbidden: error.message });
      return;
    }
    if (error instanceof ApiError && error.kind === 'graphql' && error.code !== 'INTERNAL_SERVER_ERROR') {
      const diagnostics = diagnosticsOf(error.errors);
      this.set({
        phase: 'invalid',
        preview,
        diagnostics,
        propertyNames: request.propertyNames,
        message: 'The seed would not validate with this change; nothing was written.',
      });
      return;
    }
    const message = error instanceof ApiError ? error.userMessage() : error instanceof Error ? error.message : String(error);
    this.set({ phase: 'failed', preview, diagnostics: [], message });
  }

  private set(change: Partial<SessionState>): void {
    this.current = { ...this.current, ...change };
    this.onChange(this.current);
  }
}
