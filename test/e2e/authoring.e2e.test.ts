/**
 * Authoring through the explorer, end to end: the server (npm start's) edits a temporary copy
 * of seed/ (global-server.ts). An analyst previews a new entity, then adds "United Kingdom
 * EXCLUDES Huawei" with a new outlet (BBC) through the forms; the files gain exactly the new lines and
 * still validate; a second open page shows the relation without reloading; retracting it
 * (and undoing the retraction, and retracting again) updates both pages; at the end the copy is
 * byte for byte the repository's seed again.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diffLines } from 'diff';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { clickGraphElement, focusCanvas, idle, launchBrowser, newAppPage, openApp, pickFromCombobox, screenshot, type AppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
const seedDir = inject('e2eSeedDir');
const originalDir = inject('e2eOriginalSeedDir');
const QUOTE = 'Huawei to be removed from UK 5G networks by 2027';
const URL = 'https://www.bbc.com/news/technology-53403793';
const RELATION = 'uk|EXCLUDES|huawei';
/** How long a live update may take before the test gives up (a bound on a hung wait, not a speed check). */
const LIVE_MS = 10_000;

let browser: Browser;
let a: AppPage;
let b: AppPage;

/** Every file under `dir`, by path relative to it, as bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** Relation ids drawn on a page whose source and target are the UK and Huawei. */
function ukExcludesHuawei(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    window
      .__splinternet!.cy.edges()
      .filter((e) => e.data('source') === 'uk' && e.data('target') === 'huawei' && e.data('type') === 'EXCLUDES')
      .map((e) => e.id()),
  );
}

const dialog = (page: Page) => page.locator('.authoring-overlay[role="dialog"]');

/** Waits for the form's preview to show `text` in its diff, then saves with `button`. */
async function saveWhenPreviewed(page: Page, text: string, button: string): Promise<void> {
  await dialog(page).locator('pre.diff', { hasText: text }).waitFor({ timeout: 15_000 });
  const save = dialog(page).getByRole('button', { name: button, exact: true });
  await expect.poll(() => save.isEnabled(), { timeout: 10_000 }).toBe(true);
  await save.click();
  await dialog(page).waitFor({ state: 'detached', timeout: 15_000 });
}

