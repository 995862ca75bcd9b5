import { parseBoolean, parseDuration, parseKeyValueLines, parseList, parseWholeNumber } from './parse.js';

describe('parseList', () => {
  it('splits at commas and newlines, trims items and drops empty ones', () => {
    expect(parseList('a, b\n c ,,\n\n d')).toEqual(['a', 'b', 'c', 'd']);
    expect(parseList('subnet-1\r\nsubnet-2')).toEqual(['subnet-1', 'subnet-2']);
    expect(parseList(' , ')).toEqual([]);
  });
});

describe('parseKeyValueLines', () => {
  it('splits each line at the first "=", keeping the value verbatim', () => {
    const { entries, errors } = parseKeyValueLines(
      'URL=https://x?a=b&c=d\nSPACED =  two words  \r\nEMPTY=',
      'tags',
    );
    expect(errors).toEqual([]);
    expect(entries).toEqual({ URL: 'https://x?a=b&c=d', SPACED: '  two words  ', EMPTY: '' });
  });

  it('skips blank lines and # comments; the last duplicate wins', () => {
    const { entries } = parseKeyValueLines('# comment\n\n  # indented comment\nA=1\nA=2', 'tags');
    expect(entries).toEqual({ A: '2' });
  });

  it('names the input and line of a line without "=", never its text', () => {
    const { entries, errors } = parseKeyValueLines('A=1\n\nTOKEN hunter2', 'environment-variables');
    expect(entries).toEqual({ A: '1' });
    expect(errors).toEqual(['environment-variables line 3 has no "=": write one KEY=VALUE a line']);
    expect(errors.join()).not.toContain('hunter2');
  });

  it('rejects an empty key without echoing the value', () => {
    const { errors } = parseKeyValueLines(' =hunter2', 'environment-variables');
    expect(errors).toEqual(['environment-variables line 1 has an empty key: write one KEY=VALUE a line']);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 1800],
    ['90s', 90],
    ['1h30m', 5400],
    ['2h', 7200],
    ['1h0m5s', 3605],
    ['45', 45],
    ['2H', 7200],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text, 'wait-timeout')).toEqual({ ok: true, value: seconds });
  });

  it.each(['', '1.5h', '10 minutes', 'm', '30m1h', '-5'])('rejects "%s"', (text) => {
    const parsed = parseDuration(text, 'wait-timeout');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain('wait-timeout');
  });

  it.each(['0', '0s', '0h0m'])('rejects the zero duration %s', (text) => {
    expect(parseDuration(text, 'wait-timeout')).toEqual({
      ok: false,
      message: expect.stringContaining('must be longer than zero'),
    });
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['Yes', true],
    ['1', true],
    ['false', false],
    ['No', false],
    ['0', false],
  ])('%s is %s', (text, value) => {
    expect(parseBoolean(text, 'wait-for-ready')).toEqual({ ok: true, value });
  });

  it('rejects anything else, naming the input', () => {
    expect(parseBoolean('maybe', 'wait-for-ready')).toEqual({
      ok: false,
      message: 'wait-for-ready must be true or false (also yes/no, 1/0), not "maybe"',
    });
  });
});

describe('parseWholeNumber', () => {
  it('reads whole numbers', () => {
    expect(parseWholeNumber('900', 'max-lifetime')).toEqual({ ok: true, value: 900 });
    expect(parseWholeNumber('-5', 'max-lifetime')).toEqual({ ok: true, value: -5 });
  });

  it.each(['1.5', '1e3', '15m', 'ten'])('rejects %s, naming the input', (text) => {
    expect(parseWholeNumber(text, 'max-lifetime')).toEqual({
      ok: false,
      message: `max-lifetime must be a whole number of seconds, not "${text}"`,
    });
  });
});
