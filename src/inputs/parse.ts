// Parsers for the text of action inputs. Each returns a value or an error message that names the input;
// none of them echoes a KEY=VALUE line, because a value of `environment-variables` may be a secret.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Comma- or newline-separated values, trimmed, empty items dropped. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export interface KeyValueResult {
  entries: Record<string, string>;
  /** Problems by line; the messages never contain the line's text. */
  errors: string[];
}

/**
 * One KEY=VALUE a line, split at the first `=` (values may contain `=`). Blank lines and lines starting
 * with `#` are skipped. The key is trimmed; the value is kept verbatim apart from a trailing `\r`.
 */
export function parseKeyValueLines(text: string, inputName: string): KeyValueResult {
  const entries: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineNumber = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq < 0) {
      errors.push(`${inputName} line ${lineNumber} has no "=": write one KEY=VALUE a line`);
      return;
    }
    const key = line.slice(0, eq).trim();
    if (key === '') {
      errors.push(`${inputName} line ${lineNumber} has an empty key: write one KEY=VALUE a line`);
      return;
    }
    entries[key] = line.slice(eq + 1);
  });
  return { entries, errors };
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/i;

/** `30m`, `90s`, `1h30m`, `2h`, or a bare number of seconds; must be more than zero. */
export function parseDuration(text: string, inputName: string): Parsed<number> {
  const usage = `use hours, minutes and seconds like 30m, 90s, 1h30m, 2h, or a number of seconds`;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const match = DURATION.exec(text);
    if (!text || !match) return fail(`${inputName} "${text}" is not a duration: ${usage}`);
    const [, h = '0', m = '0', s = '0'] = match;
    seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  }
  if (seconds <= 0) return fail(`${inputName} must be longer than zero: ${usage}`);
  return ok(seconds);
}

const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];

/** true/false, yes/no, 1/0, in any case (as YAML users write booleans). */
export function parseBoolean(text: string, inputName: string): Parsed<boolean> {
  const lower = text.toLowerCase();
  if (TRUE.includes(lower)) return ok(true);
  if (FALSE.includes(lower)) return ok(false);
  return fail(`${inputName} must be true or false (also yes/no, 1/0), not "${text}"`);
}

/** A whole number (ranges are checked where the number is used). */
export function parseWholeNumber(text: string, inputName: string): Parsed<number> {
  if (!/^-?\d+$/.test(text)) return fail(`${inputName} must be a whole number of seconds, not "${text}"`);
  return ok(Number(text));
}
