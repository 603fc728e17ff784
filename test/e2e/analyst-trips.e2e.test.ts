/**
 * What a new analyst tripped over (issue 13, points 1, 4, 5, 8), in a real browser against the
 * real server: the keyboard flow from search to the graph, Escape back to the graph, paths
 * found with Enter, told apart by their phrases and fitted beside the panel, collapse undoing a
 * whole expansion, hidden entities listed and shown again, the search length limit and stale
 * error toasts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  GRAPHQL_ROUTE,
  operationNameOf,
  focusCanvas,
  idle,
  launchBrowser,
  newAppPage,
  openApp,
  pickFromCombobox,
  screenshot,
  state,
  still,
  type AppPage,
} from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
const SEARCH = '.search-slot input[role="combobox"]';

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

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName ?? null);

/** Selects `id` in the graph and gives the graph the focus. */
async function selectInGraph(page: Page, id: string): Promise<void> {
  await page.evaluate((entity) => {
    const cy = window.__splinternet!.cy;
    cy.$(':selected').unselect();
    cy.getElementById(entity).select();
  }, id);
  await focusCanvas(page);
}

describe('analyst trips', () => {
  it('/huawei, Enter, E: the pick focuses Huawei in the graph and E expands it', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=russia');
    await app.page.keyboard.press('/');
    await app.page.keyboard.type('huawei');
    await app.page.locator('.search-slot [role="option"]', { hasText: 'Huawei' }).first().waitFor();
    await app.page.keyboard.press('Enter');
    await idle(app.page);
    expect(await activeId(app.page)).toBe('cy');
    expect((await state(app.page)).selected).toBe('huawei');

    await app.page.keyboard.press('E');
    await idle(app.page);
    expect(await app.page.locator(SEARCH).inputValue()).toBe('');
    const after = await state(app.page);
    expect(after.entities).toContain('clean-network');
    expect(after.undoLabel).toBe('Expand Huawei');
  });

  it('Escape from the search, the paths panel, the inspector and the filters returns focus to the graph', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const page = app.page;

    await page.keyboard.press('/');
    expect(await activeId(page)).not.toBe('cy');
    await page.keyboard.press('Escape');
    await expect.poll(() => activeId(page), { timeout: 15_000 }).toBe('cy');

    await page.keyboard.press('a');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 15_000 }).toBe('Path from');
    await page.keyboard.press('Escape');
    await expect.poll(() => activeId(page), { timeout: 15_000 }).toBe('cy');

    await selectInGraph(page, 'huawei');
    await page.keyboard.press('Enter');
    await expect.poll(() => activeId(page), { timeout: 15_000 }).toBe('inspector');
    await page.keyboard.press('Escape');
    await expect.poll(() => activeId(page), { timeout: 15_000 }).toBe('cy');

    await page.locator('#left input[type="checkbox"]').first().focus();
    expect(await activeId(page)).not.toBe('cy');
    await page.keyboard.press('Escape');
    await expect.poll(() => activeId(page), { timeout: 15_000 }).toBe('cy');
  });

  it('Enter in "To" finds paths; the results show relation phrases, are told apart, and are fitted beside the panel', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=tiktok');
    const page = app.page;
    await page.keyboard.press('a');
    await pickFromCombobox(page, '.path-panel input[aria-label="Path from"]', 'TikTok', 'TikTok');
    // pickFromCombobox ends with Enter in "To": nothing else is pressed or clicked.
    await pickFromCombobox(page, '.path-panel input[aria-label="Path to"]', 'Clean Network', 'Clean Network');
    const results = page.locator('.path-results li button');
    // The k shortest paths take a few seconds on a loaded machine.
    await expect.poll(() => page.locator('.path-results').innerText(), { timeout: 30_000 }).not.toMatch(/^(Searching…)?$/);
    expect(await results.count(), await page.locator('.path-results').innerText()).toBeGreaterThan(1);
    await idle(page);
    const texts = await results.allInnerTexts();
    // Each step names its relation's phrase and direction (TikTok ← plans to ban — United States …).
    for (const text of texts) expect(text).toMatch(/^\d hops?TikTok( (— [a-z][a-z ]* →|← [a-z][a-z ]* —) [^—←→]+)+$/);
    expect(texts.join('\n')).toMatch(/plans to ban/);
    expect(texts.join('\n')).toMatch(/participates in/);
    expect(new Set(texts).size).toBe(texts.length);

    await still(page);
    const geometry = await page.evaluate(() => {
      const cy = window.__splinternet!.cy;
      const canvas = cy.container()!.getBoundingClientRect();
      const panel = document.querySelector('.path-panel')!.getBoundingClientRect();
      const bb = cy.$('.path').renderedBoundingBox({});
      return {
        path: { x1: canvas.left + bb.x1, y1: canvas.top + bb.y1, x2: canvas.left + bb.x2, y2: canvas.top + bb.y2 },
        panel: { x1: panel.left, y1: panel.top, x2: panel.right, y2: panel.bottom },
        canvas: { x1: canvas.left, y1: canvas.top, x2: canvas.right, y2: canvas.bottom },
      };
    });
    const { path, panel, canvas } = geometry;
    const overlaps = path.x1 < panel.x2 && path.x2 > panel.x1 && path.y1 < panel.y2 && path.y2 > panel.y1;
    expect(overlaps, JSON.stringify(geometry)).toBe(false);
    expect(path.x1).toBeGreaterThanOrEqual(canvas.x1);
    expect(path.x2).toBeLessThanOrEqual(canvas.x2);
    expect(path.y1).toBeGreaterThanOrEqual(canvas.y1);
    expect(path.y2).toBeLessThanOrEqual(canvas.y2);
    await screenshot(page, 'trips-path-beside-panel');
  });

  it('collapse undoes the whole expansion, even what relates to the rest of the view', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const page = app.page;
    const before = (await state(page)).entities.sort();
    await selectInGraph(page, 'huawei');
    await page.keyboard.press('e');
    await idle(page);
    const expanded = (await state(page)).entities;
    const added = expanded.filter((id) => !before.includes(id));
    expect(added.length).toBeGreaterThanOrEqual(3);
    // The case that went wrong: new entities related to entities of the view other than Huawei.
    const linkedElsewhere = await page.evaluate(
      ({ addedIds, beforeIds }) =>
        addedIds.filter((id) =>
          window
            .__splinternet!.cy.getElementById(id)
            .neighborhood('node')
            .map((n) => n.id())
            .some((n) => n !== 'huawei' && beforeIds.includes(n)),
        ),
      { addedIds: added, beforeIds: before },
    );
    expect(linkedElsewhere.length).toBeGreaterThan(0);

    await focusCanvas(page);
    await page.keyboard.press('c');
    await idle(page);
    expect((await state(page)).entities.sort()).toEqual(before);
  });

  it('a hidden entity is listed under "Hidden", leaves the inspector, and comes back with Show', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const page = app.page;
    await selectInGraph(page, 'huawei');
    await expect.poll(async () => (await state(page)).inspector, { timeout: 15_000 }).toEqual({ kind: 'entity', id: 'huawei' });
    await page.keyboard.press('h');
    await idle(page);
    const s = await state(page);
    expect(s.entities).not.toContain('huawei');
    expect(s.inspector).toBeNull();
    await expect.poll(() => page.locator('#inspector').innerText(), { timeout: 15_000 }).not.toMatch(/Huawei/);

    const section = page.locator('.hidden-entities');
    await expect.poll(() => section.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await section.locator('h2').textContent()).toMatch(/^Hidden \(1\)/);
    await section.getByRole('button', { name: 'Show Huawei' }).click();
    await idle(page);
    const shown = await state(page);
    expect(shown.entities).toContain('huawei');
    expect(shown.relations.some((id) => id.includes('huawei'))).toBe(true);
    expect(shown.selected).toBe('huawei');
    await expect.poll(() => section.isVisible(), { timeout: 15_000 }).toBe(false);
  });

  it('the search takes at most 200 characters and says so; a later search clears a stale error toast', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const page = app.page;
    const input = page.locator(SEARCH);
    await input.click();
    await input.fill('x'.repeat(500));
    expect((await input.inputValue()).length).toBe(200);
    const note = page.locator('.search-slot .combobox-limit');
    await expect.poll(() => note.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await note.innerText()).toMatch(/limited to 200 characters/);
    await page.locator('.search-slot [role="listbox"] li').first().waitFor();
    await idle(page);
    expect(await page.locator('.toast.error').count()).toBe(0);

    // One search fails (as the 500-character one did); the next one answers.
    let failed = false;
    await page.route(GRAPHQL_ROUTE, async (route) => {
      if (!failed && operationNameOf(route.request()) === 'Search') {
        failed = true;
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ errors: [{ message: 'text: give 1 to 200 characters', extensions: { code: 'BAD_USER_INPUT' } }] }),
        });
        return;
      }
      await route.continue();
    });
    await input.fill('huawei');
    const toast = page.locator('.toast.error');
    await toast.first().waitFor();
    expect(await toast.first().innerText()).toMatch(/Search failed|give 1 to 200/);
    expect(await note.isVisible()).toBe(false);

    await input.fill('tiktok');
    await page.locator('.search-slot [role="option"]', { hasText: 'TikTok' }).first().waitFor();
    await expect.poll(() => toast.count(), { timeout: 15_000 }).toBe(0);
  });
});
