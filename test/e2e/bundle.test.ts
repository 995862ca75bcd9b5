// What each path of the bundle loads: a deploy or a destroy never loads the GitHub client (Octokit), and
// a run without a config-file never loads the YAML parser. Proved by running a copy of dist/ with those
// chunks removed: the paths that do not need them still work, the ones that do fail for want of them.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24, repoRoot } from '../../scripts/run-action.js';
import { containerInputs, deployWith } from './helpers.js';

let emu: Emulator;
const copies: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 100 });
});
afterAll(async () => {
  await emu.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of dist/ without the chunks that contain `marker`; returns its index.js. */
function distWithout(marker: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'acd-dist-'));
  copies.push(dir);
  cpSync(join(repoRoot, 'dist'), dir, { recursive: true });
  const removed = readdirSync(dir).filter(
    (f) => f !== 'index.js' && f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes(marker),
  );
  // The marker must be in a chunk of its own, never in the entry point every run loads.
  expect(readFileSync(join(dir, 'index.js'), 'utf8')).not.toContain(marker);
  expect(removed).not.toEqual([]);
  for (const f of removed) rmSync(join(dir, f));
  return join(dir, 'index.js');
}

const OCTOKIT = 'octokit-core.js'; // Octokit's user agent, in @octokit/core
const YAML_PARSER = 'YAMLParseError'; // the yaml package's error class

test('a deploy, a re-run and a destroy never load the GitHub client; a plan does', async () => {
  const bundle = distWithout(OCTOKIT);
  const inputs = containerInputs('bundle_no_octokit');
  const created = await deployWith(emu, { node: NODE24, bundle, inputs });
  expect(created.stderr).toBe('');
  expect(created.code).toBe(0);
  expect(created.outputs.operation).toBe('create');
  const again = await deployWith(emu, { node: NODE24, bundle, inputs });
  expect(again.code).toBe(0);
  expect(again.outputs.operation).toBe('none');

  const planned = await deployWith(emu, {
    node: NODE24,
    bundle,
    eventName: 'pull_request',
    inputs: { ...inputs, mode: 'auto' },
  });
  expect(planned.code).toBe(1);
  expect(planned.stdout).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);

  const destroyed = await deployWith(emu, {
    node: NODE24,
    bundle,
    inputs: { mode: 'destroy', 'agent-runtime-name': 'bundle_no_octokit' },
  });
  expect(destroyed.code).toBe(0);
  expect(destroyed.outputs.operation).toBe('destroy');
});

test('a run without a config-file never loads the YAML parser; one with a config-file does', async () => {
  const bundle = distWithout(YAML_PARSER);
  const fromInputs = await deployWith(emu, {
    node: NODE24,
    bundle,
    inputs: containerInputs('bundle_no_yaml'),
  });
  expect(fromInputs.code).toBe(0);
  expect(fromInputs.outputs.operation).toBe('create');

  const fromFile = await deployWith(emu, {
    node: NODE24,
    bundle,
    files: { 'rt.yaml': 'agentRuntimeName: bundle_no_yaml\n' },
    inputs: { ...containerInputs(''), 'agent-runtime-name': '', 'config-file': 'rt.yaml' },
  });
  expect(fromFile.code).toBe(1);
  expect(fromFile.stdout).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
});
