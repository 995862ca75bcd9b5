// Values from a config file or from AWS end up in a PR comment that GitHub renders as markdown with HTML.
// Every such value goes through here, so none can break a table, open HTML, start a code fence, mention
// people, reference other issues or hide text with invisible characters.

/** Where a fragment goes: table cells need `|` escaped (even inside code spans), prose does not. */
export type Place = 'table' | 'prose';

/**
 * A code span showing `text` literally: markdown, HTML and @mentions inside code spans are inert.
 * Backticks in the text get a longer fence; newlines (which would end a table row) show as ↵.
 */
export function inlineCode(text: string, place: Place = 'table'): string {
  let shown = visible(text);
  if (shown.trim() === '') shown = JSON.stringify(shown); // an empty or blank code span would vanish
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space from each end when both ends have one: pad so that nothing is lost
  // and a backtick at either end cannot merge with the fence.
  const pad = /^[` ]|[` ]$/.test(shown) ? ' ' : '';
  const span = `${fence}${pad}${shown}${pad}${fence}`;
  return place === 'table' ? escapePipes(span) : span;
}

/** Plain text that renders as these characters, in prose or a table cell: no markdown, HTML, mentions or references. */
export function escapeText(text: string): string {
  return (
    visible(text)
      .replace(/[\\`*_{}[\]()#+\-.!~|]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      // A zero-width space after @ or # keeps GitHub from notifying people or cross-referencing issues.
      .replace(/([@#])/g, '$1&#8203;')
  );
}

/** At most `max` characters (code points, so no emoji is cut in half), and how many were left out. */
export function shorten(text: string, max: number): { text: string; omitted: number } {
  const chars = Array.from(text);
  if (chars.length <= max) return { text, omitted: 0 };
  return { text: chars.slice(0, max).join(''), omitted: chars.length - max };
}

/** An http(s) URL fit for `[text](url)`, or undefined for anything else (javascript:, data:, junk). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(
    /[()<>\s`|]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * Makes invisible or layout-changing characters visible: line breaks as ↵, other control characters,
 * zero-width characters and bidirectional overrides (the "Trojan Source" trick) as \u{…} escapes.
 */
export function visible(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, '↵')
    .replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`);
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function escapePipes(text: string): string {
  return text.replace(/\|/g, '\\|');
}
