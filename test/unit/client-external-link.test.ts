import { describe, expect, it } from 'vitest';
import { linkableUrl } from '../../client/src/ui/external-link.ts';

describe('links to URLs from the API', () => {
  it('links http and https URLs, normalised', () => {
    expect(linkableUrl('https://apnews.com/article/clean-network')).toBe('https://apnews.com/article/clean-network');
    expect(linkableUrl('http://example.org')).toBe('http://example.org/');
    expect(linkableUrl('HTTPS://Example.org/a b')).toBe('https://example.org/a%20b');
  });

  it('never links another scheme, however it is spelled, nor what does not parse', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      '\tjava\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.org/uuid',
      'ftp://example.org/',
      '//example.org/protocol-relative',
      '/relative/path',
      'apnews.com',
      '',
    ]) {
      expect(linkableUrl(url), url).toBeUndefined();
    }
  });
});
