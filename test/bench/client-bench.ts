/**
 * Browser benchmark of the explorer client (`npm run bench:client [-- --sizes 1000,5000,10000]`).
 *
 * Two variants side by side, each at every size, in headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium or CHROMIUM_PATH; software rendering):
 *  - OURS: the built client at `/?synthetic=N` (its synthetic graph, its scale policies, drawn by
 *    draw-large-graph.ts: entities while the Web Worker lays them out, then the relations). The
 *    client asks /graphql for `Bootstrap` (ontology + stats) at start; the static server here
 *    answers it from seed/ontology.yaml with zero counts.
 *  - PLAIN: client-bench-plain.ts bundled with Vite: Cytoscape defaults + fcose default quality
 *    (animate off) on the same graph (the client's generator, same ontology kinds and types).
 * Figures: time from navigation start to the first frame with all elements present, to layout
 * done (+ one frame), and the longest long task from navigation to layout done ("load"). Then
 * panning as a user does it: the mouse pressed on empty canvas and dragged in many small moves
 * for ~3 s (Cytoscape's textureOnViewport/hideEdgesOnViewport apply only to such user gestures);
 * frames/s counted with requestAnimationFrame, the longest frame, and the longest long task
 * during the drag and 0.5 s after it. Last, the older programmatic figure: `cy.panBy` in a rAF
 * loop (~3 s), which never takes the texture path and so measures full redraws per frame.
 * OURS also times "what changed" between two dates on the drawn graph (its Query.changes answered
 * by this server from the same synthetic graph) with its longest main-thread task.
 * Layout waits are capped (`--cap-s`, default 90). Nothing is asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { parse } from 'yaml';
import { changeBetween } from '../../client/src/graph/as-of-date.ts';
import { syntheticGraph } from '../../client/src/graph/synthetic-graph.ts';
import { reportBench } from './bench-report.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const sizes = arg('sizes', '1000,5000,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => n > 0);
const capMs = Number(arg('cap-s', '90')) * 1000;
const panMs = Number(arg('pan-s', '3')) * 1000;
const variants = arg('variants', 'ours,plain').split(',');
/** With `--shots DIR`: a screenshot of each page once laid out, as DIR/<variant>-<size>.png. */
const shotsDir = arg('shots', '');
/** With `--profile`: a CPU profile of each page from navigation to layout done; prints the top functions by self time. */
const profile = process.argv.includes('--profile');
/** `--profile-phase filter`: profile the filter clicks (OURS) instead of the load. */
const profilePhase = arg('profile-phase', 'load');

// --- ontology, as the server's Bootstrap answers it --------------------------------------------------
type YamlProps = Record<string, { type: string; required?: boolean; description?: string }> | undefined;
const yamlOntology = parse(readFileSync(join(root, 'seed', 'ontology.yaml'), 'utf8')) as {
  kinds: Record<string, { description?: string; color: string; shape: string; properties?: YamlProps }>;
  relations: Record<string, { from: string[]; to: string[]; phrase: string; inverse: string; properties?: YamlProps }>;
};
const props = (p: YamlProps) =>
  Object.entries(p ?? {}).map(([name, v]) => ({ name, type: v.type, required: v.required ?? false, description: v.description ?? null }));
const ontology = {
  kinds: Object.entries(yamlOntology.kinds).map(([name, k]) => ({
    name,
    description: k.description ?? '',
    color: k.color,
    shape: k.shape,
    properties: props(k.properties),
  })),
  relationTypes: Object.entries(yamlOntology.relations).map(([name, r]) => ({
    name,
    phrase: r.phrase,
    inverse: r.inverse,
    from: r.from,
    to: r.to,
    properties: props(r.properties),
  })),
};
const kinds = ontology.kinds.map((k) => k.name);
const types = ontology.relationTypes.map((t) => t.name);
const bootstrap = {
  data: { ontology, stats: { entities: 0, relations: 0, byKind: [], byType: [], earliestDate: null, latestDate: null } },
};

// --- builds ----------------------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'client-bench-'));
const clientDist = join(work, 'client');
const plainDist = join(work, 'plain');

