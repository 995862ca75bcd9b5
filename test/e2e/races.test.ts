// Two deploys racing for one runtime, through the bundled action: exactly one runtime exists afterwards,
// both runs end (exit 0, or exit 1 naming the conflict), and a run that says it succeeded names a version
// whose configuration is its own.
import { GetAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { containerInputs, deployWith, emulatorClient, IMAGE, pinnedImage } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 1500 });
});
afterAll(() => emu.close());

const imageOfVersion = async (id: string, version: string) =>
  (
    await emulatorClient(emu).send(
      new GetAgentRuntimeCommand({ agentRuntimeId: id, agentRuntimeVersion: version }),
    )
  ).agentRuntimeArtifact?.containerConfiguration?.containerUri;

/**
 * Every run that exited 0 deployed its own image (pinned to its tag's digest) at the version it reports; the
 * others name the conflict.
 */
async function expectHonestOutcomes(runs: Awaited<ReturnType<typeof deployWith>>[], images: string[]) {
  for (const [i, run] of runs.entries()) {
    if (run.code === 0) {
      const { 'agent-runtime-id': id, 'agent-runtime-version': version } = run.outputs;
      expect([i, await imageOfVersion(id, version)]).toEqual([i, pinnedImage(emu, images[i])]);
    } else {
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::.*(conflict|concurrent|another deploy)/i);
    }
  }
}

test('two deploys of the same new runtime started together: one runtime, both end honestly', async () => {
  const name = 'raced_create';
  const runs = await Promise.all([0, 1].map(() => deployWith(emu, { inputs: containerInputs(name) })));
  expect(emu.agentcore.runtimes().filter((r) => r.agentRuntimeName === name)).toHaveLength(1);
  await expectHonestOutcomes(runs, [IMAGE, IMAGE]);
  expect(runs.some((r) => r.code === 0)).toBe(true);
}, 120_000);

test('two deploys of the same new runtime with different images: one runtime, both end honestly', async () => {
  const name = 'raced_create_images';
  const images = [`${IMAGE}-a`, `${IMAGE}-b`];
  const runs = await Promise.all(
    images.map((image) => deployWith(emu, { inputs: containerInputs(name, { 'container-uri': image }) })),
  );
  expect(emu.agentcore.runtimes().filter((r) => r.agentRuntimeName === name)).toHaveLength(1);
  await expectHonestOutcomes(runs, images);
}, 120_000);

test('two updates of one runtime with different images: both end honestly, the last one deployed wins', async () => {
  const name = 'raced_update';
  expect((await deployWith(emu, { inputs: containerInputs(name) })).code).toBe(0);
  const images = [`${IMAGE}-x`, `${IMAGE}-y`];
  const runs = await Promise.all(
    images.map((image) => deployWith(emu, { inputs: containerInputs(name, { 'container-uri': image }) })),
  );
  expect(emu.agentcore.runtimes().filter((r) => r.agentRuntimeName === name)).toHaveLength(1);
  await expectHonestOutcomes(runs, images);
  expect(runs.some((r) => r.code === 0)).toBe(true);
}, 120_000);
