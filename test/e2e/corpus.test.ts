// The held-in corpus of real-world configurations (fixtures/real-world-configs.ts), run through the bundled
// action against the emulator: every one is accepted and planned, and a representative few deploy on
// Node 24 (what runners use) and re-deploy as no-ops.
import { stringify } from 'yaml';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24 } from '../../scripts/run-action.js';
import { REAL_WORLD_CONFIGS, type RealWorldConfig } from './fixtures/real-world-configs.js';
import { deployWith, mutatingRequests, operationOf } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const asFile = (c: RealWorldConfig) => ({ 'runtime.yaml': stringify(c.config) });

/** One process per case, a few at a time, as the bad-input corpus runs. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

test('the corpus is tens of cases, each with its source, none of them alike', () => {
  expect(REAL_WORLD_CONFIGS.length).toBeGreaterThanOrEqual(25);
  expect(new Set(REAL_WORLD_CONFIGS.map((c) => c.name)).size).toBe(REAL_WORLD_CONFIGS.length);
  for (const c of REAL_WORLD_CONFIGS) expect(c.source).toMatch(/\S{8,}/);
  const serialized = REAL_WORLD_CONFIGS.map((c) => JSON.stringify(c.config));
  expect(new Set(serialized).size).toBe(serialized.length);
});

test(
  `every real-world configuration (${REAL_WORLD_CONFIGS.length}) is accepted and planned, nothing changed`,
  async () => {
    const mark = emu.requests.length;
    const outcomes = await inBatches(REAL_WORLD_CONFIGS, 4, async (c) => {
      const run = await deployWith(emu, {
        files: asFile(c),
        inputs: { mode: 'plan', 'config-file': 'runtime.yaml' },
      });
      const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
      if (run.code === 0 && errors.length === 0 && run.outputs.operation === 'create') return undefined;
      return `${c.name} (${c.source}): exit ${run.code}, operation ${run.outputs.operation}\n${errors.join('\n')}`;
    });
    expect(outcomes.filter(Boolean)).toEqual([]);
    expect(mutatingRequests(emu.requests.slice(mark))).toEqual([]);
  },
  Math.max(60_000, REAL_WORLD_CONFIGS.length * 5_000),
);

/** The new kinds (capacity provider, its volumes, 14-day lifecycle), a VPC runtime and a JWT one. */
const REPRESENTATIVE = [
  'cp_agentx_worker_cdk',
  'cp_basic_http_zip',
  'cp_scratch_volume',
  'samples_codex_s3_files_vpc',
  'tf_custom_claim_contains_any',
  'cdk_cognito',
];

test.each(REPRESENTATIVE)(
  '%s deploys on Node 24, and a second deploy is a no-op',
  async (name) => {
    const c = REAL_WORLD_CONFIGS.find((r) => r.name === name)!;
    const inputs = { mode: 'deploy', 'config-file': 'runtime.yaml' };
    const first = await deployWith(emu, { node: NODE24, files: asFile(c), inputs });
    expect(first.stdout).not.toMatch(/::error/);
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ operation: 'create', status: 'READY' });

    const second = await deployWith(emu, { node: NODE24, files: asFile(c), inputs });
    expect(second.code).toBe(0);
    expect(second.outputs).toMatchObject({ operation: 'none', changed: 'false' });
    expect(mutatingRequests(second.requests).map(operationOf)).toEqual([]);
  },
  120_000,
);
