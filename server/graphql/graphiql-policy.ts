import { createHash } from 'node:crypto';
import { renderGraphiQL as renderBundled } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';

/**
 * GraphiQL (development only) is one page of ~9 MB with its whole bundle in one inline
 * <script>: allowed by that script's hash (computed once per page text), never by
 * 'unsafe-inline' for scripts. What stays looser than the explorer's policy, and why:
 *  - style-src 'unsafe-inline': its editor (Monaco) writes <style> elements and style
 *    attributes at run time, whose texts cannot be known in advance to hash;
 *  - worker-src blob: — Monaco starts its language workers from blob: URLs;
 *  - font-src/img-src data: — its icon font and images are inlined as data: URLs.
 * Everything else is as strict as the explorer's: this origin only, no framing, no forms.
 */
function policyFor(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`,
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * yoga's `renderGraphiQL` and a plugin that gives the page it renders its own CSP (the HTTP
 * server's default for /graphql lets nothing run). The page is rendered once per options
 * (they are fixed for a server), so its 9 MB are neither rebuilt nor rehashed per request.
 */
export function graphiqlWithPolicy(render: (opts: GraphiQLOptions) => string = renderBundled): {
  renderGraphiQL: (opts: GraphiQLOptions) => string;
  plugin: Plugin;
} {
  const pages = new Map<string, { html: string; csp: string }>();
  // The options are the same for every request, so the last page rendered is the one answered.
  let csp: string | undefined;
  return {
    renderGraphiQL(opts) {
      const key = JSON.stringify(opts);
      let page = pages.get(key);
      if (!page) {
        const html = render(opts);
        page = { html, csp: policyFor(html) };
        pages.set(key, page);
      }
      csp = page.csp;
      return page.html;
    },
    plugin: {
      onResponse({ response }) {
        if (csp && response.headers.get('content-type')?.startsWith('text/html')) response.headers.set('content-security-policy', csp);
      },
    },
  };
}
