// `npm run bench`: prints the figures we promise — bundle size, how soon READY is noticed and at what
// cost in GetAgentRuntime calls, and the wall time of a no-op deploy of the bundled action.
// Runs against the embedded emulator; figures, not assertions (tests assert behaviour).
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmulator } from '../emulator/src/index.js';
import { SdkRuntimeGateway } from '../src/aws/runtime-gateway.js';
import { waitUntilReady } from '../src/aws/wait.js';
import { repoRoot, runAction } from './run-action.js';

const TRANSITIONS_SECONDS = [1, 3, 8, 20];

function bundleSize(): void {
  const path = join(repoRoot, 'dist/index.js');
  const bytes = statSync(path).size;
  const gzip = gzipSync(readFileSync(path)).length;
  console.log(
    `bundle  dist/index.js  ${(bytes / 1e6).toFixed(2)} MB  (${(gzip / 1e6).toFixed(2)} MB gzipped)`,
  );
  console.log(
    '        peers (peers.md): ecs-deploy 2.6 MB, lambda-deploy 3.9 MB, cloudformation-deploy 3.4 MB',
  );
}

async function readyDetection(): Promise<void> {
  const emu = await startEmulator();
  try {
    const client = new BedrockAgentCoreControlClient({
      endpoint: emu.urls.agentcore,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIABENCH0000000000', secretAccessKey: 'x' },
    });
    const gateway = new SdkRuntimeGateway(client);
    console.log('\nwait    transition  noticed after  lag    GetAgentRuntime calls');
    for (const seconds of TRANSITIONS_SECONDS) {
      emu.agentcore.transitionDelayMs = seconds * 1000;
      const [seeded] = emu.agentcore.seed({ name: `bench_${seconds}s`, status: 'CREATING' });
      const started = Date.now();
      const mark = emu.requests.length;
      await waitUntilReady(gateway, seeded.agentRuntimeId, { timeoutSeconds: 600 });
      const took = (Date.now() - started) / 1000;
      const polls = emu.requests.slice(mark).filter((r) => r.method === 'GET').length;
      console.log(
        `        ${`${seconds}s`.padEnd(10)}  ${`${took.toFixed(1)}s`.padEnd(13)}  ${`${(took - seconds).toFixed(1)}s`.padEnd(5)}  ${polls}`,
      );
    }
    console.log('        (polls back off from 1 s to 5 s with jitter; peers poll every 10-120 s)');
  } finally {
    await emu.close();
  }
}

async function noOpDeploy(): Promise<void> {
  const emu = await startEmulator({ transitionDelayMs: 100 });
  emu.ecr.pushImage({ repository: 'bench', tag: 'v1', platforms: [{ os: 'linux', architecture: 'arm64' }] });
  try {
    const inputs = {
      mode: 'deploy',
      'agent-runtime-name': 'bench_noop',
      'role-arn': 'arn:aws:iam::123456789012:role/AgentRuntimeExecution',
      'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/bench:v1',
    };
    const env = { ...emu.env, AWS_ACCESS_KEY_ID: 'AKIABENCH0000000000', AWS_SECRET_ACCESS_KEY: 'x' };
    const median = async (label: string, extra: Record<string, string>) => {
      await runAction({ inputs: { ...inputs, ...extra }, env });
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const run = await runAction({ inputs: { ...inputs, ...extra }, env });
        if (run.outputs.operation !== 'none')
          throw new Error(`expected a no-op, got ${run.outputs.operation}`);
        times.push(Date.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`        ${label.padEnd(44)} median ${times[2]} ms (min ${times[0]}, max ${times[4]})`);
    };
    console.log('\nno-op   bundled action, process start to exit:');
    // The default: the tag is looked up in ECR (pinned, architecture checked), so the ECR chunk loads.
    await median('container, pinned and checked (default)', {});
    // Nothing to look up: the ECR, S3 and zip chunks are never loaded.
    await median('container, pin-image-digest/check-arch off', {
      'pin-image-digest': 'false',
      'check-architecture': 'false',
    });
  } finally {
    await emu.close();
  }
}

bundleSize();
await readyDetection();
await noOpDeploy();
