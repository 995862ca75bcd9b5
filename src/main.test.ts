// run() with the toolkit replaced and the control plane faked: how the steps are sequenced, without
// a bundle or a network. (The end-to-end suites run dist/index.js against the emulator.)
import { jest } from '@jest/globals';
import { FakeRegistry, FakeStore } from './artifact/fake-artifact-services.js';
import { FakeGateway } from './deploy/fake-gateway.js';

const inputs: Record<string, string> = {};
const outputs: Record<string, string> = {};
const failures: string[] = [];
const context = {
  payload: {} as object,
  repo: { owner: 'o', repo: 'r' },
  serverUrl: 'https://github.com',
  runId: 1,
};
let gateway = new FakeGateway();
let registry = new FakeRegistry();
const connect = jest.fn(() => ({
  gateway,
  registry: () => registry,
  store: () => new FakeStore(),
  invoker: { invoke: async () => ({ statusCode: 200, body: '{}' }) },
}));

jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs[name] ?? '',
  setOutput: (name: string, value: string) => void (outputs[name] = value),
  setFailed: (message: string) => void failures.push(message),
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  setSecret: () => undefined,
  getIDToken: async () => 'token',
  group: <T>(_name: string, fn: () => Promise<T>) => fn(),
  summary: {
    addRaw() {
      return this;
    },
    write: async () => undefined,
  },
}));
jest.unstable_mockModule('@actions/github', () => ({
  context,
  getOctokit: () => {
    throw new Error('no GitHub calls in these tests');
  },
}));
jest.unstable_mockModule('./aws/connect.js', () => ({ connect, isMissingAwsAccess: () => false }));

const { run } = await import('./main.js');

// run() decides plan or deploy from the runner's GITHUB_EVENT_NAME, as github.context does.
const eventNameBefore = process.env.GITHUB_EVENT_NAME;
afterAll(() => {
  if (eventNameBefore === undefined) delete process.env.GITHUB_EVENT_NAME;
  else process.env.GITHUB_EVENT_NAME = eventNameBefore;
});

const VALID = {
  'aws-region': 'us-east-1',
  'agent-runtime-name': 'my_agent',
  'role-arn': 'arn:aws:iam::123456789012:role/r',
  'container-uri': '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:v1',
  'comment-on-pr': 'false',
};

beforeEach(() => {
  for (const record of [inputs, outputs]) for (const k of Object.keys(record)) delete record[k];
  failures.length = 0;
  connect.mockClear();
  gateway = new FakeGateway();
  gateway.readyOnGet = true;
  registry = new FakeRegistry();
  registry.push('a', 'v1', [{ os: 'linux', architecture: 'arm64' }]);
  process.env.GITHUB_EVENT_NAME = 'push';
});

test('invalid inputs fail the step with every problem, before connecting to AWS', async () => {
  Object.assign(inputs, VALID, { 'agent-runtime-name': 'my-agent', 'wait-timeout': 'soon' });
  await run();
  expect(failures).toHaveLength(1);
  expect(failures[0]).toContain('agent-runtime-name');
  expect(failures[0]).toContain('wait-timeout');
  expect(connect).not.toHaveBeenCalled();
});

test('a push deploys: creates, waits for READY, and sets the outputs', async () => {
  Object.assign(inputs, VALID);
  await run();
  expect(failures).toEqual([]);
  expect(gateway.calls).toEqual(['create']);
  expect(outputs).toMatchObject({
    operation: 'create',
    changed: 'true',
    status: 'READY',
    'agent-runtime-version': '1',
  });
  expect(JSON.parse(outputs['plan-json'])).toMatchObject({ operation: 'create' });
});

test('a pull request only plans: outputs say what a deploy would do, nothing is changed', async () => {
  Object.assign(inputs, VALID);
  process.env.GITHUB_EVENT_NAME = 'pull_request';
  await run();
  expect(failures).toEqual([]);
  expect(gateway.calls).toEqual([]);
  expect(outputs).toMatchObject({ operation: 'create', changed: 'true', 'agent-runtime-id': '' });
});

test('mode: deploy on a pull request deploys', async () => {
  Object.assign(inputs, VALID, { mode: 'deploy' });
  process.env.GITHUB_EVENT_NAME = 'pull_request';
  await run();
  expect(gateway.calls).toEqual(['create']);
});

describe('failure-reason', () => {
  test('invalid inputs say invalid-input', async () => {
    Object.assign(inputs, VALID, { 'agent-runtime-name': 'my-agent' });
    await run();
    expect(outputs['failure-reason']).toBe('invalid-input');
  });

  test('a runtime that fails to create says runtime-failed', async () => {
    Object.assign(inputs, VALID);
    gateway.readyOnGet = false;
    gateway.get = async () => ({ ...gateway.runtime!, status: 'CREATE_FAILED', failureReason: 'bad image' });
    await run();
    expect(failures[0]).toContain('bad image');
    expect(outputs['failure-reason']).toBe('runtime-failed');
  });

  test('an AWS error says aws-error', async () => {
    Object.assign(inputs, VALID);
    gateway.findByName = async () => {
      throw Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
    };
    await run();
    expect(failures).toEqual(['not allowed']);
    expect(outputs['failure-reason']).toBe('aws-error');
  });

  test('success leaves it unset', async () => {
    Object.assign(inputs, VALID);
    await run();
    expect(failures).toEqual([]);
    expect(outputs['failure-reason']).toBeUndefined();
  });
});
