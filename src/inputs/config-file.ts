// Loads the `config-file` input: a JSON or YAML document in the shape of the CreateAgentRuntime request,
// found relative to GITHUB_WORKSPACE (the checked-out repository), never to the action's own folder.
// The YAML parser also reads JSON, so one parsed document serves both formats for line/column lookups.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { SpecError } from '../spec/types.js';
import { walkPath, type TreeAdapter } from './api-path.js';

export interface Position {
  line: number;
  column: number;
}

export interface ConfigFile {
  /** The path as the user wrote it: shown in messages and used for annotations. */
  path: string;
  document: Record<string, unknown>;
  /**
   * Where the value at an API path is written (1-based). When the path is missing, where its nearest
   * written ancestor is; undefined when not even the first step is written. `key` points at the key
   * (`subnets:`) rather than the value.
   */
  locate(apiPath: string, at?: 'key' | 'value'): Position | undefined;
}

export type LoadResult = { file: ConfigFile; errors: [] } | { file: undefined; errors: SpecError[] };

const INPUT = 'config-file';

export function loadConfigFile(userPath: string, workspace: string | undefined): LoadResult {
  const failed = (message: string, at?: Position): LoadResult => ({
    file: undefined,
    errors: [{ field: INPUT, message, file: userPath, ...(at && { line: at.line, column: at.column }) }],
  });
  if (!workspace && !nodePath.isAbsolute(userPath))
    return failed(
      `cannot find ${userPath}: GITHUB_WORKSPACE is not set, and the path is resolved against it`,
    );
  const resolved = nodePath.resolve(workspace ?? '/', userPath);
  if (!existsSync(resolved))
    return failed(
      `${resolved} does not exist. config-file is resolved against GITHUB_WORKSPACE (${workspace ?? 'unset'}); ` +
        'check the path and that the repository is checked out (actions/checkout) before this step',
    );
  if (statSync(resolved).isDirectory()) return failed(`${resolved} is a directory, not a JSON or YAML file`);

  const text = readFileSync(resolved, 'utf8').replace(/^\uFEFF/, '');
  const parsed = parseText(text, formatOf(userPath), userPath);
  if ('error' in parsed) return failed(parsed.error, parsed.at);
  if (!isPlainObject(parsed.value))
    return failed(
      `${userPath} must hold a mapping of CreateAgentRuntime fields (e.g. agentRuntimeName: my_agent), ` +
        `not ${parsed.value === null ? 'nothing' : Array.isArray(parsed.value) ? 'a list' : `a ${typeof parsed.value}`}`,
      { line: 1, column: 1 },
    );
  const document = withoutNulls(parsed.value) as Record<string, unknown>;
  return { file: { path: userPath, document, locate: locator(parsed.layout) }, errors: [] };
}

type Format = 'json' | 'yaml' | 'either';

function formatOf(path: string): Format {
  const ext = nodePath.extname(path).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yml' || ext === '.yaml' ? 'yaml' : 'either';
}

interface Layout {
  doc: Document;
  lines: LineCounter;
}
type ParseOutcome = { value: unknown; layout: Layout } | { error: string; at?: Position };

function parseText(text: string, format: Format, userPath: string): ParseOutcome {
  const lines = new LineCounter();
  // prettyErrors off: the pretty form quotes the offending source line, which may hold a secret.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true });
  const layout = { doc, lines };
  if (format !== 'yaml') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      if (format === 'json') return jsonError(err, text, layout, userPath);
    }
    if (value !== undefined) return duplicateJsonKey(text, layout, userPath) ?? { value, layout };
  }
  const first = doc.errors[0];
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more problem(s) after it)` : '';
    return {
      error: `${userPath} is not valid YAML: ${withoutSource(first.message)} at line ${line}, column ${col}${more}`,
      at: { line, column: col },
    };
  }
  try {
    return { value: doc.toJS(), layout };
  } catch (err) {
    return { error: `${userPath} is not valid YAML: ${(err as Error).message}` };
  }
}

/** Some YAML messages end in the offending text (`Not a YAML token: <text>`): cut it, it may be a secret. */
const withoutSource = (message: string) => message.replace(/: .*$/s, '');

/**
 * Node's JSON.parse reports a byte offset in some versions and quotes the source in others; the quoted
 * source is never shown (it may hold a secret). Without an offset, the YAML parser (JSON schema) finds
 * the spot, and failing that the end of the file.
 */
function jsonError(err: unknown, text: string, { lines }: Layout, userPath: string): ParseOutcome {
  const message = (err as Error).message;
  const withOffset = /^(.*?) in JSON at position (\d+)/.exec(message);
  const reason =
    withOffset?.[1] ?? (/^Unexpected end/.test(message) ? 'unexpected end of input' : 'unexpected token');
  const offset = withOffset ? Number(withOffset[2]) : (firstJsonProblem(text) ?? text.length);
  const { line, col } = lines.linePos(offset);
  return {
    error: `${userPath} is not valid JSON: ${reason} at line ${line}, column ${col}`,
    at: { line, column: col },
  };
}

/**
 * JSON.parse silently keeps the last of two equal keys, so a duplicate (two `roleArn`s after a merge) would
 * deploy whichever came last. The YAML parser, which read the same text, reports them with positions.
 */
function duplicateJsonKey(text: string, { doc, lines }: Layout, userPath: string): ParseOutcome | undefined {
  const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (!duplicate) return undefined;
  const { line, col } = lines.linePos(duplicate.pos[0]);
  const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(duplicate.pos[0]))?.[1];
  const key = quoted === undefined ? 'a key' : `the key "${quoted}"`;
  return {
    error:
      `${userPath} is not valid: ${key} appears twice in one object (again at line ${line}, column ${col}); ` +
      'JSON would silently keep only the last one. Remove one of them',
    at: { line, column: col },
  };
}

/** Read as YAML with the JSON schema, a bare word (`tru`, `secret`) is an error with a position. */
function firstJsonProblem(text: string): number | undefined {
  return parseDocument(text, { schema: 'json', prettyErrors: false }).errors[0]?.pos[0];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `description:` with nothing after it means "not set", as in the API (null members are absent). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** A YAML node together with the key it is written under (items of a list have no key). */
interface Slot {
  key?: Node;
  value: Node | null;
}

const yamlTree: TreeAdapter<Slot> = {
  keys: ({ value }) =>
    isMap(value)
      ? value.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key))
      : undefined,
  child: ({ value }, key) => {
    if (typeof key === 'number') {
      const item = isSeq(value) ? value.items[key] : undefined;
      return item === undefined ? undefined : { value: item as Node | null };
    }
    if (!isMap(value)) return undefined;
    const pair = value.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === key);
    return pair && { key: pair.key as Node, value: pair.value as Node | null };
  },
};

function locator({ doc, lines }: Layout) {
  return (apiPath: string, at: 'key' | 'value' = 'value'): Position | undefined => {
    const { trail, complete } = walkPath<Slot>({ value: doc.contents as Node | null }, apiPath, yamlTree);
    const slot = trail.at(-1);
    if (!slot) return undefined;
    // A scalar is shown where it is written; an object or list, and a missing member, at the key above it.
    const showValue = complete && at === 'value' && (isScalar(slot.value) || !slot.key);
    const node = (showValue ? slot.value : slot.key) ?? slot.value;
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}
