import { describe, expect, it } from 'vitest';
import { findDate } from '../../server/draft/article-date.ts';
import { htmlToText, looksLikeHtml } from '../../server/draft/html-to-text.ts';
import { inflections, lemmas } from '../../server/draft/inflect.ts';
import { splitSentences } from '../../server/draft/sentences.ts';

const texts = (t: string) => splitSentences(t).map((s) => s.text);

describe('sentence splitting', () => {
  it('does not end a sentence at abbreviations, initialisms or initials', () => {
    expect(texts('Dr. Jane Smith met Mr. Li on Jan. 5 at Acme Inc. in the U.S. capital. John F. Kennedy said no.')).toEqual([
      'Dr. Jane Smith met Mr. Li on Jan. 5 at Acme Inc. in the U.S. capital.',
      'John F. Kennedy said no.',
    ]);
  });

  it('ends one after an initialism when the next word plainly starts a sentence', () => {
    expect(texts('Huawei is banned in the U.S. The ban starts in May.')).toEqual(['Huawei is banned in the U.S.', 'The ban starts in May.']);
  });

  it('keeps closing quotes with their sentence and splits at line breaks', () => {
    expect(texts('He said “bullying must be opposed.” Reuters notes it.\nHeadline Without Stop\nNext.')).toEqual([
      'He said “bullying must be opposed.”',
      'Reuters notes it.',
      'Headline Without Stop',
      'Next.',
    ]);
  });

  it('gives spans into the text it was given', () => {
    const text = '  First one.  Second one!  ';
    for (const s of splitSentences(text)) expect(text.slice(s.span.start, s.span.end)).toBe(s.text);
  });
});

describe('HTML input', () => {
  it('strips tags, scripts and comments, decodes entities, keeps paragraphs apart', () => {
    const html =
      '<html><head><style>p{}</style><script>alert(1)</script></head><body><h1>Huawei&#8217;s ban</h1><!-- x --><p>AT&amp;T &ldquo;agrees&rdquo;&nbsp;now.</p><p>Second &#x2014; para.</p></body></html>';
    expect(looksLikeHtml(html)).toBe(true);
    expect(looksLikeHtml('Plain text with a < b and c > d.')).toBe(false);
    expect(htmlToText(html)).toBe('Huawei’s ban\n\nAT&T “agrees” now.\n\nSecond — para.');
  });
});

describe('inflection and dates', () => {
  it('inflects a cue word every way news text writes it', () => {
    expect([...inflections('ban')]).toEqual(expect.arrayContaining(['ban', 'bans', 'banned', 'banning']));
    expect([...inflections('label')]).toEqual(expect.arrayContaining(['labels', 'labelled', 'labeled', 'labelling']));
    expect([...inflections('exclude')]).toEqual(expect.arrayContaining(['excludes', 'excluded', 'excluding']));
    expect([...inflections('lead')]).toContain('led');
    expect(lemmas('proposed')).toContain('propose');
    expect(lemmas('banned')).toContain('ban');
  });

  it('finds the first full date in the text', () => {
    expect(findDate('London, July 14, 2020 — Britain banned Huawei; on 2021-01-05 more.')).toEqual({ date: '2020-07-14', source: 'July 14, 2020' });
    expect(findDate('Published 8 Sept. 2020.')).toEqual({ date: '2020-09-08', source: '8 Sept. 2020' });
    expect(findDate('On February 30, 2020 nothing happened.')).toBeUndefined();
  });
});
