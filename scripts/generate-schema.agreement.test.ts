// The schema and the action's validator agree: on every case of the bad-input corpus that is about the
// document (both reject it, at the same field), and on every example and good config (both accept it).
// The cases about something else are listed by name with the reason, so the claim stays honest.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { loadConfigFile } from '../src/inputs/config-file.js';
import { BAD_INPUTS, type BadInputCase } from '../src/inputs/fixtures/bad-inputs.js';
import { GOOD_CONFIGS, inputsOf, makeWorkspace, removeWorkspaces } from '../src/inputs/fixtures/workspace.js';
import { mergeSpec } from '../src/inputs/merge.js';
import { readInputs } from '../src/inputs/read-inputs.js';
import { SPEC_INPUTS, specFromInputs } from '../src/inputs/spec-from-inputs.js';
import { validateSpec } from '../src/inputs/validate-spec.js';
import { generateSchema, SCHEMA_PATH, type JsonSchema } from './generate-schema.js';

afterAll(removeWorkspaces);

const schema = generateSchema();
const definitions = schema.definitions as Record<string, JsonSchema>;
const validator = new Ajv({ allErrors: true }).compile(schema);
const EXAMPLES_DIR = resolve(SCHEMA_PATH, '../../examples');

/** Corpus cases the schema cannot judge, and why. Every other case must be rejected by both. */
const NOT_ABOUT_THE_DOCUMENT: Record<string, string> = {
  // Action settings: they steer the action, they are no part of the config file.
  'wait-timeout that is not a duration': 'an action setting',
  'zero wait-timeout': 'an action setting',
  'wait-for-ready that is not a boolean': 'an action setting',
  'unknown mode': 'an action setting',
  'unknown comment-on-pr': 'an action setting',
  'role-duration-seconds that is not a number': 'an action setting',
  'role-duration-seconds beyond 12 hours': 'an action setting',
  'role-to-assume that is not a role ARN': 'an action setting (the deploy role, not the runtime role)',
  // The text of an input does not parse, so it never reaches the document.
  'environment variable line without =': 'a KEY=VALUE input line without "="',
  'tag line without =': 'a KEY=VALUE input line without "="',
  'environment variable with an empty key': 'a KEY=VALUE input line with an empty key',
  'max lifetime that is not a whole number': 'input text that is not a number ("1h")',
  'container and code inputs together':
    'a clash between inputs: the action reports it and keeps the container, so the document is valid',
};
const NO_DOCUMENT: Record<string, string> = {
  'config file that does not exist': 'there is no file',
  'malformed YAML': 'a syntax error: editors report it before any schema check',
  'duplicate key in YAML': 'a syntax error (the YAML language server reports duplicate keys itself)',
  // config-file.ts refuses duplicate JSON keys while parsing; a parsed document has only one of them.
  'duplicate key in a .json-less JSON file': 'a parse error, in a file the schema test cannot name as JSON',
  'malformed JSON (missing comma)': 'a syntax error',
  'malformed JSON (bare word)': 'a syntax error',
};
const BEYOND_JSON_SCHEMA: Record<string, string> = {
  // spec-rules.ts lifecycleOrder: draft-07 has no keyword that compares two values.
  'idle timeout longer than the lifetime': 'idleRuntimeSessionTimeout <= maxLifetime compares two fields',
  // config-file.ts refuses duplicate JSON keys while parsing; the parsed document keeps one value.
  'duplicate key nested in JSON (an environment variable set twice)':
    'JSON Schema sees parsed values, not keys twice',
};

interface Judged {
  /** What the action validates: the file merged with the inputs (or, when that fails, what the file holds). */
  document: unknown;
  /** The file as written, which is what an editor checks; absent when the case has no file. */
  fileDocument?: unknown;
  /** The verdict of the action's validator on the document (inputs and settings aside). */
  actionRejects: boolean;
}

