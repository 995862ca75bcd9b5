import { inputsOf } from './fixtures/workspace.js';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  it('applies the defaults when no input is set', () => {
    expect(readSettings(inputsOf({}), { AWS_REGION: 'us-east-1' })).toEqual({
      settings: {
        region: 'us-east-1',
        mode: 'auto',
        waitForReady: true,
        waitTimeoutSeconds: 1800,
        roleSessionName: 'GitHubActions',
        release: {},
        roleDurationSeconds: 3600,
        audience: 'sts.amazonaws.com',
        commentOnPr: 'true',
        forceDestroy: false,
        requireReviewedPlan: false,
      },
      errors: [],
    });
  });

  it('reads every settings input', () => {
    const { settings, errors } = readSettings(
      inputsOf({
        mode: 'plan',
        'wait-for-ready': 'no',
        'wait-timeout': '1h30m',
        'aws-region': 'eu-west-1',
        'role-to-assume': 'arn:aws:iam::123456789012:role/Deploy',
        'role-session-name': 'deploy-agent',
        'role-duration-seconds': '900',
        audience: 'sts.amazonaws.com.cn',
        'github-token': 'ghs_x',
        'comment-on-pr': 'changes-only',
        'force-destroy': 'true',
        'require-reviewed-plan': 'yes',
      }),
      { AWS_REGION: 'us-east-1' },
    );
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      mode: 'plan',
      waitForReady: false,
      waitTimeoutSeconds: 5400,
      region: 'eu-west-1',
      roleToAssume: 'arn:aws:iam::123456789012:role/Deploy',
      roleSessionName: 'deploy-agent',
      release: {},
      roleDurationSeconds: 900,
      audience: 'sts.amazonaws.com.cn',
      githubToken: 'ghs_x',
      commentOnPr: 'changes-only',
      forceDestroy: true,
      requireReviewedPlan: true,
    });
  });

  it('takes the region from aws-region, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    const region = (inputs: Record<string, string>, env: Record<string, string>) =>
      readSettings(inputsOf(inputs), env).settings.region;
    expect(region({ 'aws-region': 'eu-west-1' }, { AWS_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(region({}, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-east-1');
    expect(region({}, { AWS_REGION: '', AWS_DEFAULT_REGION: 'us-west-2' })).toBe('us-west-2');
    expect(region({}, {})).toBeUndefined();
  });

  it('accepts YAML-style booleans for wait-for-ready and comment-on-pr', () => {
    expect(readSettings(inputsOf({ 'wait-for-ready': 'FALSE' }), {}).settings.waitForReady).toBe(false);
    expect(readSettings(inputsOf({ 'wait-for-ready': '1' }), {}).settings.waitForReady).toBe(true);
    expect(readSettings(inputsOf({ 'comment-on-pr': 'no' }), {}).settings.commentOnPr).toBe('false');
  });

  it('collects every settings error, each naming its input', () => {
    const { errors } = readSettings(
      inputsOf({
        mode: 'apply',
        'wait-for-ready': 'maybe',
        'wait-timeout': '-1',
        'role-to-assume': 'Deploy',
        'role-session-name': 'has space',
        'role-duration-seconds': '60',
        'comment-on-pr': 'always',
      }),
      {},
    );
    expect(errors.map((e) => e.field)).toEqual([
      'mode',
      'wait-for-ready',
      'wait-timeout',
      'aws-region',
      'role-to-assume',
      'role-session-name',
      'role-duration-seconds',
      'comment-on-pr',
    ]);
  });

  it('names aws-region when no region is set anywhere, before any AWS call', () => {
    const { errors } = readSettings(inputsOf({}), {});
    expect(errors).toEqual([{ field: 'aws-region', message: expect.stringContaining('AWS_REGION') }]);
    expect(readSettings(inputsOf({}), { AWS_DEFAULT_REGION: 'eu-west-1' }).errors).toEqual([]);
  });

  it('takes the github token from the input, else from GITHUB_TOKEN', () => {
    const env = { AWS_REGION: 'us-east-1', GITHUB_TOKEN: 'ghs_fromenv' };
    expect(readSettings(inputsOf({}), env).settings.githubToken).toBe('ghs_fromenv');
    expect(readSettings(inputsOf({ 'github-token': 'ghs_input' }), env).settings.githubToken).toBe(
      'ghs_input',
    );
  });

  it('never echoes the github token', () => {
    const { errors } = readSettings(inputsOf({ 'github-token': 'ghs_secret', mode: 'bad' }), {});
    expect(JSON.stringify(errors)).not.toContain('ghs_secret');
  });
});
