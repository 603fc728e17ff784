/**
 * Issue 13, points 2, 3, 6 and 7, in a real browser against the real server: the typed "as of"
 * date in step with the slider and the link, partial dates drawn as uncertain, "what changed"
 * between two dates over the whole graph, nothing overlapping at 800×600 and 1280×720 with the
 * panels as drawers in small windows, legible labels and the same opening on every reload,
 * and exports whose bounds hold every label, with a legend and caption.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { idle, launchBrowser, newAppPage, openApp, screenshot, state, still, type AppPage } from './browser-helpers.ts';

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

/** A page of the given size that records console errors. */
const pageOfSize = (width: number, height: number): Promise<AppPage> => newAppPage(browser, { width, height });

/** Types a date into a date field (Chromium's picker field takes the ISO value) and commits it. */
async function typeDate(page: Page, selector: string, date: string): Promise<void> {
  await page.locator(selector).fill(date);
  await page.locator(selector).dispatchEvent('change');
  await idle(page);
}

/** Edges of a type between drawn entities, with the classes that matter here. */
async function edgesOfType(page: Page, type: string) {
  return page.evaluate(
    (t) =>
      window.__splinternet!.cy.edges(`[type = "${t}"]`).map((e) => ({
        source: e.source().id(),
        target: e.target().id(),
        filtered: e.hasClass('filtered'),
        uncertain: e.hasClass('uncertain'),
        appeared: e.hasClass('change-appeared'),
        ended: e.hasClass('change-ended'),
      })),
    type,
  );
}

/** Boxes of the visible chrome (toolbar pieces, panels, status, zoom buttons). */
async function chromeBoxes(page: Page) {
  return page.evaluate(() => {
    const selectors = ['.drawer-toggle', '.brand', '.search-slot', '.authoring-slot > *', '.toolbar > *', '#left', '#inspector', '#status', '#zoom-controls'];
    const boxes: Array<{ name: string; x1: number; y1: number; x2: number; y2: number }> = [];
    for (const sel of selectors) {
      document.querySelectorAll<HTMLElement>(sel).forEach((el, i) => {
        const style = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        if (style.display === 'none' || style.visibility === 'hidden' || r.width === 0 || r.height === 0) return;
        if (r.right <= 0 || r.left >= innerWidth) return;
        boxes.push({
          name: `${sel}#${i}${el.textContent ? ` (${el.textContent.trim().slice(0, 20)})` : ''}`,
          x1: r.left,
          y1: r.top,
          x2: r.right,
          y2: r.bottom,
        });
      });
    }
    return { boxes, width: innerWidth, height: innerHeight };
  });
}

function overlaps(boxes: Array<{ name: string; x1: number; y1: number; x2: number; y2: number }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      // A pixel of shared border is not an overlap.
      if (a.x1 < b.x2 - 1 && b.x1 < a.x2 - 1 && a.y1 < b.y2 - 1 && b.y1 < a.y2 - 1) out.push(`${a.name} × ${b.name}`);
    }
  return out;
}