/** Builds the document the action would validate for a case, as readInputs does, and judges it. */
function judge(inputs: Record<string, string>, files: Record<string, string>): Judged | undefined {
  const workspace = makeWorkspace(files);
  const getInput = inputsOf(inputs);
  const configPath = getInput('config-file');
  const loaded = configPath ? loadConfigFile(configPath, workspace) : undefined;
  const text = configPath ? files[configPath] : undefined;
  if (loaded && !loaded.file) {
    // Only a file that parses, yet holds no mapping, is a document the schema can judge.
    if (text === undefined) return undefined;
    try {
      const document = parseFile(configPath, text);
      return { document, fileDocument: document, actionRejects: true };
    } catch {
      return undefined;
    }
  }
  const document = mergeSpec(loaded?.file?.document, specFromInputs(getInput).overrides);
  return {
    document,
    ...(text !== undefined && { fileDocument: parseFile(configPath, text) }),
    actionRejects: validateSpec(document, { overrides: [] }).length > 0,
  };
}

const parseFile = (path: string, text: string): unknown =>
  path.endsWith('.json') ? JSON.parse(text) : parse(text);
const filesOf = (c: BadInputCase) => (c.file ? { [c.file.name]: c.file.text } : {});
const schemaRejects = (document: unknown) => validator(document) !== true;

/** Where the corpus expects the error, as path segments: an input stands for the field it sets. */
function expectedSegments(field: string): string[] {
  if (field === 'config-file') return [];
  const apiPath = SPEC_INPUTS.find((i) => i.input === field)?.path ?? field;
  return apiPath.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== '');
}

/** Where ajv puts an error, as path segments; a missing or unknown property counts as its own place. */
function errorSegments(error: ErrorObject): string[] {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (error.params.missingProperty ?? error.params.additionalProperty) as string | undefined;
  return extra === undefined ? segments : [...segments, extra];
}

/** One path lies on the other's way down (or they are the same place). */
const related = (a: string[], b: string[]) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).join('\u0000') === b.slice(0, n).join('\u0000');
};

describe('the bad-input corpus', () => {
  const excluded = { ...NOT_ABOUT_THE_DOCUMENT, ...NO_DOCUMENT, ...BEYOND_JSON_SCHEMA };

  it('names only cases that exist in the exclusion lists', () => {
    const names = BAD_INPUTS.map((c) => c.name);
    expect(Object.keys(excluded).filter((name) => !names.includes(name))).toEqual([]);
  });

  const aboutTheDocument = BAD_INPUTS.filter((c) => !(c.name in excluded));
  it('is mostly about the document', () => {
    expect(aboutTheDocument.length).toBeGreaterThan(BAD_INPUTS.length / 2);
  });

  it.each(aboutTheDocument.map((c) => [c.name, c] as const))(
    'both reject, at the same field: %s',
    (_, bad) => {
      const judged = judge(bad.inputs, filesOf(bad));
      expect(judged).toBeDefined();
      expect(judged!.actionRejects).toBe(true);
      expect(schemaRejects(judged!.document)).toBe(true);
      const expected = expectedSegments(bad.expectField);
      const places = (validator.errors ?? []).map(errorSegments);
      if (!places.some((place) => related(place, expected)))
        throw new Error(`no schema error at or around ${expected.join('.')}: ${JSON.stringify(places)}`);
      // An editor sees the file as written: it must flag the same file.
      const fileOnly = Object.keys(bad.inputs).every((k) => k === 'config-file');
      if (fileOnly) expect(schemaRejects(judged!.fileDocument)).toBe(true);
    },
  );

  it.each(Object.entries(NOT_ABOUT_THE_DOCUMENT))(
    'is rejected for something outside the document, which both accept: %s (%s)',
    (name) => {
      const bad = BAD_INPUTS.find((c) => c.name === name)!;
      const env = { GITHUB_WORKSPACE: makeWorkspace(filesOf(bad)), AWS_REGION: 'us-east-1' };
      expect(readInputs(inputsOf(bad.inputs), env, loadConfigFile).errors).not.toEqual([]);
      const judged = judge(bad.inputs, filesOf(bad))!;
      expect(judged.actionRejects).toBe(false);
      expect(schemaRejects(judged.document)).toBe(false);
    },
  );

  it.each(Object.entries(NO_DOCUMENT))('has no document to check: %s (%s)', (name) => {
    const bad = BAD_INPUTS.find((c) => c.name === name)!;
    expect(judge(bad.inputs, filesOf(bad))).toBeUndefined();
  });

  it.each(Object.entries(BEYOND_JSON_SCHEMA))(
    'is rejected by the action only, beyond what JSON Schema can say: %s (%s)',
    (name) => {
      const bad = BAD_INPUTS.find((c) => c.name === name)!;
      const judged = judge(bad.inputs, filesOf(bad))!;
      expect(judged.actionRejects).toBe(true);
      expect(schemaRejects(judged.document)).toBe(false);
    },
  );
});

