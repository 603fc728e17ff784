/**
 * "Draft from article" end to end: the real server (npm start's, on a temporary copy of seed/:
 * global-server.ts) drafts from a paragraph of ../shared/domain/article.txt, the analyst reviews
 * the candidates in the explorer and saves the accepted ones through saveDraft, previewed first.
 *
 * 1. The copy first loses "Clean Network EXCLUDES ZTE" (as if nobody had entered it yet; the open
 *    page drops it through the live sync). The draft of the opening paragraphs proposes it again,
 *    its sentence highlighted. Accepted (and another candidate rejected, kept as a comment),
 *    previewed, saved: the relation is back in the file and, live, in the graph of the open page.
 * 2. "Clean Network EXCLUDES Huawei" is already known: the card says where, and accepting it
 *    adds the new evidence (another link) to that relation instead of a duplicate.
 * The copy is put back as it was at the end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { GRAPHQL_ROUTE, launchBrowser, newAppPage, openApp, operationNameOf, screenshot, type AppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
const seedDir = inject('e2eSeedDir');
const FILE = 'data/clean-network.yaml';
const ZTE_LINE = '  - clean-network EXCLUDES zte @ap-clean-network-exclusions\n';
const ZTE = 'clean-network|EXCLUDES|zte';
const HUAWEI = 'clean-network|EXCLUDES|huawei';
/**
 * The article's opening paragraph (which names the Clean Network) and the AP one after it ("AP
 * News reports that the U.S. plan … seeks to exclude … Huawei and ZTE"): "that initiative" there
 * is the Clean Network only with the paragraph before.
 */
const PARAGRAPHS = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'domain', 'article.txt'), 'utf8').split(/\n\s*\n/);
const AP = PARAGRAPHS.findIndex((p) => p.startsWith('AP News reports'));
const PARAGRAPH = PARAGRAPHS.slice(AP - 1, AP + 1).join('\n\n');
/** A bound on hung waits (the live sync, a preview), not a speed check. */
const WAIT_MS = 15_000;

let browser: Browser;
let app: AppPage;
let original: string;

const panel = (page: Page) => page.locator('.draft-panel');
/** The card whose claim reads `claim` ("Clean Network excludes ZTE"). */
const card = (page: Page, claim: string) =>
  panel(page)
    .locator('.draft-candidate')
    .filter({ has: page.locator('.cand-claim', { hasText: claim }) });

/** Relation ids the API has between the given entities. */
function relationsBetween(page: Page, ids: string[]): Promise<Array<{ id: string; evidence: Array<{ url: string | null }> }>> {
  return page.evaluate(
    (entityIds) =>
      fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-graphql-csrf': '1' },
        body: JSON.stringify({ query: 'query($ids: [ID!]!) { subgraph(ids: $ids) { edges { id evidence { url } } } }', variables: { ids: entityIds } }),
      })
        .then((r) => r.json())
        .then((r: { data: { subgraph: { edges: Array<{ id: string; evidence: Array<{ url: string | null }> }> } } }) => r.data.subgraph.edges),
    ids,
  );
}
const relationIds = async (page: Page, ids: string[]) => (await relationsBetween(page, ids)).map((r) => r.id);

/** Opens the panel with the button, pastes the paragraph (and a link), drafts. */
async function draftParagraph(page: Page, url: string): Promise<void> {
  if (!(await panel(page).isVisible())) await page.getByRole('button', { name: 'Draft from article' }).click();
  await panel(page).waitFor();
  const article = panel(page).locator('details.draft-article');
  if ((await article.getAttribute('open')) === null) await article.locator('summary').click();
  const form = panel(page).locator('form.draft-input');
  await form.getByLabel('Article text').fill(PARAGRAPH);
  await form.getByLabel('Link', { exact: true }).fill(url);
  // The AP report's date (the article gives none).
  await form.getByLabel('Date', { exact: true }).fill('2020-09-08');
  const review = panel(page).locator('.draft-review');
  const shown = Number((await review.getAttribute('data-reviews')) ?? 0);
  await form.getByRole('button', { name: 'Draft', exact: true }).click();
  await panel(page)
    .locator(`.draft-review[data-reviews="${shown + 1}"] .draft-candidate`)
    .first()
    .waitFor({ timeout: WAIT_MS });
}

/** Waits for the preview's diff to show `text`, then saves. */
async function saveWhenPreviewed(page: Page, text: string | RegExp): Promise<void> {
  await panel(page).locator('.draft-save pre.diff', { hasText: text }).waitFor({ timeout: WAIT_MS });
  const save = panel(page).getByRole('button', { name: 'Save accepted' });
  await expect.poll(() => save.isEnabled(), { timeout: WAIT_MS }).toBe(true);
  await save.click();
}

