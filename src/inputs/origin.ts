// Says where a problem at an API path should be reported: under the input that set the value
// (`agent-runtime-name`), or at the API path in the config file with its line and column.
import type { SpecError } from '../spec/types.js';
import { hasPath, walkPath, plainTree } from './api-path.js';
import type { ConfigFile } from './config-file.js';
import { isArtifactInput, SPEC_INPUTS, type InputOverride } from './spec-from-inputs.js';

export interface Sources {
  overrides: readonly InputOverride[];
  file?: ConfigFile;
}

export type Where = Pick<SpecError, 'field' | 'file' | 'line' | 'column'> & {
  /** Set when the field is an input and the path goes deeper into it: `item 2`, `key "FOO"`. */
  within?: string;
};

/** `path` is `ancestor` or lies inside it. */
export const isWithin = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);

export function whereIs(path: string, sources: Sources, at: 'key' | 'value' = 'value'): Where {
  const { overrides, file } = sources;
  const fromInput = overrides.find((o) => setsPath(o, path));
  if (fromInput) return { field: fromInput.input, within: within(path, fromInput.path) };

  const fileDocument = fileView(sources);
  if (file && hasPath(fileDocument, path)) return inFile(file, path, at);
  // A container the inputs created, e.g. networkModeConfig made for the `subnets` input.
  const underneath = overrides.find((o) => isWithin(o.path, path));
  if (underneath) return { field: underneath.input };
  // Missing: at the nearest object the file does write, if any below the top level.
  if (file && walkPath(fileDocument, path, plainTree).trail.length > 0) return inFile(file, path, 'key');
  // Missing from both: name the input that would set it.
  const input = SPEC_INPUTS.find((i) => isWithin(i.path, path));
  if (input) return { field: input.input };
  return { field: path, ...(file && { file: file.path }) };
}

/** Map inputs set only their own keys; other inputs set everything under their path. */
function setsPath(override: InputOverride, path: string): boolean {
  if (override.kind !== 'keyValues') return isWithin(path, override.path);
  if (path === override.path) return true;
  return Object.keys(override.value as object).some((key) => isWithin(path, `${override.path}.${key}`));
}

/** The file as it counts after the merge: artifact inputs replace its whole artifact. */
function fileView({ file, overrides }: Sources): unknown {
  if (!file || !overrides.some(isArtifactInput)) return file?.document;
  const rest = { ...file.document };
  delete rest.agentRuntimeArtifact;
  return rest;
}

function inFile(file: ConfigFile, path: string, at: 'key' | 'value'): Where {
  const position = file.locate(path, at);
  return { field: path, file: file.path, ...(position && { line: position.line, column: position.column }) };
}

function within(path: string, inputPath: string): string | undefined {
  const rest = path.slice(inputPath.length);
  const index = /^\[(\d+)\]/.exec(rest);
  if (index) return `item ${Number(index[1]) + 1}`;
  if (rest.startsWith('.')) return `key "${rest.slice(1)}"`;
  return undefined;
}
