import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArtifactSettings } from '../inputs/artifact-settings.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { ArtifactRefusedError } from './artifact-errors.js';
import { accessDenied, FakeRegistry, FakeStore } from './fake-artifact-services.js';
import { resolveArtifact } from './resolve-artifact.js';

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent';
const ARM64 = [{ os: 'linux', architecture: 'arm64' }];
const AMD64 = [{ os: 'linux', architecture: 'amd64' }];
const DEFAULTS: ArtifactSettings = {
  pinImageDigest: true,
  checkArchitecture: true,
  codePrefix: '',
  codeExclude: [],
};

let registry: FakeRegistry;
let store: FakeStore;
let log: { info: string[]; notice: string[]; warning: string[] };
beforeEach(() => {
  registry = new FakeRegistry();
  store = new FakeStore();
  log = { info: [], notice: [], warning: [] };
});

const services = () => ({
  registry: () => registry,
  store: () => store,
  log: {
    info: (m: string) => void log.info.push(m),
    notice: (m: string) => void log.notice.push(m),
    warning: (m: string) => void log.warning.push(m),
  },
});
const container = (containerUri: string): AgentRuntimeSpec => ({
  agentRuntimeName: 'a',
  roleArn: 'arn:aws:iam::123456789012:role/r',
  agentRuntimeArtifact: { containerConfiguration: { containerUri } },
});
const uriOf = (spec: AgentRuntimeSpec) => spec.agentRuntimeArtifact!.containerConfiguration!.containerUri;

describe('images', () => {
  test('a tag is pinned to its digest, which becomes the output', async () => {
    const digest = registry.push('agent', 'v1', ARM64);
    const { spec, outputs } = await resolveArtifact(container(`${REPO}:v1`), DEFAULTS, services(), 'deploy');
    expect(uriOf(spec)).toBe(`${REPO}:v1@${digest}`);
    expect(outputs['image-digest']).toBe(digest);
  });

  test('a URI with a digest is left as is, and checked by that digest', async () => {
    const digest = registry.push('agent', 'v1', ARM64);
    const { spec } = await resolveArtifact(container(`${REPO}@${digest}`), DEFAULTS, services(), 'plan');
    expect(uriOf(spec)).toBe(`${REPO}@${digest}`);
    expect(registry.calls[0]).toBe(`getManifest us-east-1/123456789012/agent ${digest}`);
  });

  test('an image in another account and region is looked up there', async () => {
    registry.push('agent', 'v1', ARM64);
    await resolveArtifact(
      container('210987654321.dkr.ecr.eu-west-1.amazonaws.com/agent:v1'),
      DEFAULTS,
      services(),
      'plan',
    );
    expect(registry.calls[0]).toBe('getManifest eu-west-1/210987654321/agent v1');
  });

  test('amd64 only is refused; an index with arm64 passes; pin-image-digest false keeps the tag', async () => {
    registry.push('agent', 'x86', AMD64);
    await expect(resolveArtifact(container(`${REPO}:x86`), DEFAULTS, services(), 'plan')).rejects.toThrow(
      ArtifactRefusedError,
    );
    registry.push('agent', 'multi', [...AMD64, ...ARM64]);
    registry.calls = [];
    const settings = { ...DEFAULTS, pinImageDigest: false };
    const { spec } = await resolveArtifact(container(`${REPO}:multi`), settings, services(), 'plan');
    expect(uriOf(spec)).toBe(`${REPO}:multi`);
    // An index lists its platforms: no config blob is fetched.
    expect(registry.calls).toEqual(['getManifest us-east-1/123456789012/agent multi']);
  });

  test('a digest with check-architecture false needs no lookup at all', async () => {
    const digest = `sha256:${'ab'.repeat(32)}`;
    const settings = { ...DEFAULTS, checkArchitecture: false };
    const { outputs } = await resolveArtifact(container(`${REPO}@${digest}`), settings, services(), 'deploy');
    expect(outputs['image-digest']).toBe(digest);
    expect(registry.calls).toEqual([]);
  });

  test('check-architecture false lets amd64 through', async () => {
    registry.push('agent', 'x86', AMD64);
    const settings = { ...DEFAULTS, checkArchitecture: false };
    await expect(
      resolveArtifact(container(`${REPO}:x86`), settings, services(), 'plan'),
    ).resolves.toBeDefined();
    expect(registry.calls.some((c) => c.startsWith('getBlob'))).toBe(false);
  });

  test('missing permissions are warnings that name them; the deploy goes on', async () => {
    registry.push('agent', 'v1', ARM64);
    registry.failGetBlob = accessDenied('ecr:GetDownloadUrlForLayer');
    const pinned = await resolveArtifact(container(`${REPO}:v1`), DEFAULTS, services(), 'deploy');
    expect(uriOf(pinned.spec)).toMatch(/@sha256:/);
    expect(log.warning.join()).toContain('ecr:GetDownloadUrlForLayer');

    registry.failGetManifest = accessDenied('ecr:BatchGetImage');
    const asGiven = await resolveArtifact(container(`${REPO}:v1`), DEFAULTS, services(), 'deploy');
    expect(uriOf(asGiven.spec)).toBe(`${REPO}:v1`);
    expect(asGiven.outputs['image-digest']).toBe('');
    expect(log.warning.join()).toContain('ecr:BatchGetImage');
  });

  test('public.ecr.aws images are left as given, with a notice, and never looked up', async () => {
    const { spec } = await resolveArtifact(
      container('public.ecr.aws/acme/agent:v1'),
      DEFAULTS,
      services(),
      'deploy',
    );
    expect(uriOf(spec)).toBe('public.ecr.aws/acme/agent:v1');
    expect(log.notice.join()).toContain('public.ecr.aws');
    expect(registry.calls).toEqual([]);
  });

  describe('an image the runtime already runs (READY) is not checked again', () => {
    const running = (uri: string) => ({ ...services(), runsImage: async (u: string) => u === uri });

    test('a tag pinned to the digest it runs: its manifest is read, its config blob is not', async () => {
      const digest = registry.push('agent', 'v1', ARM64);
      const pinned = `${REPO}:v1@${digest}`;
      const { spec } = await resolveArtifact(container(`${REPO}:v1`), DEFAULTS, running(pinned), 'deploy');
      expect(uriOf(spec)).toBe(pinned);
      expect(registry.calls).toEqual([`getManifest us-east-1/123456789012/agent v1`]);
      expect(log.info.join()).toContain('already runs (READY): its architecture is not checked again');
    });

    test('a tag re-pushed since is checked: an amd64 build is refused', async () => {
      const before = registry.push('agent', 'v1', ARM64);
      registry.push('agent', 'v1', AMD64);
      await expect(
        resolveArtifact(container(`${REPO}:v1`), DEFAULTS, running(`${REPO}:v1@${before}`), 'deploy'),
      ).rejects.toThrow('is built for linux/amd64');
      expect(registry.calls.some((c) => c.startsWith('getBlob'))).toBe(true);
    });

    test('a URI given with the digest it runs needs no registry call at all', async () => {
      const digest = `sha256:${'cd'.repeat(32)}`;
      const given = `${REPO}:v1@${digest}`;
      const { outputs } = await resolveArtifact(container(given), DEFAULTS, running(given), 'deploy');
      expect(outputs['image-digest']).toBe(digest);
      expect(registry.calls).toEqual([]);
    });

    test('a tag deployed as given (pin-image-digest false) is checked: the tag may name another build now', async () => {
      registry.push('agent', 'v1', ARM64);
      const settings = { ...DEFAULTS, pinImageDigest: false };
      await resolveArtifact(container(`${REPO}:v1`), settings, running(`${REPO}:v1`), 'deploy');
      expect(registry.calls.some((c) => c.startsWith('getBlob'))).toBe(true);
    });
  });

  test('other errors are not mistaken for missing permissions', async () => {
    registry.failGetManifest = Object.assign(new Error('boom'), { name: 'ServerException' });
    await expect(resolveArtifact(container(`${REPO}:v1`), DEFAULTS, services(), 'deploy')).rejects.toThrow(
      'boom',
    );
  });
});

