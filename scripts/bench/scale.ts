// Scale: finding a runtime by name among many (the API has no name filter: every page of
// ListAgentRuntimes, 100 a page, is the minimum for a name that is absent or listed last), and the API
// calls each kind of run makes, counted from the emulator's request log, against the fewest the API allows.
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { createControlClient, SdkRuntimeGateway } from '../../src/aws/runtime-gateway.js';
import {
  countByOperation,
  deployInputs,
  describeCounts,
  pushBenchImage,
  runBundled,
  type BundledRun,
} from './bundled.js';
import { median, printTable, seconds } from './report.js';

const SIZES = [10, 1000, 5000];
const PAGE = 100;

const listCalls = (run: { service: string; method: string; path: string }[]) =>
  run.filter((r) => r.service === 'agentcore' && r.method === 'POST' && r.path === '/runtimes/').length;

async function lookups(): Promise<void> {
  const rows: string[][] = [];
  for (const size of SIZES) {
    const emu = await startEmulator({ transitionDelayMs: 100 });
    process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL = emu.urls.agentcore;
    try {
      pushBenchImage(emu);
      emu.agentcore.seed({ count: size - 1, namePrefix: 'scale' });
      // The runtime the bundled no-op deploys, created last so it is on the last page.
      const created = await runBundled(emu, { inputs: deployInputs('scale_target'), alone: true });
      if (created.code !== 0) throw new Error(`creating scale_target failed:\n${created.stdout}`);
      const gateway = new SdkRuntimeGateway(
        createControlClient({
          region: 'us-east-1',
          credentials: async () => ({ accessKeyId: 'AKIABENCHSCALE000000', secretAccessKey: 'x' }),
          userAgent: 'bench',
        }),
      );
      const took: number[] = [];
      let calls = 0;
      for (let i = 0; i < 5; i++) {
        const mark = emu.requests.length;
        const started = performance.now();
        await gateway.findByName('absent_agent');
        took.push(performance.now() - started);
        calls = listCalls(emu.requests.slice(mark));
      }
      const noops: BundledRun[] = [];
      for (let i = 0; i < 3; i++) {
        const noop = await runBundled(emu, { inputs: deployInputs('scale_target'), alone: true });
        if (noop.outputs.operation !== 'none')
          throw new Error(`expected a no-op, got ${noop.outputs.operation}`);
        noops.push(noop);
      }
      const minimum = Math.ceil(size / PAGE);
      rows.push([
        size.toLocaleString('en-US'),
        `${calls} (min ${minimum})`,
        `${median(took).toFixed(0)} ms`,
        `${listCalls(noops[0].signed)} (min ${minimum})`,
        `${median(noops.map((r) => r.endedAt - r.startedAt))} ms`,
      ]);
    } finally {
      delete process.env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL;
      await emu.close();
    }
  }
  printTable(
    'Lookup by name among N runtimes',
    [
      'runtimes',
      'ListAgentRuntimes calls, absent name',
      'lookup time (median of 5)',
      'ListAgentRuntimes calls, bundled no-op (listed last)',
      'bundled no-op, start to exit (median of 3)',
    ],
    rows,
    [
      `minimum: ceil(N / ${PAGE}) pages; ListAgentRuntimes has no name filter and at most ${PAGE} a page, and an absent name (or one on the last page) needs every page`,
      'lookup: SdkRuntimeGateway.findByName (the SDK paginator, pageSize 100) in process against the emulator; the default quota is 1,000 runtimes per account, 5,000 needs a raised quota',
    ],
  );
}

/** One kind of run: what it changes, and the fewest calls the API allows for it, with why. */
interface Operation {
  label: string;
  expect: string;
  extra: Record<string, string>;
  plan?: boolean;
  minimum: number;
  why: string;
}

const OPERATIONS: Operation[] = [
  {
    label: 'create',
    expect: 'create',
    extra: { tags: 'team=a' },
    minimum: 3,
    why: 'List page + CreateAgentRuntime (tags in it) + 1 GetAgentRuntime that sees READY',
  },
  {
    label: 'no-op',
    expect: 'none',
    extra: { tags: 'team=a' },
    minimum: 3,
    why: 'List page + GetAgentRuntime (the list lacks the config) + ListTagsForResource (Get lacks tags)',
  },
  {
    label: 'update',
    expect: 'update',
    extra: { tags: 'team=a', 'environment-variables': 'LOG_LEVEL=debug' },
    minimum: 5,
    why: 'List page + Get + ListTags + UpdateAgentRuntime + 1 Get that sees READY',
  },
  {
    label: 'tag-only',
    expect: 'update',
    extra: { tags: 'team=b', 'environment-variables': 'LOG_LEVEL=debug' },
    minimum: 4,
    why: 'List page + Get + ListTags + TagResource (tags make no version: nothing to wait for)',
  },
  {
    label: 'plan (PR)',
    expect: 'update',
    extra: { tags: 'team=b', 'environment-variables': 'LOG_LEVEL=info' },
    plan: true,
    minimum: 3,
    why: 'List page + Get + ListTags; GitHub: list comments + create the comment = 2',
  },
];

async function callsPerOperation(): Promise<void> {
  const transitionMs = 5000;
  const emu: Emulator = await startEmulator({ transitionDelayMs: transitionMs });
  try {
    pushBenchImage(emu);
    emu.agentcore.seed({ count: 9, namePrefix: 'neighbour' });
    emu.github.seedPullRequest({ number: 1 });
    const rows: string[][] = [];
    for (const op of OPERATIONS) {
      const { mode: _deploy, ...planInputs } = deployInputs('ops_agent', op.extra);
      const run: BundledRun = op.plan
        ? await runBundled(emu, {
            inputs: planInputs,
            eventName: 'pull_request',
            event: { pull_request: { number: 1 } },
            githubToken: 'ghs_emulatortoken',
            alone: true,
          })
        : await runBundled(emu, { inputs: deployInputs('ops_agent', op.extra), alone: true });
      if (run.code !== 0 || run.outputs.operation !== op.expect)
        throw new Error(
          `${op.label}: expected ${op.expect}, got ${run.outputs.operation} (exit ${run.code})`,
        );
      const agentcore = run.signed.filter((r) => r.service === 'agentcore');
      const others = run.all.filter((r) => r.service !== 'agentcore');
      rows.push([
        op.label,
        `${agentcore.length}`,
        `${op.minimum}`,
        describeCounts(countByOperation(agentcore)),
        describeCounts(countByOperation(others)),
        seconds(run.endedAt - run.startedAt),
        op.why,
      ]);
    }
    printTable(
      'API calls per operation (one bundled run each, default inputs)',
      [
        'run',
        'AgentCore calls',
        'minimum',
        'AgentCore calls made',
        'other services',
        'start to exit',
        'minimum: why',
      ],
      rows,
      [
        `transitions take ${seconds(transitionMs, 0)}; 10 runtimes exist (one list page); static keys, so no STS call; ECR: the default pins the tag to its digest and checks the architecture (BatchGetImage, GetDownloadUrlForLayer and the config blob: the fewest for a single-platform image)`,
        'beyond the minimum: GetAgentRuntimeEndpoint confirms DEFAULT serves the new version; a GetAgentRuntime before READY when the first look comes before the flip',
      ],
    );
  } finally {
    await emu.close();
  }
}

export async function scale(): Promise<void> {
  await lookups();
  await callsPerOperation();
}
