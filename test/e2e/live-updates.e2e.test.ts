/**
 * Live updates in a real browser against the real server, with the `seedEvents` stream played
 * by the test: the page's SSE requests are answered from a queue of seed events (each answer
 * ends the stream, so the client also reconnects between them). What it checks is the client's
 * side: the banner of diagnostics and its dismissal, the quiet notice, an in-place update that
 * is marked, announced and not undoable, and an undo that does not bring back a retracted
 * relation. The seed files on disk → open page path is server/live's, tested with it.
 */
import type { Browser, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphChange, SeedEvent, SeedStatus } from '../../client/src/api/live-operations.ts';
import { GRAPHQL_ROUTE, operationNameOf, idle, launchBrowser, newAppPage, openApp, screenshot, type AppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.page.context().close();
});

const status = (
  version: string,
  state: SeedStatus['state'] = 'SYNCED',
  diagnostics: SeedStatus['diagnostics'] = [],
  message: string | null = null,
): SeedStatus => ({
  version,
  state,
  diagnostics,
  message,
  watching: true,
});

/** Plays the seed stream: answers each SSE request with the queued events, or the last status. */
async function playSeedStream(page: AppPage['page']) {
  const queue: SeedEvent[] = [];
  let current: SeedEvent = { status: status('v1'), change: null };
  const sse = (events: SeedEvent[]) =>
    events.map((e) => `event: next\ndata: ${JSON.stringify({ data: { seedEvents: e } })}\n\n`).join('') + 'event: complete\ndata:\n\n';
  await page.route(GRAPHQL_ROUTE, async (route: Route) => {
    const request = route.request();
    if (request.headers().accept === 'text/event-stream') {
      const events = queue.length > 0 ? queue.splice(0) : [{ status: current.status, change: null }];
      current = events.at(-1)!;
      return route.fulfill({ status: 200, contentType: 'text/event-stream', body: sse(events) });
    }
    if (operationNameOf(request) === 'SeedStatus')
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ data: { seedStatus: status('v1') } }) });
    return route.continue();
  });
  return { push: (event: SeedEvent) => queue.push(event) };
}

const seed = (page: AppPage['page']) => page.evaluate(() => window.__splinternet!.state.seed);

describe('live updates', () => {
  it('shows every diagnostic of invalid seed files until dismissed or fixed, and updates the open view in place', async () => {
    app = await newAppPage(browser);
    const stream = await playSeedStream(app.page);
    await openApp(app.page, base);
    await app.page.waitForFunction(() => window.__splinternet!.state.seed.version === 'v1');

    const diagnostics = [
      { file: 'seed/data/uk.yaml', line: 12, column: 5, message: 'unknown entity "huaweii"', text: 'seed/data/uk.yaml:12:5: unknown entity "huaweii"' },
      { file: 'seed/data/uk.yaml', line: 20, column: 3, message: 'since: not a date', text: 'seed/data/uk.yaml:20:3: since: not a date' },
    ];
    stream.push({ status: status('v1', 'INVALID', diagnostics), change: null });
    const banner = app.page.locator('.seed-banner');
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner.locator('li').allInnerTexts()).toEqual(diagnostics.map((d) => d.text));
    await screenshot(app.page, 'live-01-invalid-banner');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await banner.isVisible()).toBe(false);
    expect((await seed(app.page)).banner).toMatchObject({ dismissed: true, diagnostics: diagnostics.map((d) => d.text) });
    // The same problems again stay dismissed; the graph is untouched.
    stream.push({ status: status('v1', 'INVALID', diagnostics), change: null });
    await app.page.waitForTimeout(2500);
    expect(await banner.isVisible()).toBe(false);
    expect((await seed(app.page)).updates).toBe(0);

    // The user hides Huawei (an undoable step), then the fixed file retracts Clean Network → Huawei.
    const relations = await app.page.evaluate(() => window.__splinternet!.state.relations);
    const retracted = relations.find((id) => id.startsWith('clean-network|EXCLUDES|huawei'))!;
    const updated = relations.find((id) => id.startsWith('clean-network|PROPOSED_BY|'))!;
    expect(retracted && updated).toBeTruthy();
    await app.page.evaluate(() => window.__splinternet!.cy.getElementById('huawei').select());
    await app.page.keyboard.press('h');
    await idle(app.page);
    const positions = () => app.page.evaluate(() => Object.fromEntries(window.__splinternet!.cy.nodes().map((n) => [n.id(), { ...n.position() }])));
    const before = await positions();
    const change: GraphChange = {
      version: 'v2',
      previousVersion: 'v1',
      files: ['seed/data/uk.yaml'],
      entities: { created: [], updated: [], removed: [] },
      relations: { created: [], updated: [updated], removed: [retracted] },
      ontologyChanged: false,
      summary: '1 relation removed and 1 updated from seed/data/uk.yaml',
    };
    stream.push({ status: status('v2'), change });
    await app.page.waitForFunction(() => window.__splinternet!.state.seed.updates === 1, null, { timeout: 10_000 });
    await idle(app.page);
    expect(await banner.isVisible()).toBe(false);
    expect((await seed(app.page)).banner.shown).toBe(null);
    await expect.poll(() => app.page.locator('.toast', { hasText: change.summary }).count()).toBe(1);
    expect(await app.page.evaluate((id) => window.__splinternet!.cy.getElementById(id).hasClass('live-changed'), updated)).toBe(true);
    await screenshot(app.page, 'live-02-updated');
    expect(await positions()).toEqual(before);
    expect(await app.page.evaluate(() => window.__splinternet!.state.undoLabel)).toBe('Hide Huawei');
    await app.page.waitForFunction((id) => !window.__splinternet!.cy.getElementById(id).hasClass('live-changed'), updated, { timeout: 5_000 });

    // Undoing the hide brings Huawei back, not the retracted relation.
    await app.page.keyboard.press('Control+z');
    await idle(app.page);
    const after = await app.page.evaluate(() => window.__splinternet!.state);
    expect(after.entities).toContain('huawei');
    expect(after.relations).not.toContain(retracted);
    expect(after.canUndo).toBe(false);

    stream.push({ status: status('v2', 'WAITING_FOR_DATABASE', [], 'Neo4j is unreachable; retrying (attempt 3)'), change: null });
    await expect.poll(() => app.page.locator('.seed-notice').innerText(), { timeout: 10_000 }).toContain('Neo4j is unreachable; retrying (attempt 3)');
    expect((await seed(app.page)).banner.shown).toBe('waiting');
  });
});
