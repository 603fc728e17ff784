/**
 * Seed files edited by hand while the explorer is open, end to end: the server (npm start's,
 * on a temporary copy of seed/, see global-server.ts) watches the files; two open pages get a
 * new relation in place (nothing else moves), a bad edit shows the banner with its
 * file:line:column while the graph and the API stay as they were, the fix clears it and the
 * retraction reaches both pages, and an ontology colour change restyles without a reload.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newAppPage, openApp, screenshot, type AppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
const seedDir = inject('e2eSeedDir');
const FILE = 'e2e-live-edit.yaml';

let browser: Browser;
let a: AppPage;
let b: AppPage;

/** Writes a seed file as editors do: a temp file renamed over the target. */
function save(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const edgeIds = (page: Page) => page.evaluate(() => window.__splinternet!.cy.edges().map((e) => e.id()));
const positions = (page: Page) => page.evaluate(() => Object.fromEntries(window.__splinternet!.cy.nodes().map((n) => [n.id(), { ...n.position() }] as const)));

async function graphqlStats(): Promise<{ entities: number; relations: number }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
    body: JSON.stringify({ query: '{ stats { entities relations } }' }),
  });
  const body = (await res.json()) as { data: { stats: { entities: number; relations: number } } };
  return body.data.stats;
}

beforeAll(async () => {
  expect(seedDir, 'the e2e server must run on a temporary copy of seed/ (global-server.ts)').not.toBe('');
  browser = await launchBrowser();
  a = await newAppPage(browser);
  b = await newAppPage(browser);
  await openApp(a.page, base);
  await openApp(b.page, base);
});
afterAll(async () => {
  rmSync(join(seedDir, 'data', FILE), { force: true });
  await browser?.close();
});

describe('seed files edited on disk while the explorer is open', () => {
  it('adds, refuses, clears and retracts in every open page, in place', async () => {
    // A new fact between two entities both pages draw: the type and ends of a drawn relation,
    // with a since date that makes it a relation of its own.
    const drawn = await a.page.evaluate(() => {
      const e = window.__splinternet!.cy.edges().first();
      return { from: e.data('source') as string, to: e.data('target') as string, type: e.data('type') as string };
    });
    const key = `${drawn.from}|${drawn.type}|${drawn.to}|1999-01-01`;
    const before = await positions(a.page);
    const statsBefore = await graphqlStats();
    const path = join(seedDir, 'data', FILE);
    const good = [
      'relations:',
      `  - from: ${drawn.from}`,
      `    type: ${drawn.type}`,
      `    to: ${drawn.to}`,
      '    since: 1999-01-01',
      '    evidence: { outlet: ap-news, quote: "an e2e fact written by hand", date: 2020-09-08 }',
      '',
    ].join('\n');
    save(path, good);

    for (const page of [a.page, b.page]) {
      await page.waitForFunction((id) => window.__splinternet!.cy.getElementById(id).nonempty(), key, { timeout: 15_000 });
    }
    // Nothing else moved, and the new relation is marked and announced.
    const after = await positions(a.page);
    for (const [id, p] of Object.entries(before)) expect(after[id], id).toEqual(p);
    expect(await a.page.evaluate((id) => window.__splinternet!.cy.getElementById(id).hasClass('live-changed'), key)).toBe(true);
    await expect.poll(() => a.page.locator('.toast').allInnerTexts(), { timeout: 5_000 }).toContainEqual(expect.stringContaining(FILE));
    expect((await graphqlStats()).relations).toBe(statsBefore.relations + 1);

    // A bad edit: an unknown entity on line 4. The banner names file:line:column; the graph and the API keep the last good state.
    save(path, good.replace(`    to: ${drawn.to}`, '    to: no-such-entity-e2e'));
    for (const page of [a.page, b.page]) {
      const banner = page.locator('.seed-banner');
      await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => banner.innerText(), { timeout: 5_000 }).toMatch(new RegExp(`data/${FILE.replace('.', '\\.')}:4:\\d+: .*no-such-entity-e2e`));
    }
    await screenshot(a.page, 'live-seed-01-invalid-banner');
    expect(await edgeIds(a.page)).toContain(key);
    expect((await graphqlStats()).relations).toBe(statsBefore.relations + 1);

    // The fix (here: removing the file) clears the banner and retracts the relation in both pages.
    rmSync(path);
    for (const page of [a.page, b.page]) {
      await expect.poll(() => page.locator('.seed-banner').isVisible(), { timeout: 15_000 }).toBe(false);
      await page.waitForFunction((id) => window.__splinternet!.cy.getElementById(id).empty(), key, { timeout: 15_000 });
    }
    expect(await graphqlStats()).toEqual(statsBefore);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('restyles an open page when the ontology changes a kind colour, without a reload', async () => {
    const ontologyPath = join(seedDir, 'ontology.yaml');
    const original = readFileSync(ontologyPath, 'utf8');
    const kind = await a.page.evaluate(() => window.__splinternet!.cy.nodes().first().data('kind') as string);
    // The kind's colour line is the first `color:` after `  Kind:` in kinds.
    const at = original.indexOf(`\n  ${kind}:\n`);
    expect(at, `${kind} in ontology.yaml`).toBeGreaterThan(0);
    const colorAt = original.indexOf('color: "#', at);
    const changed = `${original.slice(0, colorAt)}color: "#123456"${original.slice(colorAt + 'color: "#xxxxxx"'.length)}`;
    try {
      save(ontologyPath, changed);
      await a.page.waitForFunction(
        (k) => {
          const n = window.__splinternet!.cy.nodes(`[kind = "${k}"]`).first();
          return n.nonempty() && n.style('background-color') === 'rgb(18,52,86)';
        },
        kind,
        { timeout: 15_000 },
      );
    } finally {
      save(ontologyPath, original);
    }
    // And back, so the other tests see the original ontology.
    await a.page.waitForFunction((k) => window.__splinternet!.cy.nodes(`[kind = "${k}"]`).first().style('background-color') !== 'rgb(18,52,86)', kind, {
      timeout: 15_000,
    });
    expect(a.errors).toEqual([]);
  });
});
