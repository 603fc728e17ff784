/**
 * Issue 17 in a real browser against the real server and seed: size by PageRank and colour by
 * community change the drawing and show the legend (and survive expansion and the link), the
 * key actors list brings an entity into view, a contested relation of the dataset is drawn
 * with its own line and marker and the inspector sets both sides of its evidence side by side,
 * and "only contested" leaves just those relations.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { NEIGHBOURHOOD } from '../../client/src/api/operations.ts';
import { COMMUNITY_PALETTE, OTHER_COMMUNITY_COLOR } from '../../client/src/graph/community-palette.ts';
import { METRIC_SIZE } from '../../client/src/graph/metric-scales.ts';
import { focusCanvas, idle, launchBrowser, newAppPage, openApp, screenshot, state, type AppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');

let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  browser = await launchBrowser();
  // A just-started Neo4j plans each query the first time it runs; on a loaded machine the
  // opening view's first Neighbourhood outlasts the client's 20 s timeout, so ask it once here.
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
    body: JSON.stringify({ query: NEIGHBOURHOOD.query, variables: { ids: ['clean-network', 'global-initiative-on-data-security'], depth: 1 } }),
    signal: AbortSignal.timeout(150_000),
  });
  expect(res.ok).toBe(true);
}, 180_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.page.context().close();
});

/** A GraphQL request from the page (same origin, the CSRF header the server asks for). */
async function gql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<{ data?: unknown; errors?: unknown }>;
    },
    { query, variables },
  );
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

/** Each drawn node's size and colour as Cytoscape draws them, by id. */
function nodeLooks(page: Page): Promise<Record<string, { width: number; color: string; pageRank: number | null; community: number | null }>> {
  return page.evaluate(() => {
    const hex = (rgb: string) => {
      const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(rgb);
      return m
        ? `#${m
            .slice(1, 4)
            .map((c) => Number(c).toString(16).padStart(2, '0'))
            .join('')}`
        : rgb;
    };
    return Object.fromEntries(
      window.__splinternet!.cy.nodes().map((n) => [
        n.id(),
        {
          width: n.width(),
          color: hex(String(n.style('background-color'))),
          pageRank: (n.data('pageRank') as number | undefined) ?? null,
          community: (n.data('community') as number | undefined) ?? null,
        },
      ]),
    );
  });
}

/** Whether `id` is drawn inside the visible canvas. */
function inViewport(page: Page, id: string): Promise<boolean> {
  return page.evaluate((entity) => {
    const cy = window.__splinternet!.cy;
    const p = cy.getElementById(entity).renderedPosition();
    return p.x >= 0 && p.y >= 0 && p.x <= cy.width() && p.y <= cy.height();
  }, id);
}

