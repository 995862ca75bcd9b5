// The structural checker guards every rendering test; it must itself catch what it claims to catch.
import { cells, markdownProblems, withoutCodeSpans } from './test-helpers.js';

describe('markdownProblems', () => {
  it('passes well-formed, inert markdown', () => {
    const ok = [
      '<details open>',
      '<summary>x</summary>',
      '',
      '| a | b |',
      '|---|---|',
      '| `@x \\| <img>` | y |',
      '',
      '</details>',
    ];
    expect(markdownProblems(ok.join('\n'))).toEqual([]);
  });

  it.each([
    ['an open <details>', '<details>\n<summary>x</summary>\n\ntext', /left open/],
    ['a stray </details>', 'text\n\n</details>', /without <details>/],
    ['</details> glued to text', '<details>\ntext\n</details>', /blank line/],
    ['a row with an extra cell', '| a | b |\n|---|---|\n| 1 | 2 | 3 |', /3 cells/],
    ['text right after a table', '| a |\n|---|\nnot a row', /after a table/],
    ['raw HTML', 'hello <img src=x>', /raw HTML <img/],
    ['a mention', 'ping @octocat', /mention/],
    ['an open code fence', '```\ncode', /left open/],
    ['an unmatched backtick', 'a ` b', /backtick/],
  ])('finds %s', (_what, markdown, problem) => {
    expect(markdownProblems(markdown).join('\n')).toMatch(problem);
  });
});

describe('withoutCodeSpans / cells', () => {
  it('removes code spans of any fence length and splits rows at unescaped pipes', () => {
    expect(withoutCodeSpans('a `x` b ``y ` z`` c')).toBe('a  b  c');
    expect(cells('| `a \\| b` | c |')).toHaveLength(2);
  });
});