const exampleFiles = readdirSync(EXAMPLES_DIR).filter((f) => /\.(ya?ml|json)$/.test(f));
const goodFiles = readdirSync(GOOD_CONFIGS);

describe.each([
  ['examples', EXAMPLES_DIR, exampleFiles],
  ['good configs of the validator tests', GOOD_CONFIGS, goodFiles],
])('%s', (_, dir, files) => {
  it.each(files)('%s: both accept it', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const inputs = { 'config-file': name };
    const env = { GITHUB_WORKSPACE: makeWorkspace({ [name]: text }), AWS_REGION: 'us-east-1' };
    expect(readInputs(inputsOf(inputs), env, loadConfigFile).errors).toEqual([]);
    const judged = judge(inputs, { [name]: text })!;
    expect(judged.actionRejects).toBe(false);
    for (const document of [judged.document, judged.fileDocument]) {
      validator(document);
      expect(validator.errors ?? []).toEqual([]);
    }
  });
});

describe('the examples', () => {
  it('are the five the README promises', () => {
    expect(exampleFiles.sort()).toEqual([
      'code-s3.json',
      'container-public.yaml',
      'everything.yaml',
      'mcp-jwt.yaml',
      'vpc.yaml',
    ]);
  });

  it.each(exampleFiles)('%s points editors at the schema', (name) => {
    const text = readFileSync(join(EXAMPLES_DIR, name), 'utf8');
    const reference = name.endsWith('.json')
      ? (JSON.parse(text) as { $schema: string }).$schema
      : /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(reference).toBeDefined();
    expect(resolve(EXAMPLES_DIR, reference!)).toBe(SCHEMA_PATH);
    expect(relative(EXAMPLES_DIR, SCHEMA_PATH)).toBe(reference);
  });

  it('set, between them, every field of every shape', () => {
    const set = new Set<string>();
    /** Walks a document along its schema, noting `Shape.field` for every field it sets. */
    const walk = (value: unknown, node: JsonSchema, shape: string): void => {
      if (typeof node.$ref === 'string') {
        const name = node.$ref.replace('#/definitions/', '');
        return walk(value, definitions[name], name);
      }
      if (Array.isArray(value)) return value.forEach((item) => walk(item, node.items as JsonSchema, shape));
      const properties = node.properties as Record<string, JsonSchema> | undefined;
      if (typeof value !== 'object' || value === null || !properties) return;
      for (const [field, fieldValue] of Object.entries(value)) {
        set.add(`${shape}.${field}`);
        if (properties[field]) walk(fieldValue, properties[field], shape);
      }
    };
    for (const name of exampleFiles)
      walk(parseFile(name, readFileSync(join(EXAMPLES_DIR, name), 'utf8')), schema, 'config');
    const fields = Object.entries({ config: schema, ...definitions }).flatMap(([shape, node]) =>
      Object.keys((node.properties ?? {}) as object).map((field) => `${shape}.${field}`),
    );
    // clientToken and requireServiceS3Endpoint are ignored by the action: no example teaches them.
    expect(fields.filter((field) => !set.has(field))).toEqual([
      'config.clientToken',
      'VpcConfig.requireServiceS3Endpoint',
    ]);
  });
});