describe('code', () => {
  const code = (prefix: string, versionId?: string): AgentRuntimeSpec => ({
    agentRuntimeName: 'a',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    agentRuntimeArtifact: {
      codeConfiguration: {
        code: { s3: { bucket: 'b', prefix, ...(versionId && { versionId }) } },
        entryPoint: ['main.py'],
        runtime: 'PYTHON_3_13',
      },
    },
  });
  const s3Of = (spec: AgentRuntimeSpec) => spec.agentRuntimeArtifact!.codeConfiguration!.code!.s3!;

  function directory(): string {
    const root = mkdtempSync(join(tmpdir(), 'acd-code-'));
    mkdirSync(join(root, 'lib'));
    writeFileSync(join(root, 'main.py'), 'print(1)\n');
    writeFileSync(join(root, 'lib/x.py'), 'X = 1\n');
    return root;
  }

  test('code-path: the zip is named by its hash under the prefix, uploaded once in deploy mode, never in plan mode', async () => {
    const settings = { ...DEFAULTS, codePath: directory(), codePrefix: 'agents/a/' };
    const planned = await resolveArtifact(code('agents/a/pending.zip'), settings, services(), 'plan');
    const key = s3Of(planned.spec).prefix!;
    expect(key).toMatch(/^agents\/a\/[0-9a-f]{64}\.zip$/);
    expect(store.puts).toEqual([]);
    const deployed = await resolveArtifact(code('agents/a/pending.zip'), settings, services(), 'deploy');
    expect(deployed.outputs['code-s3-key']).toBe(key);
    expect(store.puts).toEqual([`b/${key}`]);
    await resolveArtifact(code('agents/a/pending.zip'), settings, services(), 'deploy');
    expect(store.puts).toHaveLength(1);
  });

  test('a versioned object is pinned to its current version; an unversioned one gets a warning', async () => {
    store.objects.set('b/fixed.zip', { body: new Uint8Array(), versionId: 'v-123' });
    const pinned = await resolveArtifact(code('fixed.zip'), DEFAULTS, services(), 'deploy');
    expect(s3Of(pinned.spec).versionId).toBe('v-123');

    store.objects.set('b/plain.zip', { body: new Uint8Array() });
    const plain = await resolveArtifact(code('plain.zip'), DEFAULTS, services(), 'deploy');
    expect(s3Of(plain.spec).versionId).toBeUndefined();
    expect(log.warning).toHaveLength(1);
    expect(log.warning[0]).toContain('re-upload');

    const given = await resolveArtifact(code('plain.zip', 'v-9'), DEFAULTS, services(), 'deploy');
    expect(s3Of(given.spec).versionId).toBe('v-9');
    expect(log.warning).toHaveLength(1);
  });
});
