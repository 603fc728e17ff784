import { h } from './dom.ts';

/**
 * The address to link to when `url` is an absolute http: or https: URL, normalised (so the link
 * goes where the check looked); undefined for any other scheme (`javascript:`, `data:`, `file:`…)
 * and for anything that does not parse. The seed validator admits only http(s), but data from
 * another Neo4j (`NEO4J_URI`) never went through it.
 */
export function linkableUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** A link labelled `label` opening `url` in a new tab when it is http(s) (see linkableUrl); otherwise the URL as plain text. */
export function externalLink(url: string, label: string): HTMLElement {
  const href = linkableUrl(url);
  if (href) return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label);
  return h('span', { class: 'unlinked-url', title: 'Not linked: only http and https addresses are' }, url);
}
