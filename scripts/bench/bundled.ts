// Runs of the bundled action (dist/index.js, exactly as a runner runs it) against the emulator. Each run
// signs with an access key id of its own, so its AWS requests can be picked out of the emulator's shared
// request log even when many runs overlap.
import type { Emulator, RecordedRequest } from '../../emulator/src/index.js';
import { containerInputs, operationOf } from '../../test/e2e/helpers.js';
import { runAction, type RunOptions, type RunResult } from '../run-action.js';

export const IMAGE_REPOSITORY = 'bench';
export const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/${IMAGE_REPOSITORY}:v1`;

/** Pushes the arm64 image the runs deploy (the default run looks its tag up in ECR). */
export function pushBenchImage(emu: Emulator): string {
  return emu.ecr.pushImage({
    repository: IMAGE_REPOSITORY,
    tag: 'v1',
    platforms: [{ os: 'linux', architecture: 'arm64' }],
  });
}

/** The e2e tests' deploy inputs, with the bench's own image. */
export const deployInputs = (name: string, extra: Record<string, string> = {}): Record<string, string> =>
  containerInputs(name, { 'container-uri': IMAGE, ...extra });

export interface BundledRun extends RunResult {
  accessKeyId: string;
  /** Date.now() just before the process is spawned, and when it has exited. */
  startedAt: number;
  endedAt: number;
  /** Every request this run signed (AgentCore, STS, ECR, S3), in order. */
  signed: RecordedRequest[];
  /** Every request any client made while this run was the only one running (with `alone`). */
  all: RecordedRequest[];
}

let runCount = 0;

/**
 * Runs the bundled action with static keys (as after configure-aws-credentials) and no OIDC variables.
 * `alone`: no other run overlaps this one, so every request logged meanwhile (GitHub's, unsigned blob
 * downloads) is its own.
 */
export async function runBundled(
  emu: Emulator,
  options: RunOptions & { alone?: boolean },
): Promise<BundledRun> {
  const accessKeyId = `AKIABENCH${String(++runCount).padStart(11, '0')}`;
  const mark = emu.requests.length;
  const startedAt = Date.now();
  const run = await runAction({
    ...options,
    env: {
      ...emu.env,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'bench-secret-key',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
      ...options.env,
    },
  });
  const endedAt = Date.now();
  const since = emu.requests.slice(mark);
  return {
    ...run,
    accessKeyId,
    startedAt,
    endedAt,
    signed: since.filter((r) => signedBy(r) === accessKeyId),
    all: options.alone ? since : [],
  };
}

/** The access key id a request was signed with, if it was signed. */
export function signedBy(r: RecordedRequest): string | undefined {
  const auth = r.headers.authorization;
  return typeof auth === 'string' ? /Credential=([^/]+)\//.exec(auth)?.[1] : undefined;
}

/** The API operation a request called, by service: `GetAgentRuntime`, `ecr:BatchGetImage`, `GET /user`. */
export function operationName(r: RecordedRequest): string {
  if (r.service === 'agentcore') return operationOf(r);
  const target = r.headers['x-amz-target'];
  if (typeof target === 'string') return `${r.service}:${target.split('.').pop()}`;
  if (r.service === 'sts') return `sts:${new URLSearchParams(r.body).get('Action') ?? r.method}`;
  if (r.service === 'ecr' && r.path.startsWith('/blobs/')) return 'ecr:blob download';
  const path = r.path.replace(/^\/repos\/[^/]+\/[^/]+/, '').replace(/\/\d+(?=\/|$)/g, '/{n}');
  return `${r.service}:${r.method} ${path}`;
}

/** `3× GetAgentRuntime, ListTagsForResource` for a list of requests. */
export function countByOperation(requests: RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(operationName(r), (counts.get(operationName(r)) ?? 0) + 1);
  return counts;
}

export function describeCounts(counts: Map<string, number>): string {
  return [...counts].map(([op, n]) => (n > 1 ? `${n}× ${op}` : op)).join(', ') || 'none';
}

/** Attempts beyond the first, from the `amz-sdk-request: attempt=N; max=M` header the SDK sends. */
export function retriesIn(requests: RecordedRequest[]): number {
  return requests.filter((r) => Number(/attempt=(\d+)/.exec(String(r.headers['amz-sdk-request']))?.[1]) > 1)
    .length;
}