/** Searches an entity with the search box and draws it. */
async function showBySearch(page: Page, text: string): Promise<void> {
  await pickFromCombobox(page, 'input[aria-label="Search entities"]', text, text);
  await idle(page);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('authoring in the explorer', () => {
  it('adds "United Kingdom EXCLUDES Huawei" with a new outlet, live in a second page; retracts it; undoes the retraction and retracts again', async () => {
    expect(seedDir, 'the e2e server must edit a copy of seed/ (set E2E_SEED_DIR for an external server)').not.toBe('');
    expect(seedDir).not.toBe(originalDir);
    const before = readTree(seedDir);
    expect([...before.keys()].sort()).toEqual([...readTree(originalDir).keys()].sort());

    a = await newAppPage(browser);
    b = await newAppPage(browser);
    await openApp(a.page, base);
    await openApp(b.page, base);
    await expect.poll(() => a.page.evaluate(() => window.__splinternet!.state.authoring.mode)).toBe('write');
    await expect.poll(() => a.page.locator('#authoring-slot').isVisible()).toBe(true);

    // 1. "Add entity": the id follows the name, the kind's typed properties appear, the diff is
    //    previewed; cancelled, it writes nothing.
    await a.page.getByRole('button', { name: 'Add entity' }).click();
    const form = dialog(a.page);
    await form.getByLabel('Kind').selectOption('Country');
    await form.getByLabel('Name').fill('Republic of Cyprus');
    await expect.poll(() => form.getByLabel('Id').inputValue()).toBe('republic-of-cyprus');
    await form.getByLabel('iso2').fill('CY');
    await form.locator('pre.diff .diff-add', { hasText: 'name: Republic of Cyprus' }).waitFor({ timeout: 15_000 });
    await a.page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(readTree(seedDir)).toEqual(before);

    // Both pages draw the United Kingdom (found by the search box).
    for (const page of [a.page, b.page]) await showBySearch(page, 'United Kingdom');

    // 2. The relation, from Huawei (selected, key R); the type only fits the other way round.
    await clickGraphElement(a.page, 'huawei');
    await focusCanvas(a.page);
    await a.page.keyboard.press('r');
    const rel = dialog(a.page);
    await rel.waitFor();
    await pickFromCombobox(a.page, '.authoring-overlay input[aria-label="Other entity"]', 'United Kingdom', 'United Kingdom');
    const typeSelect = rel.getByLabel('Relation');
    const labels = await typeSelect.locator('option').allInnerTexts();
    expect(labels).toContain('United Kingdom excludes Huawei');
    expect(labels).not.toContain('Huawei excludes United Kingdom');
    await typeSelect.selectOption({ label: 'United Kingdom excludes Huawei' });
    await rel.getByLabel('New outlet').check();
    await rel.getByLabel('Outlet name').fill('BBC');
    await expect.poll(() => rel.getByLabel('Outlet id').inputValue()).toBe('bbc');
    await rel.getByLabel('Website').fill('https://www.bbc.com');
    await rel.getByLabel('Quote').fill(QUOTE);
    await rel.getByLabel('Link').fill(URL);
    await rel.getByLabel('Publication date').fill('14/07/2020');
    // A malformed date is marked at its field and nothing is sent.
    await expect.poll(() => rel.locator('[data-field="evidence.date"] .field-error').innerText()).toMatch(/YYYY/);
    await rel.getByLabel('Publication date').fill('2020-07-14');
    await rel.locator('pre.diff', { hasText: QUOTE }).waitFor({ timeout: 15_000 });
    await expect.poll(() => rel.locator('pre.diff .diff-add', { hasText: 'to: huawei' }).count()).toBe(1);
    await expect.poll(() => rel.locator('pre.diff .diff-del').count()).toBe(0);
    await screenshot(a.page, 'authoring-form');
    await saveWhenPreviewed(a.page, QUOTE, 'Save relation');
    const toast = a.page.locator('.toast', { hasText: 'Added: United Kingdom excludes Huawei' });
    await toast.waitFor();
    expect(await toast.innerText()).toContain('seed/data/countries.yaml');
    await expect.poll(() => toast.getByRole('button', { name: 'Undo' }).isVisible()).toBe(true);

    // 3. The files: only additions, only in the files that hold the UK and the outlets.
    const after = readTree(seedDir);
    const changed: string[] = [];
    for (const [file, bytes] of before) {
      const now = after.get(file);
      expect(now, `${file} is still there`).toBeDefined();
      if (now!.equals(bytes)) continue;
      changed.push(file);
      const parts = diffLines(bytes.toString('utf8'), now!.toString('utf8'));
      expect(
        parts.filter((p) => p.removed),
        `${file} only gains lines`,
      ).toEqual([]);
      // Removing the added lines gives back every byte of the original.
      expect(
        parts
          .filter((p) => !p.added)
          .map((p) => p.value)
          .join(''),
      ).toBe(bytes.toString('utf8'));
    }
    expect(changed.sort()).toEqual(['data/countries.yaml', 'data/outlets.yaml']);
    const added = (file: string) =>
      diffLines(before.get(file)!.toString('utf8'), after.get(file)!.toString('utf8'))
        .filter((p) => p.added)
        .map((p) => p.value)
        .join('');
    expect(added('data/countries.yaml')).toMatch(/\buk\b/);
    expect(added('data/countries.yaml')).toContain(QUOTE);
    expect(added('data/countries.yaml')).toContain(URL);
    expect(added('data/countries.yaml')).toMatch(/huawei/);
    expect(added('data/outlets.yaml')).toMatch(/bbc[\s\S]*BBC[\s\S]*https:\/\/www\.bbc\.com/);
    expect([...after.keys()].length).toBe(before.size);
    expect(loadSeed({ seedDir }).diagnostics).toEqual([]);

    // 4. The live sync has loaded it (the API answers with it), and the second page shows it
    //    without reloading (client/src/features/live-updates.ts). How fast (the aim: 2 s) is
    //    measured by `npm run bench:live`, not asserted here: the bound only ends a hung wait.
    const inGraph = () =>
      a.page.evaluate(() =>
        fetch('/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
          body: JSON.stringify({ query: '{ subgraph(ids: ["uk", "huawei"]) { edges { id } } }' }),
        })
          .then((r) => r.json())
          .then((r: { data: { subgraph: { edges: Array<{ id: string }> } } }) => r.data.subgraph.edges.map((e) => e.id)),
      );
    await expect.poll(inGraph, { timeout: LIVE_MS }).toContain(RELATION);
    await b.page.waitForFunction(() => window.__splinternet!.cy.edges().some((e) => e.data('source') === 'uk' && e.data('target') === 'huawei'), null, {
      timeout: LIVE_MS,
    });
    expect(await ukExcludesHuawei(b.page)).toEqual([RELATION]);
    await expect.poll(() => ukExcludesHuawei(a.page), { timeout: LIVE_MS }).toEqual([RELATION]);

    // 5. Retract from the inspector: both pages drop it.
    await clickGraphElement(a.page, RELATION);
    await a.page.locator('#inspector').getByRole('button', { name: 'Retract relation' }).click();
    await expect.poll(() => dialog(a.page).locator('pre.diff .diff-add').count()).toBe(0);
    await saveWhenPreviewed(a.page, 'to: huawei', 'Retract');
    await expect.poll(() => ukExcludesHuawei(b.page), { timeout: LIVE_MS }).toEqual([]);
    await expect.poll(() => ukExcludesHuawei(a.page), { timeout: LIVE_MS }).toEqual([]);

    // 6. Undo the retraction from its toast (the reverse patch, previewed), then retract again.
    await a.page.locator('.toast', { hasText: 'Retracted' }).getByRole('button', { name: 'Undo' }).click();
    await saveWhenPreviewed(a.page, 'to: huawei', 'Revert');
    await expect.poll(() => ukExcludesHuawei(b.page), { timeout: LIVE_MS }).toEqual([RELATION]);
    await expect.poll(() => ukExcludesHuawei(a.page), { timeout: LIVE_MS }).toEqual([RELATION]);
    await clickGraphElement(a.page, RELATION);
    await a.page.locator('#inspector').getByRole('button', { name: 'Retract relation' }).click();
    await saveWhenPreviewed(a.page, 'to: huawei', 'Retract');
    await expect.poll(() => ukExcludesHuawei(b.page), { timeout: LIVE_MS }).toEqual([]);

    // 7. Removing an entity still in use is refused, naming the relations that use it.
    await clickGraphElement(a.page, 'huawei');
    await a.page.locator('#inspector').getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog(a.page).locator('.preview-problems li', { hasText: 'huawei' }).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => dialog(a.page).getByRole('button', { name: 'Remove entity' }).isDisabled()).toBe(true);
    await a.page.keyboard.press('Escape');
    await dialog(a.page).waitFor({ state: 'detached' });

    // 8. Remove the outlet (no relation cites it now): the copy is the original again.
    const removeOutlet = await a.page.evaluate(() =>
      fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
        body: JSON.stringify({ query: 'mutation { removeEntity(id: "bbc") { applied } }' }),
      }).then((r) => r.json()),
    );
    expect(removeOutlet).toEqual({ data: { removeEntity: { applied: true } } });
    const end = readTree(seedDir);
    for (const [file, bytes] of before) expect(end.get(file)?.equals(bytes), `${file} is byte for byte as before`).toBe(true);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('"Draw relations": a drag from one entity to another opens the form with both ends; off again, a drag moves the entity', async () => {
    const c = await newAppPage(browser);
    try {
      await openApp(c.page, base);
      await expect.poll(() => c.page.evaluate(() => window.__splinternet!.state.authoring.mode)).toBe('write');
      const draw = c.page.getByRole('button', { name: 'Draw relations' });
      await draw.click();
      expect(await draw.getAttribute('aria-pressed')).toBe('true');
      expect(await c.page.evaluate(() => window.__splinternet!.state.authoring.drawing)).toBe(true);
      const point = (id: string) =>
        c.page.evaluate((nodeId) => {
          const cy = window.__splinternet!.cy;
          const p = cy.getElementById(nodeId).renderedPosition();
          const rect = cy.container()!.getBoundingClientRect();
          return { x: rect.left + p.x, y: rect.top + p.y };
        }, id);
      const from = await point('clean-network');
      const to = await point('huawei');
      const edgesBefore = await c.page.evaluate(() => window.__splinternet!.cy.edges().length);
      await c.page.mouse.move(from.x, from.y);
      await c.page.mouse.down();
      for (let i = 1; i <= 12; i++) await c.page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + ((to.y - from.y) * i) / 12);
      await c.page.waitForTimeout(300);
      await c.page.mouse.up();
      const form = dialog(c.page);
      await form.waitFor({ timeout: 5_000 });
      const leads = await form.locator('.form-lead').allInnerTexts();
      expect(leads).toEqual(['From Clean Network (Initiative)', 'To Huawei (Company)']);
      expect(await form.getByLabel('Relation').locator('option').allInnerTexts()).toContain('Clean Network excludes Huawei');
      // The drawn edge is not kept: the relation appears only once saved and synced.
      expect(await c.page.evaluate(() => window.__splinternet!.cy.edges().length)).toBe(edgesBefore);
      await c.page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      await draw.click();
      expect(await c.page.evaluate(() => window.__splinternet!.state.authoring.drawing)).toBe(false);
      // Drawing off: the same drag moves the entity and opens nothing.
      const start = await c.page.evaluate(() => ({ ...window.__splinternet!.cy.getElementById('clean-network').position() }));
      await c.page.mouse.move(from.x, from.y);
      await c.page.mouse.down();
      for (let i = 1; i <= 6; i++) await c.page.mouse.move(from.x + 10 * i, from.y + 8 * i);
      await c.page.mouse.up();
      const moved = await c.page.evaluate(() => ({ ...window.__splinternet!.cy.getElementById('clean-network').position() }));
      expect(Math.hypot(moved.x - start.x, moved.y - start.y)).toBeGreaterThan(20);
      expect(await dialog(c.page).count()).toBe(0);
      expect(c.errors).toEqual([]);
    } finally {
      await c.page.context().close();
    }
  });
});