describe('time: typed date, histogram, partial dates', () => {
  it('a typed date, the slider and the link stay in step; a date out of range says why', async () => {
    app = await pageOfSize(1440, 900);
    await openApp(app.page, base);
    await typeDate(app.page, '#as-of-date', '2021-07-01');
    expect((await state(app.page)).filters.asOf).toBe('2021-07-01');
    expect(await app.page.locator('#as-of-toggle').isChecked()).toBe(true);
    expect(await app.page.locator('#as-of-output').innerText()).toBe('2021-07-01');
    const day = await app.page.locator('#as-of-slider').inputValue();
    expect(Number(day)).toBe(Date.UTC(2021, 6, 1) / 86_400_000);
    await app.page.waitForFunction(() => location.hash.includes('d=2021-07-01'));

    // The slider moves the field.
    await app.page.locator('#as-of-slider').focus();
    await app.page.keyboard.press('PageUp');
    await idle(app.page);
    expect(await app.page.locator('#as-of-date').inputValue()).toBe('2021-07-31');
    expect((await state(app.page)).filters.asOf).toBe('2021-07-31');

    // Out of the graph's range: refused with a message, nothing changes.
    await typeDate(app.page, '#as-of-date', '1900-01-01');
    expect(await app.page.locator('#as-of-error').isVisible()).toBe(true);
    expect(await app.page.locator('#as-of-error').innerText()).toMatch(
      /^The graph's dates run from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}: give a date between them\.$/,
    );
    expect((await state(app.page)).filters.asOf).toBe('2021-07-31');

    // The histogram shows the whole graph, one bar a year, 2021 among them.
    const bars = await app.page.locator('#as-of-histogram .histogram-bar').count();
    expect(bars).toBeGreaterThan(10);
    expect(await app.page.locator('#as-of-histogram [data-period="2021"]').getAttribute('title')).toMatch(/^2021: \d+ started, \d+ ended$/);
  });

  it('the Global Initiative on Data Security endorsements on 2020-09-01 are uncertain, not in force; on 2020-08-31 not drawn', async () => {
    app = await pageOfSize(1440, 900);
    await openApp(app.page, base, 'e=global-initiative-on-data-security;russia;philippines;league-of-arab-states&d=2020-09-01');
    const endorsements = await edgesOfType(app.page, 'ENDORSES');
    const september = endorsements.filter((e) => e.source === 'russia' || e.source === 'philippines');
    expect(september).toHaveLength(2);
    for (const e of september) expect(e).toMatchObject({ filtered: false, uncertain: true });
    // 2021-03-29 is after the date: not in force, hidden.
    expect(endorsements.find((e) => e.source === 'league-of-arab-states')).toMatchObject({ filtered: true });
    // Counted apart from the relations in force.
    expect(await app.page.locator('#status').innerText()).toMatch(/0 relations in force · 2 uncertain/);

    await typeDate(app.page, '#as-of-date', '2020-08-31');
    for (const e of (await edgesOfType(app.page, 'ENDORSES')).filter((x) => x.source !== 'league-of-arab-states')) expect(e.filtered).toBe(true);
    await typeDate(app.page, '#as-of-date', '2020-10-01');
    for (const e of (await edgesOfType(app.page, 'ENDORSES')).filter((x) => x.source !== 'league-of-arab-states'))
      expect(e).toMatchObject({ filtered: false, uncertain: false });
  });
});

describe('what changed', () => {
  it('between 2021-01-01 and 2021-12-31 lists the revoked executive orders as ended, draws and keeps them, each with its evidence', async () => {
    app = await pageOfSize(1440, 900);
    await openApp(app.page, base);
    // None of the orders is in the opening view: the changes come from the whole graph.
    expect(await app.page.evaluate(() => window.__splinternet!.cy.getElementById('eo-13942').empty())).toBe(true);
    await typeDate(app.page, '#as-of-date', '2021-12-31');
    await app.page.locator('#compare-date').fill('2021-01-01');
    await app.page.locator('#what-changed-run').click();
    await idle(app.page);
    await app.page.locator('#what-changed-list .change-item').first().waitFor();

    const ended = await app.page.locator('#what-changed-list .change-item.ended .change-claim').allInnerTexts();
    expect(ended).toEqual(
      expect.arrayContaining(['Executive Order 13942 targets TikTok', 'Executive Order 13943 targets WeChat', 'Executive Order 13971 targets China']),
    );
    const summary = await app.page.locator('#what-changed-summary').innerText();
    expect(summary).toMatch(/^2021-01-01 → 2021-12-31: \d+ appeared, \d+ ended/);
    // Each change carries its evidence.
    const tiktok = app.page.locator('#what-changed-list .change-item.ended', { hasText: 'Executive Order 13942 targets TikTok' });
    expect(await tiktok.locator('.change-evidence li').count()).toBeGreaterThan(0);
    expect(await tiktok.locator('.change-when').innerText()).toBe('until 2021-06-09');

    // Drawn with the ended style and kept in view though not in force on 2021-12-31.
    const targets = await edgesOfType(app.page, 'TARGETS');
    const revoked = targets.find((e) => e.source === 'eo-13942' && e.target === 'tiktok');
    expect(revoked).toMatchObject({ filtered: false, ended: true, appeared: false });
    const appeared = await app.page.evaluate(() => window.__splinternet!.cy.edges('.change-appeared').length);
    expect(appeared).toBeGreaterThan(0);
    await app.page.waitForFunction(() => location.hash.includes('c=2021-01-01'));

    // A click brings it into view and selects it.
    await tiktok.locator('.change-pick').click();
    await still(app.page);
    const selected = await app.page.evaluate(() => {
      const cy = window.__splinternet!.cy;
      const e = cy.$('edge:selected');
      const mid = (e as unknown as { renderedMidpoint(): { x: number; y: number } }).renderedMidpoint();
      return { id: e.id(), inView: mid.x >= 0 && mid.y >= 0 && mid.x <= cy.width() && mid.y <= cy.height() };
    });
    expect(selected.id).toMatch(/^eo-13942\|TARGETS\|tiktok/);
    expect(selected.inView).toBe(true);
    await screenshot(app.page, 'timeline-what-changed');
  });
});