function buildClient(): void {
  // Into a temp dir, so a server serving client/dist meanwhile is not disturbed.
  execFileSync(
    'npx',
    [
      'vite',
      'build',
      '--config',
      'client/vite.config.ts',
      '--outDir',
      clientDist,
      '--emptyOutDir',
      '--logLevel',
      'warn',
      ...(profile ? ['--minify', 'false'] : []),
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

async function buildPlain(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: plainDist,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      lib: { entry: join(root, 'test', 'bench', 'client-bench-plain.ts'), formats: ['iife'], name: 'PlainBench', fileName: () => 'plain.js' },
    },
  });
  writeFileSync(
    join(plainDist, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>plain cytoscape</title>
<style>html,body{margin:0;height:100%}#cy{position:absolute;inset:0}</style></head>
<body><div id="cy"></div>
<script>window.__benchConfig = { n: Number(new URLSearchParams(location.search).get('n')), kinds: ${JSON.stringify(kinds)}, types: ${JSON.stringify(types)} };</script>
<script src="plain.js"></script></body></html>`,
  );
}

// --- static server -----------------------------------------------------------------------------------
const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const unknownOps: string[] = [];

function serveFile(res: ServerResponse, base: string, path: string): void {
  let file = normalize(join(base, decodeURIComponent(path)));
  if (!file.startsWith(base)) return void res.writeHead(403).end();
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': mime[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}

/** The synthetic graph the page being measured draws (the page builds the same one). */
let servedGraph: ReturnType<typeof syntheticGraph> | undefined;

/**
 * Query.changes over the synthetic graph, by the client's own period rule, in the API's shape:
 * what the server would answer if the graph were in Neo4j.
 */
function changesAnswer(variables: Record<string, unknown>) {
  const [from, to] = [String(variables.from), String(variables.to)].sort() as [string, string];
  const first = Number(variables.first ?? 200);
  const g = servedGraph ?? { entities: [], relations: [] };
  const appeared = g.relations.filter((r) => changeBetween(r.since, r.until, from, to).appeared);
  const ended = g.relations.filter((r) => changeBetween(r.since, r.until, from, to).ended);
  const kept = [...appeared.slice(0, first), ...ended.slice(0, first)];
  const ends = new Set(kept.flatMap((r) => [r.from.id, r.to.id]));
  return {
    data: {
      changes: {
        from,
        to,
        truncated: appeared.length > first || ended.length > first,
        appeared: appeared.slice(0, first),
        ended: ended.slice(0, first),
        nodes: g.entities.filter((e) => ends.has(e.id)),
      },
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/graphql') {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      // The client sends reads as persisted GETs (operationName and variables in the URL): the
      // stub answers them by operation name, as it answers a POST by the query's name.
      const request =
        req.method === 'GET'
          ? {
              query: `query ${url.searchParams.get('operationName') ?? ''}`,
              variables: JSON.parse(url.searchParams.get('variables') ?? '{}') as Record<string, unknown>,
            }
          : (JSON.parse(body || '{}') as { query?: string; variables?: Record<string, unknown> });
      const query = String(request.query ?? '');
      const json = /query\s+Bootstrap\b/.test(query)
        ? bootstrap
        : /query\s+Timeline\b/.test(query)
          ? { data: { timeline: { buckets: [], undated: 0 } } }
          : /query\s+Changes\b/.test(query)
            ? changesAnswer(request.variables ?? {})
            : (unknownOps.push(query.slice(0, 60)),
              { data: null, errors: [{ message: 'not stubbed in the client bench', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
    return;
  }
  if (url.pathname.startsWith('/plain/')) return serveFile(res, plainDist, url.pathname.slice('/plain/'.length));
  serveFile(res, clientDist, url.pathname);
}

// --- in-page instrumentation ---------------------------------------------------------------------------
/**
 * Runs before any page script: marks the frame after the one where all elements are present,
 * and records long tasks from the start (`__benchLongTasks`: [start, duration] pairs).
 */
function instrument(expected: number): void {
  const w = window as unknown as Record<string, unknown>;
  const longTasks: Array<[number, number]> = [];
  w.__benchLongTasks = longTasks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API */
  }
  const target = () => (w.__splinternet ?? w.__benchTarget) as { cy?: { elements(): { length: number } } } | undefined;
  let seen = false;
  let some = false;
  const tick = () => {
    if (seen) {
      w.__benchFirst = performance.now();
      // Console messages leave the page at once, even if a synchronous layout then blocks it.
      console.debug(`__benchFirst ${String(w.__benchFirst)}`);
      return;
    }
    if (some && w.__benchSome === undefined) {
      w.__benchSome = performance.now();
      console.debug(`__benchSome ${String(w.__benchSome)}`);
    }
    try {
      const count = target()?.cy?.elements().length ?? 0;
      if (count >= expected) seen = true;
      if (count > 0) some = true;
    } catch {
      /* not ready */
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface Measure {
  /** The frame after the first elements were added (a big graph may be added over frames). */
  someMs: number | null;
  firstMs: number | null;
  layoutMs: number | null;
  /** Longest long task from navigation to layout done. */
  loadLongTaskMs: number | null;
  /** Mouse-drag panning. */
  fps: number | null;
  maxFrameMs: number | null;
  maxLongTaskMs: number | null;
  /** Programmatic cy.panBy panning. */
  panByFps: number | null;
  panByMaxFrameMs: number | null;
  /** OURS: the whole drawing laid out again (key L) until idle, and its longest long task. */
  relayoutMs: number | null;
  relayoutLongTaskMs: number | null;
  /** OURS: that re-layout undone (Ctrl+Z) until idle, and its longest long task. */
  undoMs: number | null;
  undoLongTaskMs: number | null;
  /** OURS: one kind filtered out and back in (two clicks), each until the frame after; the longest long task. */
  filterMs: number | null;
  filterLongTaskMs: number | null;
  /** OURS: "what changed" between two dates (as-of date typed, second date, the button) until idle; the longest long task. */
  changesMs: number | null;
  changesLongTaskMs: number | null;
  note: string;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> =>
  Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);

interface FrameStats {
  frames: number;
  elapsed: number;
  maxFrame: number;
  /** Farthest the viewport got from where it started, in px (proves a drag really panned). */
  maxShift: number;
}

/** In the page: counts frames for `duration` ms; with `panBy`, pans programmatically each frame. */
function countFrames(args: { duration: number; panBy: boolean }): Promise<FrameStats> {
  const w = window as unknown as Record<string, { cy: { panBy(p: { x: number; y: number }): void; pan(): { x: number; y: number } } } | undefined>;
  const cy = (w.__splinternet ?? w.__benchTarget)!.cy;
  const pan0 = { ...cy.pan() };
  return new Promise((resolveRun) => {
    let frames = 0;
    let last = performance.now();
    const start = last;
    let maxFrame = 0;
    let maxShift = 0;
    const step = (now: number) => {
      const t = Math.max(now, performance.now());
      maxFrame = Math.max(maxFrame, t - last);
      last = t;
      const pan = cy.pan();
      maxShift = Math.max(maxShift, Math.hypot(pan.x - pan0.x, pan.y - pan0.y));
      if (t - start >= args.duration) return resolveRun({ frames, elapsed: t - start, maxFrame, maxShift });
      frames++;
      if (args.panBy) {
        const phase = Math.floor((t - start) / 500) % 2 === 0 ? 1 : -1;
        cy.panBy({ x: 6 * phase, y: 3 * phase });
      }
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

/** In the page: the viewport point (CSS px) farthest from any node, where a drag pans. */
function emptySpot(): { x: number; y: number } {
  const w = window as unknown as Record<string, { cy: import('cytoscape').Core } | undefined>;
  const cy = (w.__splinternet ?? w.__benchTarget)!.cy;
  const box = cy.container()!.getBoundingClientRect();
  const nodes = cy.nodes(':visible').map((n) => ({ ...n.renderedPosition(), r: n.renderedOuterWidth() / 2 }));
  let best = { x: box.width / 2, y: box.height / 2, gap: -Infinity };
  for (let gx = 1; gx < 40; gx++) {
    for (let gy = 1; gy < 25; gy++) {
      const x = (box.width * (0.2 + (0.6 * gx) / 40)) | 0;
      const y = (box.height * (0.2 + (0.6 * gy) / 25)) | 0;
      let gap = Infinity;
      for (const n of nodes) gap = Math.min(gap, Math.hypot(n.x - x, n.y - y) - n.r);
      if (gap > best.gap) best = { x, y, gap };
    }
  }
  return { x: box.left + best.x, y: box.top + best.y };
}

/** Prints the functions with the most self time in a CDP CPU profile, with their main callers. */
function printProfile(p: {
  nodes: Array<{ id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  startTime?: number;
  samples?: number[];
  timeDeltas?: number[];
}): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
  };
  const self = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  (p.samples ?? []).forEach((id, i) => {
    const ms = (p.timeDeltas?.[i] ?? 0) / 1000;
    const key = name(id);
    self.set(key, (self.get(key) ?? 0) + ms);
    const chain: string[] = [];
    for (let up = parent.get(id); up !== undefined && chain.length < 6; up = parent.get(up)) chain.push(name(up).split(' ')[0]!);
    const c = callers.get(key) ?? new Map<string, number>();
    c.set(chain.join(' < '), (c.get(chain.join(' < ')) ?? 0) + ms);
    callers.set(key, c);
  });
  // Inclusive time of named functions (`--profile-focus REGEX`), counted once per sample.
  const focus = arg('profile-focus', '');
  if (focus) {
    const total = new Map<string, number>();
    (p.samples ?? []).forEach((id, i) => {
      const seen = new Set<string>();
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
        const key = name(up);
        if (!seen.has(key) && new RegExp(focus).test(key)) total.set(key, (total.get(key) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
        seen.add(key);
      }
    });
    for (const [key, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  incl ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  }
  // Busy stretches over 150 ms (samples with no idle or "(program)" sample between: roughly one
  // task each), with their heaviest entry chains (`--profile-depth N` frames, `--profile-top K`).
  let busyStart = -1;
  let busyEntries = new Map<string, number>();
  let clock = p.startTime ?? 0;
  (p.samples ?? []).forEach((id, i) => {
    clock += p.timeDeltas?.[i] ?? 0;
    const idle = name(id).startsWith('(idle)') || name(id).startsWith('(program)');
    if (!idle) {
      if (busyStart < 0) busyStart = clock;
      const chain: string[] = [];
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) chain.push(name(up).split(' ')[0]!);
      const entry = chain
        .reverse()
        .slice(1, Number(arg('profile-depth', '5')))
        .join(' > ');
      busyEntries.set(entry, (busyEntries.get(entry) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
    } else if (busyStart >= 0) {
      const ms = (clock - busyStart) / 1000;
      if (ms > 150) {
        console.log(`  busy ${ms.toFixed(0)} ms at ${((busyStart - (p.startTime ?? 0)) / 1000).toFixed(0)} ms:`);
        for (const [entry, ems] of [...busyEntries].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('profile-top', '3'))))
          console.log(`      ${ems.toFixed(0).padStart(5)} ms  ${entry}`);
      }
      busyStart = -1;
      busyEntries = new Map();
    }
  });
  // Where the time goes below one function (`--profile-under NAME`): its callees' self time.
  const under = arg('profile-under', '');
  if (under) {
    const below = new Map<string, number>();
    (p.samples ?? []).forEach((id, i) => {
      const chain: string[] = [];
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) chain.push(name(up));
      const at = chain.findIndex((k) => k.startsWith(`${under} `));
      if (at < 0) return;
      const key = chain
        .slice(Math.max(0, at - 4), at + 1)
        .reverse()
        .join(' > ');
      below.set(key, (below.get(key) ?? 0) + (p.timeDeltas?.[i] ?? 0) / 1000);
    });
    for (const [key, ms] of [...below].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  under ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  }
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
    for (const [chain, cms] of [...callers.get(key)!].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`           ${cms.toFixed(0).padStart(5)} ms  < ${chain}`);
  }
}

const maxLongTaskSince = (page: Page, since: number) =>
  page.evaluate((t) => {
    const tasks = (window as unknown as { __benchLongTasks?: Array<[number, number]> }).__benchLongTasks ?? [];
    return tasks.filter(([start]) => start >= t).reduce((m, [, d]) => Math.max(m, d), 0);
  }, since);

async function measure(browser: Browser, url: string, expected: number, shot?: string): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  const m: Measure = {
    someMs: null,
    firstMs: null,
    layoutMs: null,
    loadLongTaskMs: null,
    fps: null,
    maxFrameMs: null,
    maxLongTaskMs: null,
    panByFps: null,
    panByMaxFrameMs: null,
    relayoutMs: null,
    relayoutLongTaskMs: null,
    undoMs: null,
    undoLongTaskMs: null,
    filterMs: null,
    filterLongTaskMs: null,
    changesMs: null,
    changesLongTaskMs: null,
    note: '',
  };
  const logs: string[] = [];
  let firstRender!: (t: number) => void;
  const firstSeen = new Promise<number>((r) => (firstRender = r));
  page.on('console', (msg) => {
    const text = msg.text();
    if (text.startsWith('__benchFirst ')) firstRender(Number(text.slice('__benchFirst '.length)));
    if (text.startsWith('__benchSome ')) m.someMs = Number(text.slice('__benchSome '.length));
    if (/synthetic:/.test(text)) logs.push(text);
  });
  page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  try {
    // tsx (esbuild keepNames) wraps functions sent to the page in `__name(fn, "name")`.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript({ content: `(${instrument.toString()})(${expected});` });
    const cdp = profile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      if (profilePhase === 'load') await cdp.send('Profiler.start');
    }
    await page.goto(url, { waitUntil: 'commit' });
    const first = await withTimeout(firstSeen, capMs);
    if (first === 'timeout') {
      m.note = `first render > ${capMs / 1000} s`;
      return m;
    }
    m.firstMs = first;
    // The page may sit in a synchronous fcose run for a long time: race it from Node.
    const done = await withTimeout(
      page.evaluate(async () => {
        const w = window as unknown as Record<string, { whenIdle(): Promise<void> } | undefined>;
        await (w.__splinternet ?? w.__benchTarget)!.whenIdle();
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now();
      }),
      capMs,
    ).catch((e: unknown) => `error: ${String(e)}`);
    if (typeof done !== 'number') {
      m.note = done === 'timeout' ? `layout > ${capMs / 1000} s` : done;
      return m;
    }
    m.layoutMs = done;
    if (cdp && profilePhase === 'load') printProfile((await cdp.send('Profiler.stop')).profile);
    if (shot) await page.screenshot({ path: shot });
    m.loadLongTaskMs = (await maxLongTaskSince(page, 0)) || null;
    const longest = await page.evaluate(() =>
      ((window as unknown as { __benchLongTasks?: Array<[number, number]> }).__benchLongTasks ?? []).filter(([, d]) => d >= 200),
    );
    if (longest.length > 0) console.log(`  load tasks ≥ 200 ms (start+duration): ${longest.map(([s, d]) => `${Math.round(s)}+${Math.round(d)}`).join(', ')}`);

    // Drag-pan as a user does: press on empty canvas, many small moves, release.
    const spot = await page.evaluate(emptySpot);
    const dragStart = await page.evaluate(() => performance.now());
    const counting = page.evaluate(countFrames, { duration: panMs, panBy: false });
    await page.mouse.move(spot.x, spot.y);
    await page.mouse.down();
    const t0 = Date.now();
    for (let i = 0; Date.now() - t0 < panMs; i++) {
      const a = (Date.now() - t0) / 400;
      await withTimeout(page.mouse.move(spot.x + 80 * Math.sin(a), spot.y + 40 * Math.sin(a * 0.7)), 30_000);
    }
    const drag = await withTimeout(counting, 60_000);
    await page.mouse.up();
    await page.waitForTimeout(500);
    if (drag === 'timeout') {
      m.note = 'drag pan did not finish';
      return m;
    }
    if (drag.maxShift < 20) m.note = `drag did not pan (moved ${drag.maxShift.toFixed(0)} px)`;
    m.fps = (drag.frames / drag.elapsed) * 1000;
    m.maxFrameMs = drag.maxFrame;
    m.maxLongTaskMs = (await maxLongTaskSince(page, dragStart)) || null;

    const panBy = await withTimeout(page.evaluate(countFrames, { duration: panMs, panBy: true }), panMs + 60_000);
    if (panBy !== 'timeout') {
      m.panByFps = (panBy.frames / panBy.elapsed) * 1000;
      m.panByMaxFrameMs = panBy.maxFrame;
    }
    if (url.includes('synthetic')) {
      /** Presses `key` and waits until the app is idle, plus a frame: the time, and the longest long task meanwhile. */
      const timeKey = async (key: string): Promise<{ ms: number; longTask: number | null } | undefined> => {
        const start = await page.evaluate(() => performance.now());
        await page.keyboard.press(key);
        const done = await withTimeout(
          page.evaluate(async () => {
            await (window as unknown as { __splinternet: { whenIdle(): Promise<void> } }).__splinternet.whenIdle();
            await new Promise((r) => requestAnimationFrame(r));
            return performance.now();
          }),
          capMs,
        );
        if (done === 'timeout') return undefined;
        await page.waitForTimeout(300); // long task entries arrive after their task
        return { ms: done - start, longTask: (await maxLongTaskSince(page, start)) || null };
      };
      // Lay the whole drawing out again, as a user does with L (worker layout, positions
      // applied), then undo it: every node back where it was.
      await page.waitForTimeout(500);
      const relayout = await timeKey('l');
      if (relayout) {
        m.relayoutMs = relayout.ms;
        m.relayoutLongTaskMs = relayout.longTask;
        await page.waitForTimeout(200);
        const undo = await timeKey('Control+z');
        if (undo) {
          m.undoMs = undo.ms;
          m.undoLongTaskMs = undo.longTask;
        }
      }
      // Filter one kind out and back in, as a user does in the sidebar.
      await page.waitForTimeout(500);
      if (cdp && profilePhase === 'filter') await cdp.send('Profiler.start');
      const filterStart = await page.evaluate(() => performance.now());
      for (let i = 0; i < 2; i++) {
        await page.locator(`[data-kind="${kinds[0]}"]`).click();
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      m.filterMs = (await page.evaluate(() => performance.now())) - filterStart;
      if (cdp && profilePhase === 'filter') printProfile((await cdp.send('Profiler.stop')).profile);
      await page.waitForTimeout(300);
      m.filterLongTaskMs = (await maxLongTaskSince(page, filterStart)) || null;
      // "What changed" between two dates: the changes fetched (stubbed above), drawn, marked
      // on every relation, listed; then the redraw. Synthetic relations start in 2010–2023.
      await page.locator('#as-of-date').fill('2016-06-01');
      await page.locator('#as-of-date').dispatchEvent('change');
      await page.evaluate(() => (window as unknown as { __splinternet: { whenIdle(): Promise<void> } }).__splinternet.whenIdle());
      await page.locator('#compare-date').fill('2013-06-01');
      await page.waitForTimeout(300);
      const changesStart = await page.evaluate(() => performance.now());
      await page.locator('#what-changed-run').click();
      await page.locator('#what-changed-list .change-item').first().waitFor({ timeout: capMs });
      m.changesMs =
        (await page.evaluate(async () => {
          await (window as unknown as { __splinternet: { whenIdle(): Promise<void> } }).__splinternet.whenIdle();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now();
        })) - changesStart;
      await page.waitForTimeout(300);
      m.changesLongTaskMs = (await maxLongTaskSince(page, changesStart)) || null;
      const renderer = await page.evaluate(
        () => (window as unknown as { __splinternet: { state: { renderer: unknown; errors: string[] } } }).__splinternet.state,
      );
      m.note = [m.note, `renderer ${JSON.stringify(renderer.renderer)}`, ...renderer.errors.map((e) => `error: ${e}`)].filter(Boolean).join('; ');
    }
    return m;
  } finally {
    if (logs.length) m.note = [m.note, ...logs].filter(Boolean).join('; ');
    await withTimeout(context.close(), 15_000);
  }
}

const fmt = (ms: number | null, capped: boolean) => (ms === null ? (capped ? `> ${capMs / 1000} s` : 'n/a') : `${(ms / 1000).toFixed(2)} s`);
/** A longest-long-task cell: n/a when the step was not measured, 0 when it had no long task. */
const taskCell = (longTask: number | null, measured: boolean) => (longTask === null ? (measured ? 0 : 'n/a') : Math.round(longTask));

async function main(): Promise<void> {
  let browser: Browser | undefined;
  const server = createServer(handle);
  const rows: Array<Record<string, string | number>> = [];
  const details: unknown[] = [];
  try {
    console.log('building client and plain page…');
    buildClient();
    await buildPlain();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    for (const size of sizes) {
      const g = syntheticGraph(size, kinds, types);
      servedGraph = g;
      const expected = g.entities.length + g.relations.length;
      for (const variant of variants) {
        const url = variant === 'ours' ? `${base}/?synthetic=${size}` : `${base}/plain/index.html?n=${size}`;
        console.log(`${variant} ${size} (${g.entities.length} nodes, ${g.relations.length} edges)…`);
        const m = await measure(browser, url, expected, shotsDir ? join(resolve(shotsDir), `${variant}-${size}.png`) : undefined);
        details.push({ variant, size, nodes: g.entities.length, edges: g.relations.length, ...m });
        rows.push({
          variant: variant === 'ours' ? 'OURS' : 'PLAIN',
          elements: size,
          nodes: g.entities.length,
          edges: g.relations.length,
          'first elements': fmt(m.someMs ?? m.firstMs, false),
          'first render': fmt(m.firstMs, m.note.startsWith('first')),
          'layout done': fmt(m.layoutMs, m.note.startsWith('layout')),
          'load max long task ms': taskCell(m.loadLongTaskMs, m.layoutMs !== null),
          'drag-pan fps': m.fps === null ? 'n/a' : Number(m.fps.toFixed(1)),
          'drag max frame ms': m.maxFrameMs === null ? 'n/a' : Math.round(m.maxFrameMs),
          'drag max long task ms': taskCell(m.maxLongTaskMs, m.fps !== null),
          'panBy fps': m.panByFps === null ? 'n/a' : Number(m.panByFps.toFixed(1)),
          're-layout (L)': fmt(m.relayoutMs, false),
          're-layout max long task ms': taskCell(m.relayoutLongTaskMs, m.relayoutMs !== null),
          'undo re-layout': fmt(m.undoMs, false),
          'undo max long task ms': taskCell(m.undoLongTaskMs, m.undoMs !== null),
          'filter out+in': fmt(m.filterMs, false),
          'filter max long task ms': taskCell(m.filterLongTaskMs, m.filterMs !== null),
          'what changed': fmt(m.changesMs, false),
          'what changed max long task ms': taskCell(m.changesLongTaskMs, m.changesMs !== null),
        });
        if (m.note) console.log(`  ${m.note}`);
      }
    }
  } finally {
    if (browser) await withTimeout(browser.close(), 15_000);
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(work, { recursive: true, force: true });
  }
  reportBench('client', rows, {
    environment: 'headless Chromium (Debian /usr/bin/chromium, --disable-gpu: software rendering) on a 2-core machine; other work may share the cores',
    measured:
      'times are from navigation start; "first elements" = the frame after the first elements are in cy (OURS adds big graphs in chunks of 500 elements; PLAIN adds all at once); "first render" = the frame after all elements are in cy; "layout done" = whenIdle() (OURS) / fcose layoutstop (PLAIN) + one frame; "load max long task" = longest long task (PerformanceObserver) from navigation to layout done; drag-pan = mouse down on the emptiest canvas spot, small playwright mouse.move steps for panSeconds, then up: fps by requestAnimationFrame, long tasks during the drag and 0.5 s after (this is the gesture for which Cytoscape uses textureOnViewport, which OURS turns on past 2,000 elements and plain defaults leave off); panBy fps = cy.panBy every rAF for panSeconds (programmatic: never the texture path, so a full redraw per frame); re-layout (OURS only; PLAIN would repeat its layout run) = key L, the whole drawing laid out again, until whenIdle() + one frame, with its longest long task; undo re-layout (OURS) = Ctrl+Z right after, the same way; filter out+in (OURS) = two clicks on the first kind\'s sidebar toggle (hide, show), each followed by two frames, with the longest long task; what changed (OURS) = as-of date 2016-06-01 typed, second date 2013-06-01, the What changed button: Query.changes answered here from the synthetic graph by the client\'s period rule (up to 300 appeared), drawn, every relation re-marked, the list rendered, until whenIdle() + two frames, with the longest long task',
    ours: '/?synthetic=N of the built client; /graphql Bootstrap stubbed from seed/ontology.yaml with zero stats',
    plain:
      'Cytoscape default style, preset (origin) positions for the first frame, then fcose with default options except animate:false; same graph via client/src/graph/synthetic-graph.ts',
    layoutCapSeconds: capMs / 1000,
    panSeconds: panMs / 1000,
    unstubbedOperations: [...new Set(unknownOps)],
    details,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
