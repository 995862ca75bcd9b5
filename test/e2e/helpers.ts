// Shared set-up for the end-to-end suites: one emulator per file, static or OIDC credentials, and ways
// to look at what the bundled action sent.
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { Emulator, RecordedRequest, ServiceName } from '../../emulator/src/index.js';
import { parse } from 'yaml';
import { runAction, type RunOptions, type RunResult } from '../../scripts/run-action.js';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/AgentRuntimeExecution';
export const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/support-agent:v1';
export const STATIC_KEY_ID = 'AKIAEMULATORSTATIC01';

/** An SDK client of the tests' own, to read back what the action left in the emulator. */
export const emulatorClient = (emu: Emulator) =>
  new BedrockAgentCoreControlClient({
    endpoint: emu.urls.agentcore,
    region: 'us-east-1',
    credentials: { accessKeyId: STATIC_KEY_ID, secretAccessKey: 'x' },
  });

/** A runner environment that reaches only the emulator, with static keys (as after configure-aws-credentials). */
function staticCredentialsEnv(emu: Emulator): Record<string, string | undefined> {
  return {
    ...emu.env,
    AWS_ACCESS_KEY_ID: STATIC_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'emulator-static-secret-key',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    // The OIDC variables exist only when a test asks for them.
    ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
  };
}

export function containerInputs(name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    mode: 'deploy',
    'agent-runtime-name': name,
    'role-arn': ROLE_ARN,
    'container-uri': IMAGE,
    ...extra,
  };
}

const ECR_IMAGE = /\b(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._/-]+):([\w.-]+)/g;

/**
 * The registry holds the images a run names by tag (an arm64 build, pushed once), as a real workflow's
 * registry would: the action looks each one up. Tests about missing or foreign images say `images: 'as-is'`.
 */
function ensureImagesExist(emu: Emulator, options: RunOptions): void {
  const files = Object.values(options.files ?? {}).filter((f) => typeof f === 'string');
  const texts = [...Object.values(options.inputs ?? {}), ...files];
  for (const text of texts)
    for (const [, registryId, region, repository, tag] of text.matchAll(ECR_IMAGE))
      if (!emu.ecr.digestOf(repository, tag, { registryId, region }))
        emu.ecr.pushImage({
          repository,
          tag,
          registryId,
          region,
          platforms: [{ os: 'linux', architecture: 'arm64' }],
        });
}

/** An image URI as the action deploys it, pinned to the digest of its tag (pushed if need be). */
export function pinnedImage(emu: Emulator, uri: string): string {
  ensureImagesExist(emu, { inputs: { uri } });
  return `${uri}@${digestOf(emu, uri)}`;
}

/** The digest the emulated registry has for an image URI's tag. */
export function digestOf(emu: Emulator, uri: string): string {
  const [match] = uri.matchAll(ECR_IMAGE);
  const [, registryId, region, repository, tag] = match;
  return emu.ecr.digestOf(repository, tag, { registryId, region })!;
}

/**
 * Runs the bundled action and returns what it did plus the requests it caused. Every run of every e2e
 * suite is scanned for secrets (see `leakedSecrets`): a run that shows one fails its test.
 */
export async function deployWith(
  emu: Emulator,
  options: RunOptions & { images?: 'push-missing' | 'as-is' },
): Promise<RunResult & { requests: RecordedRequest[] }> {
  if (options.images !== 'as-is') ensureImagesExist(emu, options);
  const mark = emu.requests.length;
  const result = await runAction({ ...options, env: { ...staticCredentialsEnv(emu), ...options.env } });
  const leaks = leakedSecrets(emu, options, result);
  if (leaks.length > 0)
    throw new Error(`secrets visible in the run's output, summary, outputs or comments: ${leaks.join(', ')}`);
  return { ...result, requests: emu.requests.slice(mark) };
}

/** Values this short (`1`, `file`) occur in ordinary text; longer environment-variable values are secrets. */
const MIN_SECRET_LENGTH = 8;

/**
 * Which secrets a run shows anywhere a person or a later step can see (stdout without the runner's
 * ::add-mask:: commands, stderr, job summary, outputs, every PR comment): environment-variable values from
 * the inputs and config files, every OIDC token, every STS secret key and session token, the GitHub token
 * and the static secret key. Named by kind, never by value.
 */
export function leakedSecrets(emu: Emulator, options: RunOptions, run: RunResult): string[] {
  const comments = [...emu.github.pullRequests.keys()].flatMap((n) =>
    emu.github.comments(n).map((c) => c.body),
  );
  const visible = [visibleText(run), ...comments].join('\n');
  const secrets: [string, string][] = [
    ...envValuesOf(options).map((v): [string, string] => ['an environment-variable value', v]),
    ...emu.oidc.issued.map((i): [string, string] => ['an OIDC token', i.token]),
    ...emu.sts.issuedSecrets.map((s): [string, string] => ['an STS credential', s]),
    ['the AWS secret key', String(staticCredentialsEnv(emu).AWS_SECRET_ACCESS_KEY)],
    ...(options.githubToken ? [['the GitHub token', options.githubToken] as [string, string]] : []),
  ];
  return [
    ...new Set(
      secrets
        .filter(([, value]) => value.length >= MIN_SECRET_LENGTH && visible.includes(value))
        .map(([k]) => k),
    ),
  ];
}

