// The README's inputs/outputs tables are generated from action.yml (scripts/readme-tables.ts): this keeps
// them equal, and keeps action.yml honest about the contract's fixed points.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActionYml, withTables } from '../scripts/readme-tables.js';
import { repoRoot } from '../scripts/run-action.js';

const action = readActionYml(repoRoot);
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

test('the README tables equal what action.yml says (run `npx tsx scripts/readme-tables.ts`)', () => {
  expect(readme).toBe(withTables(readme, action));
  for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
    expect(readme).toContain(`| \`${name}\` |`);
});

const SPEC_INPUTS = [
  'config-file',
  'agent-runtime-name',
  'description',
  'role-arn',
  'container-uri',
  'code-s3-bucket',
  'code-s3-prefix',
  'code-s3-version-id',
  'code-entry-point',
  'code-runtime',
  'network-mode',
  'subnets',
  'security-groups',
  'environment-variables',
  'jwt-discovery-url',
  'jwt-allowed-audience',
  'jwt-allowed-clients',
  'idle-runtime-session-timeout',
  'max-lifetime',
  'server-protocol',
  'request-header-allowlist',
  'tags',
];

test('every runtime-spec input exists and has no default (a default would override the config file)', () => {
  for (const name of SPEC_INPUTS) {
    expect(action.inputs[name]).toBeDefined();
    expect(action.inputs[name].default).toBeUndefined();
  }
});

test('the contract defaults and outputs', () => {
  const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]));
  expect(defaults).toMatchObject({
    'role-session-name': 'GitHubActions',
    'role-duration-seconds': '3600',
    audience: 'sts.amazonaws.com',
    mode: 'auto',
    'wait-for-ready': 'true',
    'wait-timeout': '30m',
    'github-token': '${{ github.token }}',
    'comment-on-pr': 'true',
    'pin-image-digest': 'true',
    'check-architecture': 'true',
    'require-reviewed-plan': 'false',
    'force-destroy': 'false',
    'smoke-test-timeout': '60s',
  });
  expect(Object.keys(action.outputs).sort()).toEqual(
    [
      'agent-runtime-arn',
      'agent-runtime-id',
      'agent-runtime-version',
      'changed',
      'failure-reason',
      'code-s3-key',
      'image-digest',
      'endpoint-arn',
      'endpoint-version',
      'operation',
      'plan-json',
      'plan-markdown',
      'smoke-test-response',
      'status',
      'workload-identity-arn',
    ].sort(),
  );
  const raw = readFileSync(join(repoRoot, 'action.yml'), 'utf8');
  expect(raw).toMatch(/using: node24/);
  expect(raw).toMatch(/main: dist\/index\.js/);
});