describe('small windows and readability', () => {
  for (const [width, height] of [
    [800, 600],
    [1280, 720],
  ] as const) {
    it(`at ${width}×${height} nothing overlaps, the graph keeps the width, labels are legible`, async () => {
      app = await pageOfSize(width, height);
      await openApp(app.page, base);
      await still(app.page);
      const { boxes } = await chromeBoxes(app.page);
      expect(boxes.length).toBeGreaterThan(6);
      expect(overlaps(boxes)).toEqual([]);
      // Nothing sticks out of the window.
      for (const b of boxes) expect(b.x2, b.name).toBeLessThanOrEqual(width + 1);
      const stage = await app.page.locator('#cy').boundingBox();
      if (width < 1100) expect(stage!.width).toBeGreaterThanOrEqual(width * 0.95);
      const search = await app.page.locator('.search-slot input').boundingBox();
      expect(search!.width).toBeGreaterThanOrEqual(150);

      // Labels at the opening zoom: font size × zoom, as Cytoscape draws them.
      const label = await app.page.evaluate(() => {
        const cy = window.__splinternet!.cy;
        const n = cy.nodes(':visible')[0]!;
        return parseFloat(String(n.style('font-size'))) * cy.zoom();
      });
      expect(label).toBeGreaterThanOrEqual(10.9);
      // The opening view fills the stage in at least one direction (no wide margins).
      const fill = await app.page.evaluate(() => {
        const cy = window.__splinternet!.cy;
        const bb = cy.elements(':visible').renderedBoundingBox({});
        return Math.max(bb.w / cy.width(), bb.h / cy.height());
      });
      expect(fill).toBeGreaterThan(0.85);
      if (width === 800) await screenshot(app.page, 'explorer-800x600');
    });
  }

  it('below 1100 px the panels are drawers: a toggle opens one over the graph, Escape closes it and the graph has the focus', async () => {
    app = await pageOfSize(800, 600);
    await openApp(app.page, base);
    expect(await app.page.locator('#left').isVisible()).toBe(false);
    await app.page.getByRole('button', { name: 'Filters' }).click();
    await app.page.waitForFunction(() => document.querySelector('#left')!.getBoundingClientRect().left >= 0);
    expect(await app.page.locator('#left').isVisible()).toBe(true);
    expect(await app.page.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded')).toBe('true');
    // The drawer sits under the top bar, over the graph.
    const drawer = (await app.page.locator('#left').boundingBox())!;
    const topbar = (await app.page.locator('.topbar').boundingBox())!;
    expect(drawer.y).toBeGreaterThanOrEqual(topbar.y + topbar.height - 1);
    // The date field inside it works, and Escape from it closes the drawer.
    await app.page.locator('#as-of-date').focus();
    await app.page.keyboard.press('Escape');
    await app.page.waitForFunction(() => document.activeElement?.id === 'cy');
    expect(await app.page.getByRole('button', { name: 'Filters' }).getAttribute('aria-expanded')).toBe('false');
    await app.page.waitForFunction(() => getComputedStyle(document.querySelector('#left')!).visibility === 'hidden');
    // The inspector drawer likewise.
    await app.page.getByRole('button', { name: 'Inspector' }).click();
    expect(await app.page.getByRole('button', { name: 'Inspector' }).getAttribute('aria-expanded')).toBe('true');
    await app.page.keyboard.press('Escape');
    await app.page.waitForFunction(() => document.activeElement?.id === 'cy');
  });

  it('opens at the same positions on two reloads (seeded layout)', async () => {
    app = await pageOfSize(1280, 720);
    const positions = async () => {
      await openApp(app.page, base);
      await still(app.page);
      return app.page.evaluate(() =>
        Object.fromEntries(
          window
            .__splinternet!.cy.nodes()
            .map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]] as const)
            .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
        ),
      );
    };
    const first = await positions();
    await app.page.evaluate(() => history.replaceState(null, '', location.pathname));
    await app.page.reload();
    const second = await positions();
    expect(Object.keys(first).length).toBeGreaterThan(20);
    expect(second).toEqual(first);
  });
});

