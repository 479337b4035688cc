import * as assert from 'node:assert/strict';
import { markdownText, nameOfWord, relationHover } from '../../src/core/query/relationHover';

/** Names an editor could give a table or a column, to show up in another member's hover. */
const HOSTILE = [
  '[open me](https://evil.example/phish)',
  '![](https://evil.example/track.png)',
  '<img src=https://evil.example/t.png>',
  'https://evil.example/autolink',
  '**loud** _and_ `code`',
  '# heading',
  'line one\nline two',
  '&lt;entity&gt;',
  '[ref]: https://evil.example/reference',
];

describe('hovering a table in a query: the names an editor chose are shown as text', () => {
  let render: (markdown: string) => string;
  before(async () => {
    const { marked } = await import('marked');
    render = (markdown) => marked.parse(markdown, { async: false });
  });

  it('renders each hostile name as its own text, with no link, image, HTML or emphasis (marked, as VS Code renders hovers)', () => {
    for (const name of HOSTILE) {
      const markdown = relationHover({ schema: 'public', name, columns: [{ name, type: name }] }, 'Table · ~10 rows', (n) => `and ${n} more columns`);
      const html = render(markdown);
      assert.doesNotMatch(html, /<a |<img|<em>|<code>|<h1>/, `${name}: ${html}`);
      // Only the product's own bold and list remain.
      assert.equal((html.match(/<strong>/g) ?? []).length, 1, html);
      const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      assert.ok(text.includes(name.replace(/\n/g, ' ')), `${name} not shown as written: ${text}`);
    }
  });

  it('lists at most 60 columns and says how many more there are', () => {
    const columns = Array.from({ length: 75 }, (_, i) => ({ name: `c${i}`, type: 'integer' }));
    const html = render(relationHover({ schema: 'public', name: 'wide', columns }, 'Table', (n) => `and ${n} more columns`));
    assert.equal((html.match(/<li>/g) ?? []).length, 61);
    assert.match(html, /and 15 more columns/);
  });

  it('escapes every character Markdown could read as markup, on one line', () => {
    assert.equal(markdownText('a_b*c'), 'a\\_b\\*c');
    assert.equal(markdownText('x\r\ny'), 'x y');
  });

  it('reads a hovered word as the server reads a name', () => {
    assert.equal(nameOfWord('Visits'), 'visits');
    assert.equal(nameOfWord('"Sé ""data"""'), 'Sé "data"');
  });
});
