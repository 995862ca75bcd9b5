import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { checkSmokeAuth, readReleaseSettings } from './release-settings.js';

const workspace = mkdtempSync(join(tmpdir(), 'release-settings-'));
writeFileSync(join(workspace, 'payload.json'), '{"prompt":"hi"}');
const read = (inputs: Record<string, string>, waitForReady = true) =>
  readReleaseSettings((n) => inputs[n] ?? '', workspace, { waitForReady });
const fields = (inputs: Record<string, string>, waitForReady = true) =>
  read(inputs, waitForReady).errors.map((e) => e.field);

test('reads the endpoint and the smoke test, the payload from a workspace file', () => {
  const { release, errors } = read({
    'endpoint-name': 'production',
    'endpoint-version': '3',
    'smoke-test-payload': '@payload.json',
    'smoke-test-expect': 'h.',
    'smoke-test-timeout': '2m',
  });
  expect(errors).toEqual([]);
  expect(release).toMatchObject({
    endpointName: 'production',
    endpointVersion: '3',
    smokeTest: { payload: '{"prompt":"hi"}', source: 'payload.json', timeoutSeconds: 120 },
  });
  expect(release.smokeTest?.expect?.test('hi')).toBe(true);
});

test.each([
  [{ 'endpoint-name': 'DEFAULT' }, 'endpoint-name'],
  [{ 'endpoint-name': 'my-endpoint' }, 'endpoint-name'],
  [{ 'endpoint-version': '3' }, 'endpoint-version'],
  [{ 'endpoint-name': 'p', 'endpoint-version': 'latest' }, 'endpoint-version'],
  [{ 'smoke-test-payload': '{not json' }, 'smoke-test-payload'],
  [{ 'smoke-test-payload': '@../outside.json' }, 'smoke-test-payload'],
  [{ 'smoke-test-payload': '@missing.json' }, 'smoke-test-payload'],
  [{ 'smoke-test-payload': '{}', 'smoke-test-expect': '(' }, 'smoke-test-expect'],
  [{ 'smoke-test-payload': '{}', 'smoke-test-timeout': 'soon' }, 'smoke-test-timeout'],
  [{ 'smoke-test-bearer-token': 't' }, 'smoke-test-bearer-token'],
])('%j is refused, naming %s', (inputs, field) => {
  expect(fields(inputs)).toContain(field);
});

test('wait-for-ready: false cannot promote or smoke-test', () => {
  expect(fields({ 'endpoint-name': 'production' }, false)).toEqual(['wait-for-ready']);
});

test('a JWT runtime needs the bearer token for its smoke test', () => {
  const jwt = {
    authorizerConfiguration: {
      customJWTAuthorizer: { discoveryUrl: 'https://x/.well-known/openid-configuration' },
    },
  } as unknown as AgentRuntimeSpec;
  const { release } = read({ 'smoke-test-payload': '{}' });
  expect(checkSmokeAuth(release, jwt).map((e) => e.field)).toEqual(['smoke-test-bearer-token']);
  expect(
    checkSmokeAuth(read({ 'smoke-test-payload': '{}', 'smoke-test-bearer-token': 't' }).release, jwt),
  ).toEqual([]);
  expect(checkSmokeAuth(release, {} as AgentRuntimeSpec)).toEqual([]);
});