/** Environment-variable values a run was given, through the input or any config file. */
function envValuesOf(options: RunOptions): string[] {
  const fromInput = (options.inputs?.['environment-variables'] ?? '')
    .split('\n')
    .map((line) => line.slice(line.indexOf('=') + 1).trim())
    .filter((v, i, all) => all[i] !== '' && v !== '');
  const fromFiles = Object.values(options.files ?? {}).flatMap((text) => {
    if (typeof text !== 'string') return []; // a binary file (a code-path test's .so) holds no config
    try {
      const env = (parse(text) as { environmentVariables?: Record<string, unknown> })?.environmentVariables;
      return env && typeof env === 'object' ? Object.values(env).map(String) : [];
    } catch {
      return [];
    }
  });
  // A value the run was also given in a public field (us-west-2 as a region, /mnt/workspace as a mount
  // path) is printed for that field's sake: seeing it proves nothing about the secret.
  const given = publicTextOf(options);
  return [...fromInput, ...fromFiles].filter((value) => !given.includes(value));
}

/** Everything a run was given outside its environment variables: inputs, env, config files without them. */
function publicTextOf(options: RunOptions): string {
  const inputs = Object.entries(options.inputs ?? {}).filter(([name]) => name !== 'environment-variables');
  const files = Object.values(options.files ?? {}).map((text) => {
    if (typeof text !== 'string') return '';
    try {
      const document = parse(text) as { environmentVariables?: unknown } | null;
      if (document && typeof document === 'object') delete document.environmentVariables;
      return JSON.stringify(document);
    } catch {
      return '';
    }
  });
  return [JSON.stringify(inputs), JSON.stringify(options.env ?? {}), ...files].join('\n');
}

export const awsRequests = (requests: RecordedRequest[]) =>
  requests.filter((r) => ['agentcore', 'sts', 'ecr', 's3'].includes(r.service));

/** Calls that change something (List is a POST but reads; tagging is a POST that writes). */
export const mutatingRequests = (requests: RecordedRequest[]) =>
  requests.filter(
    (r) =>
      (r.service === 's3' && r.method === 'PUT') ||
      (r.service === 'agentcore' &&
        (r.method === 'PUT' ||
          r.method === 'DELETE' ||
          (r.method === 'POST' && r.path.startsWith('/tags/')))),
  );

export const operationOf = (r: RecordedRequest): string => {
  if (r.method === 'PUT' && r.path === '/runtimes/') return 'CreateAgentRuntime';
  if (r.method === 'PUT' && /^\/runtimes\/[^/]+\/$/.test(r.path)) return 'UpdateAgentRuntime';
  if (r.method === 'POST' && r.path.startsWith('/tags/')) return 'TagResource';
  if (r.method === 'DELETE' && r.path.startsWith('/tags/')) return 'UntagResource';
  if (r.method === 'GET' && r.path.startsWith('/tags/')) return 'ListTagsForResource';
  if (r.method === 'POST' && r.path === '/runtimes/') return 'ListAgentRuntimes';
  if (r.method === 'GET' && /runtime-endpoints/.test(r.path)) return 'GetAgentRuntimeEndpoint';
  if (r.method === 'DELETE' && /runtime-endpoints\/[^/]+\/$/.test(r.path))
    return 'DeleteAgentRuntimeEndpoint';
  if (r.method === 'POST' && /runtime-endpoints\/$/.test(r.path)) return 'ListAgentRuntimeEndpoints';
  if (r.method === 'PUT' && /runtime-endpoints\/$/.test(r.path)) return 'CreateAgentRuntimeEndpoint';
  if (r.method === 'DELETE' && /^\/runtimes\/[^/]+\/$/.test(r.path)) return 'DeleteAgentRuntime';
  if (r.method === 'GET' && /^\/runtimes\/[^/]+\/$/.test(r.path)) return 'GetAgentRuntime';
  return `${r.method} ${r.path}`;
};

/**
 * Everything a user or a later step can see of a run. `::add-mask::` commands are how a step tells the
 * runner what to hide; the runner consumes them and never shows them.
 */
export const visibleText = (run: RunResult) =>
  [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.stderr, run.summary, ...Object.values(run.outputs)].join(
    '\n',
  );

/** A role the jobs assume through GitHub OIDC (the emulated STS accepts any). */
export const DEPLOY_ROLE = 'arn:aws:iam::123456789012:role/GitHubDeployAgentCore';

/** The runner's environment when the job has `permissions: id-token: write`, and no AWS keys. */
export const oidcEnvOf = (emu: Emulator) => ({
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
});

/** The call a request makes, across services (GitHub paths without their numbers). */
export const callOf = (r: { service: ServiceName; method: string; path: string }): string =>
  r.service === 'agentcore'
    ? operationOf(r as RecordedRequest)
    : r.service === 'github'
      ? `${r.method} ${r.path.replace(/\d+/g, 'N')}`
      : r.service;
