import { escapeText, inlineCode, safeUrl, shorten, visible } from './escape-markdown.js';
import { cells, withoutCodeSpans } from './test-helpers.js';

/** The text a code span shows (CommonMark: strip the fence, then one space each side if both have one). */
function codeSpanContent(span: string): string {
  const fence = /^`+/.exec(span)![0];
  const inner = span.slice(fence.length, span.length - fence.length);
  return inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() !== '' ? inner.slice(1, -1) : inner;
}

describe('inlineCode', () => {
  it.each(['plain', 'has `one` tick', '``double``', '`starts', 'ends`', ' spaced ', 'x```y'])(
    'shows %j exactly, whatever backticks it holds',
    (text) => {
      const span = inlineCode(text, 'prose');
      expect(codeSpanContent(span)).toBe(text);
      expect(withoutCodeSpans(span)).toBe('');
    },
  );

  it('escapes pipes in tables, so a value cannot add a column', () => {
    const row = `| ${inlineCode('a | b || c')} | next |`;
    expect(cells(row)).toHaveLength(2);
    expect(inlineCode('a|b', 'prose')).toBe('`a|b`');
  });

  it('keeps a value on one line and visible', () => {
    expect(inlineCode('one\ntwo\r\nthree')).toBe('`one↵two↵three`');
    expect(inlineCode('')).toBe('`""`');
    expect(inlineCode('safe\u202Eevil')).toBe('`safe\\u{202E}evil`');
  });
});

describe('escapeText', () => {
  it('turns HTML, markdown and mentions into plain characters', () => {
    const text = escapeText('</details><img src=x> **bold** [link](u) @octocat #12 a|b');
    expect(text).not.toMatch(/<|>/);
    expect(text).toContain('&lt;/details&gt;');
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('@&#8203;octocat');
    expect(text).toContain('\\#&#8203;12');
    expect(text).toContain('a\\|b');
  });

  it('escapes ampersands before adding its own entities', () => {
    expect(escapeText('&amp; @')).toBe('&amp;amp; @&#8203;');
  });
});

describe('shorten', () => {
  it('cuts long text at code points and says how much is left', () => {
    expect(shorten('a'.repeat(4096), 100)).toEqual({ text: 'a'.repeat(100), omitted: 3996 });
    expect(shorten('😀😀😀', 2)).toEqual({ text: '😀😀', omitted: 1 });
    expect(shorten('short', 100)).toEqual({ text: 'short', omitted: 0 });
  });
});

describe('safeUrl', () => {
  it('accepts http(s) only and encodes what would end a markdown link', () => {
    expect(safeUrl('https://github.com/o/r/actions/runs/1')).toBe('https://github.com/o/r/actions/runs/1');
    expect(safeUrl('https://x.test/a_(b)')).toBe('https://x.test/a_%28b%29');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});

describe('visible', () => {
  it('shows control and zero-width characters as escapes', () => {
    expect(visible('a\u0000b\u200Bc\td')).toBe('a\\u{0000}b\\u{200B}c\td');
  });
});
