/**
 * The explorer in a real browser against the real server and dataset: search, expand,
 * evidence, paths, the date slider, shared links, exports, undo, error messages.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import {
  clickGraphElement,
  focusCanvas,
  idle,
  launchBrowser,
  newAppPage,
  openApp,
  pickFromCombobox,
  screenshot,
  state,
  type AppPage,
  GRAPHQL_ROUTE,
} from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
const REVOKED_TARGETS = [
  'eo-13942|TARGETS|tiktok|2020-08-06',
  'eo-13942|TARGETS|bytedance|2020-08-06',
  'eo-13943|TARGETS|wechat|2020-08-06',
  'eo-13943|TARGETS|tencent|2020-08-06',
  'eo-13971|TARGETS|china|2021-01-05',
];

let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  // No test may leave a console error or an uncaught exception behind.
  expect(app.errors).toEqual([]);
  await app.page.context().close();
});

describe('splinternet explorer', () => {
  it('opens on the Clean Network and the Global Initiative on Data Security, with legend and counts', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const s = await state(app.page);
    expect(s.entities).toEqual(expect.arrayContaining(['clean-network', 'global-initiative-on-data-security', 'huawei', 'china']));
    expect(s.relations.length).toBeGreaterThan(40);
    const kinds = await app.page.locator('[data-kind]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['Country', 'Company', 'App', 'Initiative', 'LegalAct']));
    await expect.poll(() => app.page.locator('.totals').innerText()).toMatch(/in view of 1\d\d entities/);
    await screenshot(app.page, '01-opening-view');
  });

  it('search "Huawei" → expand → an "excludes" edge from the Clean Network → its evidence in the inspector', async () => {
    app = await newAppPage(browser);
    // Start from a view without either of them.
    await openApp(app.page, base, 'e=russia');
    expect((await state(app.page)).entities).toEqual(['russia']);

    await app.page.keyboard.press('/');
    await pickFromCombobox(app.page, '.search-slot input[role="combobox"]', 'Huawei', 'Huawei');
    await idle(app.page);
    expect((await state(app.page)).selected).toBe('huawei');
    await screenshot(app.page, '02-search-added-huawei');

    await focusCanvas(app.page);
    await app.page.keyboard.press('e');
    await idle(app.page);
    const after = await state(app.page);
    expect(after.entities).toContain('clean-network');
    const excludes = after.relations.find((id) => id.startsWith('clean-network|EXCLUDES|huawei'));
    expect(excludes).toBeDefined();

    await app.page.keyboard.press('Escape');
    await clickGraphElement(app.page, excludes!);
    await expect.poll(async () => (await state(app.page)).inspector).toEqual({ kind: 'relation', id: excludes });
    const inspector = app.page.locator('#inspector');
    await expect.poll(() => inspector.innerText()).toContain('seeks to exclude Chinese telecommunications companies like Huawei');
    const text = await inspector.innerText();
    expect(text).toMatch(/Clean Network\s+excludes\s+Huawei/);
    expect(text).toContain('AP News');
    expect(text).toMatch(/seed\/data\/clean-network\.yaml:\d+/);
    await screenshot(app.page, '03-expanded-huawei-evidence');

    // The entity inspector reads relations from Huawei's side.
    await clickGraphElement(app.page, 'huawei');
    await expect.poll(() => inspector.innerText()).toMatch(/excluded by\s+Clean Network/);

    // Undo the expansion, then redo it.
    await focusCanvas(app.page);
    expect((await state(app.page)).undoLabel).toBe('Expand Huawei');
    await app.page.keyboard.press('Control+z');
    await idle(app.page);
    const undone = await state(app.page);
    expect({ entities: undone.entities.sort(), undo: undone.undoLabel }).toEqual({ entities: ['huawei', 'russia'], undo: 'Add Huawei' });
    await app.page.keyboard.press('Control+Shift+Z');
    await idle(app.page);
    expect((await state(app.page)).entities).toContain('clean-network');
  });

  it('expanding keeps every drawn entity where it was; collapse and hide are undoable', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const positions = () => app.page.evaluate(() => Object.fromEntries(window.__splinternet!.cy.nodes().map((n) => [n.id(), { ...n.position() }])));
    const before = await positions();
    await clickGraphElement(app.page, 'huawei');
    await focusCanvas(app.page);
    await app.page.keyboard.press('e');
    await idle(app.page);
    const after = await positions();
    const added = Object.keys(after).filter((id) => !(id in before));
    expect(added.length).toBeGreaterThan(0);
    for (const [id, p] of Object.entries(before)) expect(after[id]).toEqual(p);
    // New entities appear near the one expanded.
    const huawei = after['huawei']!;
    for (const id of added) expect(Math.hypot(after[id]!.x - huawei.x, after[id]!.y - huawei.y)).toBeLessThan(450);

    await app.page.keyboard.press('c');
    await idle(app.page);
    // Collapse takes away what the expansion added, except entities also tied to something else.
    const kept = await app.page.evaluate((ids) => {
      const cy = window.__splinternet!.cy;
      return ids
        .filter((id) => cy.getElementById(id).nonempty())
        .map((id) => ({
          id,
          others: cy
            .getElementById(id)
            .neighborhood('node')
            .filter((n) => n.id() !== 'huawei').length,
        }));
    }, added);
    expect(kept.length).toBeLessThan(added.length);
    for (const k of kept) expect(k.others).toBeGreaterThan(0);

    await app.page.keyboard.press('h');
    await idle(app.page);
    expect((await state(app.page)).entities).not.toContain('huawei');
    await app.page.keyboard.press('Control+z');
    await idle(app.page);
    expect((await state(app.page)).entities).toContain('huawei');
    expect((await positions())['huawei']).toEqual(huawei);
  });

  it('finds the path from TikTok to the Clean Network and highlights it', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=tiktok');
    await app.page.keyboard.press('a');
    await pickFromCombobox(app.page, '.path-panel input[aria-label="Path from"]', 'TikTok', 'TikTok');
    await pickFromCombobox(app.page, '.path-panel input[aria-label="Path to"]', 'Clean Network', 'Clean Network');
    await app.page.getByRole('button', { name: 'Find paths' }).click();
    await idle(app.page);
    const results = app.page.locator('.path-results li button');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    expect(await results.first().innerText()).toMatch(/^\d hops?TikTok [—←] .* Clean Network$/);
    const highlighted = await app.page.evaluate(() => window.__splinternet!.cy.$('.path').map((e) => e.id()));
    expect(highlighted).toEqual(expect.arrayContaining(['tiktok', 'clean-network']));
    expect(highlighted.some((id) => id.includes('|'))).toBe(true);
    await screenshot(app.page, '04-path-tiktok-clean-network');
  });

  it('the date slider hides the revoked executive orders’ TARGETS relations after 2021-06-09', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=eo-13942;eo-13943;eo-13971;tiktok;bytedance;wechat;tencent;china');
    const visible = async () => (await state(app.page)).visibleRelations;
    expect(await visible()).toEqual(expect.arrayContaining(REVOKED_TARGETS));

    const setDate = async (date: string) => {
      await app.page.locator('#as-of-toggle').check();
      await app.page.evaluate((d) => {
        const slider = document.querySelector<HTMLInputElement>('#as-of-slider')!;
        slider.value = String(Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        slider.dispatchEvent(new Event('change', { bubbles: true }));
      }, date);
      await expect.poll(async () => (await state(app.page)).filters.asOf).toBe(date);
    };

    await setDate('2021-06-09');
    expect(await visible()).toEqual(expect.arrayContaining(REVOKED_TARGETS));
    await setDate('2021-06-10');
    const after = await state(app.page);
    for (const id of REVOKED_TARGETS) expect(after.visibleRelations).not.toContain(id);
    // Left with no relation in force, the revoked orders themselves disappear.
    for (const id of ['eo-13942', 'eo-13943', 'eo-13971']) expect(after.visibleEntities).not.toContain(id);
    expect(await app.page.locator('#as-of-output').innerText()).toBe('2021-06-10');
    await expect.poll(() => app.page.url()).toContain('d=2021-06-10');
    await screenshot(app.page, '05-as-of-2021-06-10');

    // The keyboard works too: one day back brings them back.
    await app.page.locator('#as-of-slider').focus();
    await app.page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await state(app.page)).filters.asOf).toBe('2021-06-09');
    expect((await state(app.page)).visibleRelations).toEqual(expect.arrayContaining(REVOKED_TARGETS));
  });

  it('a shared URL restores the view: entities, positions, pins, selection, filters', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=huawei');
    await clickGraphElement(app.page, 'huawei');
    await app.page.keyboard.press('e');
    await idle(app.page);
    await app.page.keyboard.press('p');
    await idle(app.page);
    await app.page.locator('[data-kind="Person"]').click();
    await idle(app.page);
    await app.page.waitForTimeout(400); // the URL is written 250 ms after the last change
    const url = app.page.url();
    const original = await state(app.page);
    const positions = await app.page.evaluate(() => Object.fromEntries(window.__splinternet!.cy.nodes().map((n) => [n.id(), n.position()])));
    expect(original.selected).toBe('huawei');
    expect(original.filters.hiddenKinds).toEqual(['Person']);

    const other = await newAppPage(browser);
    try {
      await other.page.goto(url);
      await other.page.waitForFunction(() => (window.__splinternet?.state.entities.length ?? 0) > 1);
      await idle(other.page);
      const restored = await state(other.page);
      expect(restored.entities.sort()).toEqual(original.entities.sort());
      expect(restored.relations.sort()).toEqual(original.relations.sort());
      expect(restored.selected).toBe('huawei');
      expect(restored.filters).toEqual(original.filters);
      expect(await other.page.evaluate(() => window.__splinternet!.cy.getElementById('huawei').hasClass('pinned'))).toBe(true);
      const restoredPositions = await other.page.evaluate(() => Object.fromEntries(window.__splinternet!.cy.nodes().map((n) => [n.id(), n.position()])));
      for (const [id, p] of Object.entries(positions)) {
        expect(Math.abs(restoredPositions[id]!.x - p.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(restoredPositions[id]!.y - p.y)).toBeLessThanOrEqual(1);
      }
      await expect.poll(() => other.page.locator('[data-kind="Person"]').getAttribute('aria-pressed')).toBe('false');
      await screenshot(other.page, '06-restored-from-url');
      expect(other.errors).toEqual([]);
    } finally {
      await other.page.context().close();
    }

    // A link naming an entity since removed from the seed files: the rest opens, with a notice.
    const stale = await newAppPage(browser);
    try {
      await stale.page.goto(url.replace('#e=', '#e=no-such-entity@0,0;'));
      await stale.page.waitForFunction(() => (window.__splinternet?.state.entities.length ?? 0) > 1);
      await idle(stale.page);
      const restored = await state(stale.page);
      expect(restored.entities.sort()).toEqual(original.entities.sort());
      expect(restored.relations.sort()).toEqual(original.relations.sort());
      await expect
        .poll(() => stale.page.locator('.toast .msg').allTextContents())
        .toContainEqual(expect.stringContaining('1 entity of the link is no longer in the graph: no-such-entity'));
      expect(stale.errors).toEqual([]);
    } finally {
      await stale.page.context().close();
    }
  });

  it('exports valid PNG, SVG, JSON and CSV files', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const exported = async (format: string) => {
      await app.page.getByRole('button', { name: 'Export ▾' }).click();
      const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator(`[data-format="${format}"]`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^splinternet-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      return readFileSync((await download.path())!);
    };
    const s = await state(app.page);

    const png = await exported('png');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(10_000);

    const svg = (await exported('svg')).toString('utf8');
    const svgCheck = await app.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        nodes: doc.querySelectorAll('g.node').length,
        edges: doc.querySelectorAll('g.edges path').length,
      };
    }, svg);
    expect(svgCheck).toEqual({ error: null, root: 'svg', nodes: s.visibleEntities.length, edges: s.visibleRelations.length });

    const json = JSON.parse((await exported('json')).toString('utf8'));
    expect(json.format).toBe('splinternet-view');
    expect(json.entities).toHaveLength(s.visibleEntities.length);
    expect(json.relations).toHaveLength(s.visibleRelations.length);
    const excludes = json.relations.find((r: { id: string }) => r.id.startsWith('clean-network|EXCLUDES|huawei'));
    expect(excludes.evidence[0]).toMatchObject({ outlet: { name: 'AP News' }, quote: expect.stringContaining('Huawei') });
    expect(excludes.seedFile).toBe('seed/data/clean-network.yaml');

    const csv = (await exported('csv')).toString('utf8');
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    const evidenceCount = json.relations.reduce((n: number, r: { evidence: unknown[] }) => n + Math.max(1, r.evidence.length), 0);
    expect(rows).toHaveLength(evidenceCount);
    expect(Object.keys(rows[0]!).slice(0, 11)).toEqual(['from', 'type', 'to', 'outlet', 'quote', 'url', 'date', 'since', 'until', 'seedFile', 'seedLine']);
    expect(rows.find((r) => r.from === 'clean-network' && r.type === 'EXCLUDES' && r.to === 'huawei')?.quote).toContain('Huawei and ZTE');
  });

  it('shows API failures as a message, not a blank screen', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    // The server goes away.
    await app.page.route(GRAPHQL_ROUTE, (route) => route.abort('connectionrefused'));
    await clickGraphElement(app.page, 'huawei');
    await app.page.keyboard.press('e');
    await idle(app.page);
    const toast = app.page.locator('.toast.error').first();
    await toast.waitFor();
    expect(await toast.innerText()).toMatch(/Cannot reach the splinternet server/);
    expect((await state(app.page)).entities.length).toBeGreaterThan(10);
    await screenshot(app.page, '07-server-unreachable');
    // The browser logs the refused requests itself; they are what this test provokes.
    app.errors.length = 0;
  });

  it('explains a server that cannot be reached at start, with a retry', async () => {
    app = await newAppPage(browser);
    await app.page.route(GRAPHQL_ROUTE, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ errors: [{ message: 'Database unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }),
      }),
    );
    await app.page.goto(`${base}/`);
    const message = app.page.locator('.stage-message');
    await message.waitFor();
    expect(await message.innerText()).toMatch(/DATABASE_UNAVAILABLE[\s\S]*Retry/);
    await screenshot(app.page, '10-server-down-at-start');
    // The browser logs the 503 itself; it is what this test provokes.
    app.errors.splice(0, app.errors.length, ...app.errors.filter((e) => !/503|Failed to load resource/.test(e)));
  });

  it('shortcuts: help overlay, context menu, keyboard selection', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    await app.page.keyboard.press('?');
    await expect.poll(() => app.page.locator('#help').isVisible()).toBe(true);
    await screenshot(app.page, '08-help');
    await app.page.keyboard.press('Escape');
    await expect.poll(() => app.page.locator('#help').isVisible()).toBe(false);

    await clickGraphElement(app.page, 'clean-network', 'right');
    const menu = app.page.locator('#context-menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.innerText()).toMatch(/Expand[\s\S]*Collapse[\s\S]*Pin[\s\S]*Hide/);
    await screenshot(app.page, '09-context-menu');
    await app.page.keyboard.press('Escape');

    await focusCanvas(app.page);
    const before = (await state(app.page)).selected;
    await app.page.keyboard.press('ArrowRight');
    const after = (await state(app.page)).selected;
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });

  it('a synthetic 5,000-element graph: entities drawn while the Web Worker lays them out, then the relations; it pans by drag', async () => {
    app = await newAppPage(browser);
    const logs: string[] = [];
    app.page.on('console', (m) => logs.push(m.text()));
    await app.page.goto(`${base}/?synthetic=5000`);
    // Entities in chunks a frame apart at seed positions, moved to the worker's positions, then relations.
    await app.page.waitForFunction(() => (window.__splinternet?.cy.elements().length ?? 0) >= 4_800, null, { timeout: 60_000 });
    await idle(app.page);
    const layout = logs.find((l) => l.startsWith('synthetic:'));
    expect(layout).toMatch(/compute in worker \d+ ms/);
    const check = await app.page.evaluate(() => {
      const cy = window.__splinternet!.cy;
      const points = cy.nodes().map((n) => n.position());
      const spots = new Set(points.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
      const finite = points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
      const ext = cy.extent();
      const inView = points.filter((p) => p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2).length;
      return { nodes: points.length, spots: spots.size, finite, inView, renderer: window.__splinternet!.state.renderer };
    });
    expect(check.finite).toBe(true);
    expect(check.spots).toBe(check.nodes);
    expect(check.inView).toBe(check.nodes);
    expect(check.renderer.mode).toBe('large');
    // Switched once, before the first entity was drawn: not back down midway, not again at the end.
    expect(check.renderer.rebuilds).toBe(1);
    // A drag on the canvas pans the view.
    const box = (await app.page.locator('#cy').boundingBox())!;
    const pan = () => app.page.evaluate(() => ({ ...window.__splinternet!.cy.pan() }));
    const before = await pan();
    const spot = await app.page.evaluate(() => {
      const cy = window.__splinternet!.cy;
      const nodes = cy.nodes().map((n) => n.renderedPosition());
      let best = { x: 0, y: 0, gap: -1 };
      // The middle of the canvas: panels and buttons float over its edges.
      for (let x = cy.width() * 0.25; x < cy.width() * 0.75; x += 10)
        for (let y = cy.height() * 0.25; y < cy.height() * 0.75; y += 10) {
          const gap = Math.min(...nodes.map((p) => Math.hypot(p.x - x, p.y - y)));
          if (gap > best.gap) best = { x, y, gap };
        }
      return best;
    });
    await app.page.mouse.move(box.x + spot.x, box.y + spot.y);
    await app.page.mouse.down();
    for (let i = 1; i <= 10; i++) await app.page.mouse.move(box.x + spot.x + 8 * i, box.y + spot.y + 4 * i);
    await app.page.mouse.up();
    const after = await pan();
    expect(after.x - before.x).toBeGreaterThan(40);
    await screenshot(app.page, '11-synthetic-5000');
  }, 120_000);
});