describe('metrics and stance in the explorer', () => {
  it('size by PageRank, colour by community: sizes and colours follow the metrics, the legend says so, expansion and the link keep it', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base);
    const page = app.page;
    const before = await nodeLooks(page);
    expect(Object.values(before).every((n) => n.pageRank !== null && n.community !== null)).toBe(true);

    await page.selectOption('#size-by', 'pageRank');
    await page.selectOption('#color-by', 'community');
    await idle(page);
    const after = await nodeLooks(page);
    const ids = Object.keys(after);
    // The most central entity in view is the largest, the least central the smallest; size grows with PageRank.
    const byRank = [...ids].sort((a, b) => after[a]!.pageRank! - after[b]!.pageRank!);
    expect(after[byRank.at(-1)!]!.width).toBeCloseTo(METRIC_SIZE.max, 0);
    expect(after[byRank[0]!]!.width).toBeCloseTo(METRIC_SIZE.min, 0);
    for (let i = 1; i < byRank.length; i++) expect(after[byRank[i]!]!.width).toBeGreaterThanOrEqual(after[byRank[i - 1]!]!.width - 0.01);
    expect(ids.some((id) => Math.abs(after[id]!.width - before[id]!.width) > 1)).toBe(true);
    // Colours: the community's palette colour, the same for the same community, none left at its kind colour by chance.
    for (const id of ids) {
      const { community, color } = after[id]!;
      expect(color).toBe(community! < COMMUNITY_PALETTE.length ? COMMUNITY_PALETTE[community!] : OTHER_COMMUNITY_COLOR);
    }
    expect(new Set(ids.map((id) => after[id]!.community)).size).toBeGreaterThan(1);

    const legend = page.locator('#appearance-legend');
    await expect.poll(() => legend.innerText()).toMatch(/Size:\s*PageRank/);
    const text = await legend.innerText();
    expect(text).toMatch(/Colour:\s*Community/);
    const hook = await page.evaluate(() => window.__splinternet!.state.appearance);
    expect(hook).toMatchObject({ size: 'pageRank', color: 'community' });
    expect(hook.legend.color.type).toBe('categories');
    await expect.poll(() => page.locator('[data-legend="color"] li').count()).toBeGreaterThan(1);
    await screenshot(page, 'metrics-01-size-pagerank-colour-community');

    // The exported picture's legend says what size and colour stand for, as the panel does.
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="svg"]').click()]);
    const svg = readFileSync((await download.path())!, 'utf8');
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
    expect(texts).toEqual(expect.arrayContaining(['Kinds', 'Colour', 'Size', 'Relations']));
    expect(texts.some((t) => /^PageRank: \d/.test(t))).toBe(true);
    const communityTexts = texts.filter((t) => t.startsWith('Community '));
    expect(communityTexts.length).toBe(hook.legend.color.type === 'categories' ? hook.legend.color.items.length : -1);
    const firstItem = hook.legend.color.type === 'categories' ? hook.legend.color.items[0]! : undefined;
    expect(svg).toContain(`fill="${firstItem?.color}"`);
    // The nodes are filled as drawn: by community, not by kind.
    const nodeFills = [...svg.matchAll(/<g class="node"[^>]*>\s*<path d="[^"]*" fill="([^"]+)"/g)].map((m) => m[1]!);
    expect(nodeFills.length).toBe(ids.length);
    expect(new Set(nodeFills)).toEqual(new Set(ids.map((id) => after[id]!.color)));

    // Expanding adds entities drawn the same way.
    await page.evaluate(() => {
      const cy = window.__splinternet!.cy;
      cy.$(':selected').unselect();
      cy.getElementById('huawei').select();
    });
    await focusCanvas(page);
    await page.keyboard.press('e');
    await idle(page);
    const expanded = await nodeLooks(page);
    const added = Object.keys(expanded).filter((id) => !(id in after));
    expect(added.length).toBeGreaterThan(0);
    for (const id of added) {
      const { community, color } = expanded[id]!;
      expect(color).toBe(community! < COMMUNITY_PALETTE.length ? COMMUNITY_PALETTE[community!] : OTHER_COMMUNITY_COLOR);
    }

    // The link carries the choice; opening it draws the same way.
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/z=pageRank/);
    const hash = await page.evaluate(() => location.hash.slice(1));
    expect(hash).toContain('h=community');
    const second = await newAppPage(browser);
    await openApp(second.page, base, hash);
    expect(await second.page.inputValue('#size-by')).toBe('pageRank');
    expect(await second.page.inputValue('#color-by')).toBe('community');
    const reopened = await nodeLooks(second.page);
    const top = Object.keys(reopened).sort((a, b) => reopened[b]!.pageRank! - reopened[a]!.pageRank!)[0]!;
    expect(reopened[top]!.width).toBeCloseTo(METRIC_SIZE.max, 0);
    expect(second.errors).toEqual([]);
    await second.page.context().close();
  });

  it('key actors: the list is the API’s order; a pick brings the entity into view, selects it, and the inspector gives its rank', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=russia');
    const page = app.page;
    const { keyActors } = await gql<{ keyActors: Array<{ rank: number; entity: { id: string } }> }>(
      page,
      'query { keyActors(by: PAGERANK, first: 12) { rank entity { id } } }',
    );
    const list = page.locator('.key-actors .key-actor');
    await expect.poll(() => list.count()).toBe(keyActors.length);
    expect(await list.evaluateAll((els) => els.map((el) => el.getAttribute('data-entity')))).toEqual(keyActors.map((a) => a.entity.id));

    const drawn = (await state(page)).entities;
    const pick = keyActors.find((a) => !drawn.includes(a.entity.id))!;
    await page.locator(`.key-actor[data-entity="${pick.entity.id}"]`).click();
    await idle(page);
    await expect.poll(async () => (await state(page)).selected).toBe(pick.entity.id);
    await expect.poll(() => inViewport(page, pick.entity.id)).toBe(true);
    const inspector = page.locator('#inspector');
    const ordinal = pick.rank === 1 ? '1st' : pick.rank === 2 ? '2nd' : pick.rank === 3 ? '3rd' : `${pick.rank}th`;
    await expect.poll(() => inspector.innerText(), { timeout: 10_000 }).toMatch(new RegExp(`${ordinal} of \\d+ by PageRank`));

    // Filtered by kind: only that kind.
    await page.selectOption('#key-actors-kind', 'Company');
    await expect.poll(() => page.locator('.key-actors .key-actor').first().getAttribute('data-entity')).not.toBe(keyActors[0]!.entity.id);
    const { keyActors: companies } = await gql<{ keyActors: Array<{ entity: { id: string; kind: string } }> }>(
      page,
      'query { keyActors(by: PAGERANK, kinds: ["Company"], first: 12) { entity { id kind } } }',
    );
    expect(companies.every((a) => a.entity.kind === 'Company')).toBe(true);
    await expect.poll(() => list.evaluateAll((els) => els.map((el) => el.getAttribute('data-entity')))).toEqual(companies.map((a) => a.entity.id));
  });

  it('a contested relation is drawn distinctly, the inspector shows both sides and who disputes, and "only contested" keeps just those', async () => {
    app = await newAppPage(browser);
    await openApp(app.page, base, 'e=russia');
    const page = app.page;
    type R = { id: string; status: string; from: { id: string }; to: { id: string }; evidence: Array<{ stance: string; disputedBy: Array<{ id: string }> }> };
    const { entity } = await gql<{ entity: { relations: { nodes: R[] } } }>(
      page,
      'query { entity(id: "huawei") { relations(first: 500) { nodes { id status from { id } to { id } evidence { stance disputedBy { id } } } } } }',
    );
    const contested = entity.relations.nodes.filter((r) => r.status !== 'SUPPORTED');
    expect(contested.length).toBeGreaterThan(0);
    const claim = contested.find((r) => r.evidence.some((ev) => ev.disputedBy.some((e) => e.id === 'huawei')))!;
    expect(claim).toBeDefined();

    await openApp(page, base, `e=${claim.from.id};${claim.to.id};clean-network;zte&s=${encodeURIComponent(claim.id)}`);
    const style = await page.evaluate((id) => {
      const edge = window.__splinternet!.cy.getElementById(id);
      return { status: edge.data('status'), line: edge.style('line-style'), marker: edge.style('source-arrow-shape') };
    }, claim.id);
    expect(style).toEqual(
      claim.status === 'CONTESTED' ? { status: 'CONTESTED', line: 'dashed', marker: 'diamond' } : { status: 'DISPUTED', line: 'dotted', marker: 'tee' },
    );
    // Clean Network excludes ZTE: supported, high confidence, a plain line.
    const plain = await page.evaluate(() => {
      const edge = window.__splinternet!.cy.edges('[status = "SUPPORTED"][confidence = "HIGH"]').first();
      return { drawn: edge.nonempty(), line: edge.style('line-style'), marker: edge.style('source-arrow-shape') };
    });
    expect(plain).toEqual({ drawn: true, line: 'solid', marker: 'none' });

    await expect.poll(async () => (await state(page)).inspector).toEqual({ kind: 'relation', id: claim.id });
    const inspector = page.locator('#inspector');
    const supports = inspector.locator('.evidence-side.supports li');
    const disputes = inspector.locator('.evidence-side.disputes li');
    expect(await disputes.count()).toBe(claim.evidence.filter((ev) => ev.stance === 'DISPUTES').length);
    expect(await supports.count()).toBe(claim.evidence.filter((ev) => ev.stance !== 'DISPUTES').length);
    await expect.poll(() => inspector.locator('.disputed-by').first().innerText()).toMatch(/Disputed by .*Huawei/);
    await screenshot(page, 'metrics-02-contested-relation');

    // Only contested or disputed.
    await page.locator('#contested-only').check();
    await idle(page);
    const visible = (await state(page)).visibleRelations;
    expect(visible).toContain(claim.id);
    const statuses = await page.evaluate((ids) => ids.map((id) => String(window.__splinternet!.cy.getElementById(id).data('status'))), visible);
    expect(statuses.every((s) => s === 'CONTESTED' || s === 'DISPUTED')).toBe(true);
    expect((await state(page)).relations.length).toBeGreaterThan(visible.length);
    expect((await state(page)).filters.contestedOnly).toBe(true);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/x=1/);

    // GEXF of what is visible: the browser's XML parser reads it, with every node and edge and the status.
    await page.getByRole('button', { name: 'Export ▾' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-format="gexf"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^splinternet-\d{4}-\d{2}-\d{2}\.gexf$/);
    const gexf = readFileSync((await download.path())!, 'utf8');
    const parsed = await page.evaluate(
      ({ xml, id }) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const titles = new Map([...doc.querySelectorAll('attributes[class="edge"] attribute')].map((a) => [a.getAttribute('id'), a.getAttribute('title')]));
        const edge = [...doc.querySelectorAll('edge')].find((e) => e.getAttribute('id') === id);
        const values = Object.fromEntries(
          [...(edge?.querySelectorAll('attvalue') ?? [])].map((v) => [titles.get(v.getAttribute('for')), v.getAttribute('value')]),
        );
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          nodes: [...doc.querySelectorAll('node')].map((n) => n.getAttribute('id')!).sort(),
          edges: [...doc.querySelectorAll('edge')].map((e) => e.getAttribute('id')!).sort(),
          status: values.status,
          pageRankDeclared: [...doc.querySelectorAll('attributes[class="node"] attribute')].some((a) => a.getAttribute('title') === 'pageRank'),
        };
      },
      { xml: gexf, id: claim.id },
    );
    const now = await state(page);
    expect(parsed).toEqual({
      error: null,
      nodes: [...now.visibleEntities].sort(),
      edges: [...now.visibleRelations].sort(),
      status: claim.status,
      pageRankDeclared: true,
    });
  });
});