beforeAll(async () => {
  expect(seedDir, 'the e2e server must edit a copy of seed/ (set E2E_SEED_DIR for an external server)').not.toBe('');
  browser = await launchBrowser();
  app = await newAppPage(browser);
  original = readFileSync(join(seedDir, FILE), 'utf8');
});
afterAll(async () => {
  // Put the copy back for the tests that follow (they compare it with the repository's seed).
  if (original !== undefined) writeFileSync(join(seedDir, FILE), original);
  // …and wait until the server has loaded it again (a bound, not a speed check).
  for (let tries = 0; app && tries < 30 && !(await relationIds(app.page, ['clean-network', 'zte']).catch((): string[] => [])).includes(ZTE); tries++) {
    await new Promise((r) => setTimeout(r, 500));
  }
  await browser?.close();
});

describe('reviewing a draft in the explorer', () => {
  it('drafts from the AP paragraph, accepts "Clean Network excludes ZTE" and rejects another, previews, saves: in the file and, live, in the graph', async () => {
    expect(PARAGRAPH).toMatch(/Clean Network[\s\S]*Huawei\s+and\s+ZTE/);
    expect(original).toContain(ZTE_LINE);
    const { page } = app;
    await openApp(page, base);
    // The open page loses the relation with the file (the live sync), before the draft brings it back.
    await page.waitForFunction((id) => window.__splinternet!.cy.getElementById(id).nonempty(), ZTE, { timeout: WAIT_MS });
    writeFileSync(join(seedDir, FILE), original.replace(ZTE_LINE, ''));
    await expect.poll(() => relationIds(page, ['clean-network', 'zte']), { timeout: WAIT_MS }).not.toContain(ZTE);
    await expect.poll(() => page.evaluate((id) => window.__splinternet!.cy.getElementById(id).nonempty(), ZTE), { timeout: WAIT_MS }).toBe(false);
    await expect.poll(() => page.evaluate(() => window.__splinternet!.state.authoring.mode)).toBe('write');

    await draftParagraph(page, 'https://apnews.com/article/clean-network-data-security');
    const zte = card(page, 'Clean Network excludes ZTE');
    await zte.waitFor();
    // Its sentence, with the cue and its ends marked; how each end was resolved; not known.
    await expect.poll(() => zte.locator('.draft-sentence').innerText()).toMatch(/Huawei\s+and\s+ZTE/);
    expect(await zte.locator('mark.mark-cue').allInnerTexts()).toEqual([expect.stringMatching(/exclude/i)]);
    expect(await zte.locator('mark.mark-end').allInnerTexts()).toContain('ZTE');
    expect(await zte.locator('.cand-mentions').first().innerText()).toMatch(/ZTE → ZTE \(Company\)/);
    expect(await zte.locator('.cand-known').count()).toBe(0);
    expect(await zte.locator('.cand-meta').innerText()).toContain('AP News');
    // The page never turned the article into markup: every mark holds text only.
    expect(await panel(page).locator('.draft-sentence *:not(mark)').count()).toBe(0);

    // Selecting it brings its entities into view beside the panel.
    await zte.locator('.cand-claim').click();
    await expect.poll(() => page.evaluate(() => window.__splinternet!.cy.getElementById('zte').nonempty()), { timeout: WAIT_MS }).toBe(true);

    // Accept it; reject another candidate (kept as a comment).
    await zte.getByRole('button', { name: /^Accept/ }).click();
    await expect.poll(() => zte.getAttribute('class')).toContain('accepted');
    const others = panel(page).locator('.draft-candidate:not(.accepted)');
    expect(await others.count()).toBeGreaterThan(0);
    const rejected = others.first();
    const rejectedClaim = await rejected.locator('.cand-claim').innerText();
    await rejected.getByRole('button', { name: /^Reject/ }).click();
    await expect.poll(() => card(page, rejectedClaim).first().getAttribute('class')).toContain('rejected');
    expect(await panel(page).locator('.draft-counts').innerText()).toMatch(/1 accepted · 1 rejected/);

    // The preview: the relation added to the file, the rejected one as a comment; nothing written yet.
    await panel(page).locator('.draft-save pre.diff .diff-add', { hasText: 'zte' }).first().waitFor({ timeout: WAIT_MS });
    expect(await panel(page).locator('.draft-save pre.diff .diff-add', { hasText: '#' }).count()).toBeGreaterThan(0);
    expect(readFileSync(join(seedDir, FILE), 'utf8')).not.toContain('EXCLUDES zte');
    await zte.scrollIntoViewIfNeeded();
    await screenshot(page, 'draft-review');

    await saveWhenPreviewed(page, 'zte');
    await page
      .locator('.toast', { hasText: /seed\/data\// })
      .first()
      .waitFor({ timeout: WAIT_MS });
    // What was saved leaves the review.
    await expect.poll(() => card(page, 'Clean Network excludes ZTE').count()).toBe(0);

    // In the file, still a valid seed; in the API; and drawn on the open page by the live sync.
    const written = readFileSync(join(seedDir, FILE), 'utf8');
    expect(written).toMatch(/zte/);
    expect(written.length).toBeGreaterThan(original.length - ZTE_LINE.length);
    expect(loadSeed({ seedDir }).diagnostics).toEqual([]);
    await expect.poll(() => relationIds(page, ['clean-network', 'zte']), { timeout: WAIT_MS }).toContain(ZTE);
    await page.waitForFunction((id) => window.__splinternet!.cy.getElementById(id).nonempty(), ZTE, { timeout: WAIT_MS });
    expect(app.errors).toEqual([]);
  });

  it('"Clean Network excludes Huawei" is already known (file:line): accepting it adds the new evidence to that relation', async () => {
    const { page } = app;
    if (!(await page.evaluate(() => window.__splinternet !== undefined).catch(() => false))) await openApp(page, base);
    const url = 'https://apnews.com/article/china-data-security-initiative-wang-yi';
    const before = await relationsBetween(page, ['clean-network', 'huawei']);
    expect(before.map((r) => r.id)).toContain(HUAWEI);
    await draftParagraph(page, url);
    const huawei = card(page, 'Clean Network excludes Huawei');
    await huawei.waitFor();
    expect(await huawei.locator('.cand-known').innerText()).toMatch(
      /Already known \(seed\/data\/clean-network\.yaml:\d+\): accepting adds this evidence to it/,
    );
    await huawei.getByRole('button', { name: /^Accept/ }).click();
    // Only additions, to the known relation's file: no second relation.
    await panel(page).locator('.draft-save pre.diff .diff-add', { hasText: url }).first().waitFor({ timeout: WAIT_MS });
    await saveWhenPreviewed(page, url);
    await expect
      .poll(async () => (await relationsBetween(page, ['clean-network', 'huawei'])).find((r) => r.id === HUAWEI)?.evidence.map((e) => e.url), {
        timeout: WAIT_MS,
      })
      .toContain(url);
    const after = await relationsBetween(page, ['clean-network', 'huawei']);
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).sort());
    expect(after.find((r) => r.id === HUAWEI)!.evidence.length).toBe(before.find((r) => r.id === HUAWEI)!.evidence.length + 1);
    expect(loadSeed({ seedDir }).diagnostics).toEqual([]);
    expect(app.errors).toEqual([]);
  });
  it('on a read-only explorer the draft is reviewed and previewed as well, and offered as a patch to download instead of saved', async () => {
    const ro = await newAppPage(browser);
    try {
      // The server answers this page as one that refuses writes but previews them (SPLINTERNET_READONLY=1).
      await ro.page.route(GRAPHQL_ROUTE, async (route) => {
        if (operationNameOf(route.request()) !== 'AuthoringInfo') return route.continue();
        return route.fulfill({ json: { data: { authoring: { enabled: false, previews: true, reason: 'read-only (test)', tokenRequired: false } } } });
      });
      await openApp(ro.page, base);
      await expect.poll(() => ro.page.evaluate(() => window.__splinternet!.state.authoring.mode)).toBe('propose');
      const before = readFileSync(join(seedDir, FILE), 'utf8');
      await draftParagraph(ro.page, 'https://apnews.com/article/read-only-check');
      await panel(ro.page)
        .locator('.draft-candidate')
        .first()
        .getByRole('button', { name: /^Accept/ })
        .click();
      await panel(ro.page).locator('.draft-save pre.diff .diff-add').first().waitFor({ timeout: WAIT_MS });
      expect(await panel(ro.page).getByRole('button', { name: 'Save accepted' }).isVisible()).toBe(false);
      const download = panel(ro.page).getByRole('button', { name: 'Download this change as a patch' });
      await expect.poll(() => download.isEnabled(), { timeout: WAIT_MS }).toBe(true);
      const [file] = await Promise.all([ro.page.waitForEvent('download'), download.click()]);
      const patch = readFileSync((await file.path())!, 'utf8');
      expect(patch).toMatch(/^\+\+\+ b\/seed\/data\//m);
      expect(patch).toContain('https://apnews.com/article/read-only-check');
      expect(readFileSync(join(seedDir, FILE), 'utf8')).toBe(before);
      expect(ro.errors).toEqual([]);
    } finally {
      await ro.page.context().close();
    }
  });
});
