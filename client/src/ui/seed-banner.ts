/**
 * Where the seed files stand, above the graph: a dismissible banner listing every diagnostic
 * while the files do not validate (the graph keeps the last good version), and a quieter line
 * while the sync waits for Neo4j or the live connection is being re-established.
 */
import type { SeedStatus } from '../api/live-operations.ts';
import { h, replaceChildren } from './dom.ts';

/** What the banner shows, for the test hook. */
export interface SeedBannerState {
  /** 'invalid': the diagnostics banner is up; 'waiting': the quiet line for Neo4j. */
  shown: 'invalid' | 'waiting' | null;
  /** The user closed the banner for these diagnostics. */
  dismissed: boolean;
  diagnostics: string[];
  /** The quiet line's text, if any. */
  notice: string | null;
}

export class SeedBanner {
  private readonly banner = h('section', { class: 'seed-banner', role: 'alert', 'aria-labelledby': 'seed-banner-title', hidden: true });
  private readonly notice = h('div', { class: 'seed-notice', role: 'status', 'aria-live': 'polite', hidden: true });
  private status: SeedStatus | null = null;
  private connection: string | null = null;
  /** The diagnostics the user dismissed; a different set shows the banner again. */
  private dismissedKey: string | null = null;

  constructor(host: HTMLElement) {
    host.append(this.banner, this.notice);
  }

  get state(): SeedBannerState {
    const invalid = this.status?.state === 'INVALID';
    return {
      shown: invalid && !this.banner.hidden ? 'invalid' : this.status?.state === 'WAITING_FOR_DATABASE' ? 'waiting' : null,
      dismissed: invalid && this.dismissedKey === keyOf(this.status!),
      diagnostics: invalid ? this.status!.diagnostics.map((d) => d.text) : [],
      notice: this.notice.hidden ? null : this.notice.textContent,
    };
  }

  /** Shows the seed's status. */
  showStatus(status: SeedStatus): void {
    this.status = status;
    if (status.state !== 'INVALID') this.dismissedKey = null;
    this.render();
  }

  /** Shows (or, with null, clears) a line about the live connection. */
  showConnection(text: string | null): void {
    this.connection = text;
    this.render();
  }

  private dismiss(): void {
    if (this.status) this.dismissedKey = keyOf(this.status);
    this.render();
  }

  private render(): void {
    const status = this.status;
    const invalid = status?.state === 'INVALID' && this.dismissedKey !== keyOf(status);
    this.banner.hidden = !invalid;
    if (invalid && status) {
      const count = status.diagnostics.length;
      replaceChildren(
        this.banner,
        h(
          'div',
          { class: 'seed-banner-head' },
          h('h2', { id: 'seed-banner-title' }, count === 1 ? 'A seed file does not validate' : `The seed files do not validate (${count} problems)`),
          h('button', { class: 'btn small icon', type: 'button', 'aria-label': 'Dismiss', title: 'Dismiss', onclick: () => this.dismiss() }, '×'),
        ),
        h('p', {}, status.message ?? 'Nothing was loaded: the graph shows the last valid version until the files are fixed.'),
        h(
          'ul',
          { class: 'seed-diagnostics' },
          status.diagnostics.map((d) => h('li', {}, h('code', {}, d.text))),
        ),
      );
    }
    const lines: string[] = [];
    if (status?.state === 'WAITING_FOR_DATABASE') lines.push(status.message ?? 'The database is unreachable; seed changes will load when it is back.');
    if (this.connection) lines.push(this.connection);
    this.notice.hidden = lines.length === 0;
    this.notice.textContent = lines.join(' · ');
  }
}

function keyOf(status: SeedStatus): string {
  return status.diagnostics.map((d) => d.text).join('\n');
}
