/**
 * The security headers in a real browser: the explorer and GraphiQL work under their
 * Content-Security-Policies, and the browser reports no violation of them — on the page, by
 * the layout's Web Worker, or while exporting a PNG.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CLIENT_CSP } from '../../server/http/security-headers.ts';
import { idle, launchBrowser, newAppPage } from './browser-helpers.ts';

const base = inject('e2eBaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every CSP violation the page reports: its securitypolicyviolation events and the console's "Refused to …" lines. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) consoleLines.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [...consoleLines, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

describe('security headers in the browser', () => {
  it('the explorer loads, lays out in its Web Worker and exports a PNG with no CSP violation', async () => {
    const app = await newAppPage(browser);
    try {
      const violations = await recordViolations(app.page);
      const logs: string[] = [];
      app.page.on('console', (m) => logs.push(m.text()));
      const response = await app.page.goto(`${base}/`);
      const headers = response!.headers();
      expect(headers['content-security-policy']).toBe(CLIENT_CSP);
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['referrer-policy']).toBe('no-referrer');
      await app.page.waitForFunction(() => (window.__splinternet?.state.entities.length ?? 0) > 0, null, { timeout: 30_000 });
      await idle(app.page);
      expect(await app.page.evaluate(() => window.__splinternet!.cy.elements().length)).toBeGreaterThan(0);

      // A graph big enough for the layout's Web Worker; it must run there, not fall back to this thread.
      await app.page.goto(`${base}/?synthetic=1000`);
      await app.page.waitForFunction(() => (window.__splinternet?.cy.elements().length ?? 0) >= 900, null, { timeout: 60_000 });
      await idle(app.page);
      expect(logs.find((l) => l.startsWith('synthetic:'))).toMatch(/compute in worker \d+ ms/);

      await app.page.getByRole('button', { name: 'Export ▾' }).click();
      const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.locator('[data-format="png"]').click()]);
      expect(download.suggestedFilename()).toMatch(/\.png$/);

      expect(await violations()).toEqual([]);
      expect(app.errors).toEqual([]);
    } finally {
      await app.page.context().close();
    }
  });

  it('GraphiQL renders under its own CSP (its inline bundle allowed by hash) with no violation', async () => {
    const app = await newAppPage(browser);
    try {
      const violations = await recordViolations(app.page);
      // GraphiQL's first act is to introspect the schema over fetch (connect-src).
      const introspection = app.page.waitForResponse(
        (r) => r.url() === `${base}/graphql` && r.request().method() === 'POST' && /__schema/.test(r.request().postData() ?? ''),
        {
          timeout: 60_000,
        },
      );
      const response = await app.page.goto(`${base}/graphql`);
      const csp = response!.headers()['content-security-policy']!;
      expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect((await introspection).status()).toBe(200);
      // Its editor (Monaco, with its workers, fonts and styles) shows the example operations.
      await app.page.waitForSelector('.graphiql-container', { timeout: 60_000 });
      await expect
        .poll(
          () =>
            app.page
              .locator('.graphiql-editor')
              .first()
              .innerText()
              // Monaco draws spaces as no-break spaces.
              .then((t) => t.replace(/\u00a0/g, ' ')),
          { timeout: 60_000 },
        )
        .toContain('splinternet — a few questions');
      await app.page.waitForTimeout(1_000);
      expect(await violations()).toEqual([]);
    } finally {
      await app.page.context().close();
    }
  });
});
