// The leak scan every e2e run goes through (helpers.ts `deployWith`), shown to work: it finds each kind
// of secret where a person could see it, and a real OIDC deploy with secret environment variables, run
// with RUNNER_DEBUG, shows none.
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { containerInputs, deployWith, leakedSecrets } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 200 });
});
afterAll(() => emu.close());

const SECRET = 'sk-live-0123456789abcdef';
const options = {
  inputs: containerInputs('leak_check', {
    'role-to-assume': 'arn:aws:iam::123456789012:role/GitHubDeployAgentCore',
    'environment-variables': `API_KEY=${SECRET}\nSHORT=1`,
  }),
  env: {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    RUNNER_DEBUG: '1',
  },
};

test('a deploy with OIDC, STS and secret environment variables under RUNNER_DEBUG shows no secret', async () => {
  const run = await deployWith(emu, {
    ...options,
    env: {
      ...options.env,
      ACTIONS_ID_TOKEN_REQUEST_URL: emu.env.ACTIONS_ID_TOKEN_REQUEST_URL,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: emu.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
    },
  });
  expect(run.code).toBe(0);
  expect(emu.oidc.issued.length).toBeGreaterThan(0);
  expect(emu.sts.issuedSecrets.length).toBeGreaterThan(0);
  expect(leakedSecrets(emu, options, run)).toEqual([]);
});

test('the scan finds every kind of secret in stdout, stderr, the summary, outputs and comments', () => {
  const clean = { code: 0, stdout: '', stderr: '', outputs: {}, summary: '', workspace: '' };
  const found = (where: Partial<typeof clean>) => leakedSecrets(emu, options, { ...clean, ...where });
  expect(found({ stdout: `value ${SECRET}` })).toEqual(['an environment-variable value']);
  expect(found({ stdout: `::add-mask::${SECRET}` })).toEqual([]);
  expect(found({ stderr: emu.oidc.issued[0].token })).toEqual(['an OIDC token']);
  expect(found({ summary: emu.sts.issuedSecrets[0] })).toEqual(['an STS credential']);
  expect(found({ outputs: { x: emu.sts.issuedSecrets[1] } })).toEqual(['an STS credential']);
  emu.github.seedComment(901, `leaked ${SECRET}`);
  expect(found({})).toEqual(['an environment-variable value']);
});
