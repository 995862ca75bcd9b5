// Matrix load: a monorepo's 20 jobs deploying 20 different runtimes at the same moment, every one the
// bundled action in its own process, against an emulator that enforces an account-wide request rate
// (a token bucket; ThrottlingException beyond it, as the service's quotas answer). All 20 must end
// READY with exit 0; the table says what it cost.
import { startEmulator } from '../../emulator/src/index.js';
import { deployInputs, pushBenchImage, retriesIn, runBundled } from './bundled.js';
import { max, median, printTable, seconds } from './report.js';

const JOBS = 20;
const TRANSITION_MS = 30_000;

/**
 * AWS publishes no per-API request rate for the AgentCore control plane (the quotas page lists resource
 * counts and invocation rates), so we assume one of the order of other AWS control planes: 10 requests/s
 * sustained with a burst of 20, shared by the whole account. The second row halves it and more, below
 * what 20 waits alone ask for (20 × 0.42 GetAgentRuntime/s), to show the action under a saturated account.
 */
const RATES = [
  { perSecond: 10, burst: 20 },
  { perSecond: 4, burst: 8 },
];

export async function matrix(): Promise<void> {
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const rate of RATES) {
    const emu = await startEmulator({ transitionDelayMs: TRANSITION_MS });
    try {
      pushBenchImage(emu);
      emu.agentcore.rateLimit = rate;
      const started = Date.now();
      const runs = await Promise.all(
        Array.from({ length: JOBS }, (_, i) =>
          runBundled(emu, { inputs: deployInputs(`matrix_agent_${String(i + 1).padStart(2, '0')}`) }),
        ),
      );
      const wall = Date.now() - started;
      const runtimes = emu.agentcore.runtimes().filter((r) => r.agentRuntimeName.startsWith('matrix_agent_'));
      const ready = runtimes.filter((r) => r.status === 'READY').length;
      const exit0 = runs.filter((r) => r.code === 0 && r.outputs.operation === 'create').length;
      for (const run of runs.filter((r) => r.code !== 0))
        failures.push(
          `${rate.perSecond}/s: a job ended with exit ${run.code}: ${run.stdout.match(/^::error::(.*)$/m)?.[1] ?? '(no error line)'}`,
        );
      const agentcore = runs.flatMap((r) => r.signed.filter((q) => q.service === 'agentcore'));
      const throttledPerJob = runs.map(
        // ThrottlingException is HTTP 429 in the model; nothing else answers 429 here.
        (r) => r.signed.filter((q) => q.service === 'agentcore' && q.status === 429).length,
      );
      rows.push([
        `${rate.perSecond}/s, burst ${rate.burst}`,
        `${exit0}/${JOBS} exit 0, ${ready}/${JOBS} READY`,
        seconds(wall),
        `${seconds(median(runs.map((r) => r.endedAt - r.startedAt)))}, ${seconds(max(runs.map((r) => r.endedAt - r.startedAt)))}`,
        `${emu.agentcore.rateLimited} (max ${max(throttledPerJob)} in one job)`,
        `${retriesIn(agentcore)}`,
        `${agentcore.length}`,
      ]);
    } finally {
      await emu.close();
    }
  }
  printTable(
    `Matrix load: ${JOBS} bundled deploys (creates) of ${JOBS} runtimes started at once, account-wide token bucket`,
    [
      'rate limit (AgentCore, account-wide)',
      'jobs ended',
      'wall time',
      'job time median, max',
      'throttles met',
      'SDK retries spent',
      'AgentCore requests',
    ],
    rows,
    [
      `each create's transition takes ${seconds(TRANSITION_MS, 0)}; 20 processes on this machine's cores, default inputs (the image tag pinned in ECR, which is not rate-limited here)`,
      'throttles met: requests the emulator answered ThrottlingException; retries: requests sent as attempt 2+ (amz-sdk-request header), i.e. the SDK retrying throttled calls',
      'assumed rate: AWS publishes no AgentCore control-plane request rate; 10/s with a burst of 20 is the order of other AWS control planes; 4/s is below what 20 concurrent waits alone ask for',
      ...failures,
    ],
  );
}