describe('exports', () => {
  it('SVG bounds hold every label; PNG and SVG carry the legend and caption asked for', async () => {
    app = await pageOfSize(1440, 900);
    // A long label at the right of the drawing is what the SVG used to cut.
    await openApp(app.page, base);
    await typeDate(app.page, '#as-of-date', '2021-07-01');
    const exported = async (format: string) => {
      await app.page.getByRole('button', { name: 'Export ▾' }).click();
      const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator(`[data-format="${format}"]`).click()]);
      return readFileSync((await download.path())!);
    };
    const svg = (await exported('svg')).toString('utf8');
    const check = await app.page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svgEl = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
      document.body.append(svgEl);
      const [vx, vy, vw, vh] = svgEl.getAttribute('viewBox')!.split(' ').map(Number) as [number, number, number, number];
      const outside: string[] = [];
      const texts = [...svgEl.querySelectorAll('text')];
      for (const t of texts) {
        const b = t.getBBox();
        const m = t
          .closest('g.decorations')
          ?.getAttribute('transform')
          ?.match(/translate\(([-\d.]+) ([-\d.]+)\)/);
        const dx = m ? Number(m[1]) : 0;
        const dy = m ? Number(m[2]) : 0;
        if (b.x + dx < vx || b.y + dy < vy || b.x + dx + b.width > vx + vw || b.y + dy + b.height > vy + vh) outside.push(t.textContent ?? '');
      }
      svgEl.remove();
      return { texts: texts.map((t) => t.textContent ?? ''), outside };
    }, svg);
    expect(check.outside).toEqual([]);
    expect(check.texts.some((t) => t.startsWith('Source: splinternet, seed version ') && !t.includes('unknown'))).toBe(true);
    expect(check.texts).toContain('Relations in force on 2021-07-01; no filters.');
    expect(check.texts).toContain('Kinds');
    expect(check.texts).toContain('Country');

    // PNG: with legend and caption it is taller than the drawing alone.
    const height = (png: Buffer) => png.readUInt32BE(20);
    const decorated = await exported('png');
    await app.page.getByRole('button', { name: 'Export ▾' }).click();
    await app.page.locator('[data-decoration="legend"]').click();
    await app.page.locator('[data-decoration="caption"]').click();
    expect(await app.page.locator('[data-decoration="legend"]').getAttribute('aria-checked')).toBe('false');
    await app.page.keyboard.press('Escape');
    const plain = await exported('png');
    expect(height(decorated)).toBeGreaterThan(height(plain) + 100);
    const plainSvg = (await exported('svg')).toString('utf8');
    expect(plainSvg).not.toContain('Source: splinternet');
  });
});
