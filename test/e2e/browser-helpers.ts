/**
 * Helpers for the e2e tests: headless Chromium via playwright-core, pages that record console
 * errors, waiting on the app's test hook (`window.__splinternet`), screenshots to test/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface AppPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** A page (1440×900 unless `viewport` says otherwise) that records console errors. */
export async function newAppPage(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<AppPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { page, errors };
}

/** Waits until neither the viewport nor a node is animating. */
export async function still(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const cy = window.__splinternet!.cy;
    return (
      !cy.animated() &&
      cy
        .nodes()
        .filter((n) => n.animated())
        .empty()
    );
  });
}

/** Opens the app (optionally at a shared-view hash) and waits until it has drawn something. */
export async function openApp(page: Page, base: string, hash = ''): Promise<void> {
  await page.goto(`${base}/${hash ? `#${hash}` : ''}`);
  await page.waitForFunction(() => (window.__splinternet?.state.entities.length ?? 0) > 0, null, { timeout: 30_000 });
  await idle(page);
}

/** Waits until no action is running. */
export async function idle(page: Page): Promise<void> {
  await page.evaluate(() => window.__splinternet!.whenIdle());
}

export async function state(page: Page) {
  return page.evaluate(() => {
    const s = window.__splinternet!.state;
    return {
      entities: s.entities,
      relations: s.relations,
      visibleEntities: s.visibleEntities,
      visibleRelations: s.visibleRelations,
      filters: s.filters,
      selected: s.selected,
      inspector: s.inspector,
      canUndo: s.canUndo,
      canRedo: s.canRedo,
      undoLabel: s.undoLabel,
      errors: s.errors,
    };
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Clicks an element of the graph where it is drawn, as a user would. */
export async function clickGraphElement(page: Page, id: string, button: 'left' | 'right' = 'left'): Promise<void> {
  // Wait for viewport and node animations (fits, layouts) to finish, so the point holds still.
  await still(page);
  const point = await page.evaluate((elementId) => {
    const cy = window.__splinternet!.cy;
    const ele = cy.getElementById(elementId);
    if (ele.empty()) throw new Error(`${elementId} is not drawn`);
    const p = ele.isNode() ? ele.renderedPosition() : (ele as unknown as { renderedMidpoint(): { x: number; y: number } }).renderedMidpoint();
    const rect = cy.container()!.getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, id);
  await page.mouse.click(point.x, point.y, { button });
}

/** Gives the graph canvas keyboard focus, and waits until it has it. */
export async function focusCanvas(page: Page): Promise<void> {
  await page.locator('#cy').focus();
  await page.waitForFunction(() => document.activeElement?.id === 'cy');
  await idle(page);
}

/** Picks the first search suggestion for `text` in a combobox. */
export async function pickFromCombobox(page: Page, inputSelector: string, text: string, optionName: string): Promise<void> {
  const input = page.locator(inputSelector);
  await input.click();
  await input.fill(text);
  const listId = await input.getAttribute('aria-controls');
  const option = page.locator(`#${listId} [role="option"]`, { hasText: optionName }).first();
  await option.waitFor();
  // Keyboard, as the combobox is meant to be used: down to the option, Enter.
  const options = page.locator(`#${listId} [role="option"]`);
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    if ((await options.nth(i).getAttribute('aria-selected')) === 'true' && (await options.nth(i).innerText()).includes(optionName)) break;
    await input.press('ArrowDown');
  }
  await input.press('Enter');
}

/**
 * Every request to the API: POSTs to /graphql and the persisted reads the client sends as
 * GET /graphql?operationName=…&variables=…&extensions=… (a glob ending in /graphql would miss
 * those, since a glob must match the query string too).
 */
export const GRAPHQL_ROUTE = /\/graphql(\?|$)/;

/** The operation a request to the API names: in its JSON body (POST) or its URL (persisted GET). */
export function operationNameOf(request: { url(): string; postData(): string | null }): string | null {
  const fromUrl = new URL(request.url()).searchParams.get('operationName');
  if (fromUrl) return fromUrl;
  try {
    return (JSON.parse(request.postData() ?? 'null') as { operationName?: string } | null)?.operationName ?? null;
  } catch {
    return null;
  }
}
