// The inputs about the artifact itself rather than the runtime's fields: pinning images by digest, the
// architecture check, and a directory to package as code (code-path, code-exclude). Checked here, before
// any AWS call, like every other input.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SpecError } from '../spec/types.js';
import { parseBoolean } from './parse.js';

export interface ArtifactSettings {
  pinImageDigest: boolean;
  checkArchitecture: boolean;
  /** The directory to zip and deploy, resolved against the workspace; unset without code-path. */
  codePath?: string;
  /** The directory as the user wrote it, for messages. */
  codePathInput?: string;
  /** Where under the bucket the content-addressed zip goes: '' or ends with '/'. */
  codePrefix: string;
  codeExclude: string[];
}

/** Options picomatch is given everywhere, so a pattern that passes here matches the same way later. */
export const GLOB_OPTIONS = { dot: true, strictBrackets: true } as const;

export function readArtifactSettings(
  getInput: (name: string) => string,
  workspace: string,
): { artifact: ArtifactSettings; errors: SpecError[] } {
  const errors: SpecError[] = [];
  const artifact: ArtifactSettings = {
    pinImageDigest: readFlag(getInput, 'pin-image-digest', errors),
    checkArchitecture: readFlag(getInput, 'check-architecture', errors),
    codePrefix: '',
    codeExclude: [],
  };

  const excludeText = getInput('code-exclude');
  artifact.codeExclude = excludeText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  const codePath = getInput('code-path').trim();
  if (!codePath) {
    if (artifact.codeExclude.length > 0)
      errors.push({
        field: 'code-exclude',
        message:
          'code-exclude is set, but code-path is not: the patterns say what to leave out of the code-path directory',
      });
    return { artifact, errors };
  }
  artifact.codePathInput = codePath;
  const absolute = isAbsolute(codePath) ? codePath : resolve(workspace, codePath);
  if (!existsSync(absolute))
    errors.push({
      field: 'code-path',
      message: `code-path "${codePath}" does not exist in the workspace (${workspace}); check out or build the code before this step`,
    });
  else if (!statSync(absolute).isDirectory())
    errors.push({
      field: 'code-path',
      message: `code-path "${codePath}" is a file; it must be the directory to zip, with the entry point at its root`,
    });
  else artifact.codePath = absolute;
  return { artifact, errors };
}

/**
 * Each code-exclude pattern must parse. Asynchronous only so that the glob library is loaded when there
 * are patterns to check (a separate chunk of the bundle); it still runs before any AWS call.
 */
export async function checkExcludeGlobs(patterns: readonly string[]): Promise<SpecError[]> {
  if (patterns.length === 0) return [];
  const { default: picomatch } = await import('picomatch');
  return patterns.flatMap((pattern) => {
    try {
      picomatch.makeRe(pattern, GLOB_OPTIONS);
      return [];
    } catch (err) {
      return [
        {
          field: 'code-exclude',
          message: `code-exclude pattern "${pattern}" is not a valid glob (${(err as Error).message}); write one pattern a line, e.g. tests/** or *.md`,
        },
      ];
    }
  });
}

/** code-s3-prefix as a folder: '' stays '', anything else ends with exactly one '/'. */
export function folderPrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

function readFlag(getInput: (name: string) => string, name: string, errors: SpecError[]): boolean {
  const text = getInput(name);
  if (!text) return true;
  const parsed = parseBoolean(text, name);
  if (parsed.ok) return parsed.value;
  errors.push({ field: name, message: parsed.message });
  return true;
}
