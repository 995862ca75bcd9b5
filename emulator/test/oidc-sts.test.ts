// Drives the emulated OIDC endpoint and STS with the real clients: `@actions/core`'s getIDToken and the
// SDK's fromWebToken (through its nested STS client), so the wire formats are checked by their consumers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { getIDToken } from '@actions/core';
import { fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import {
  listen,
  noFaults,
  type RecordedRequest,
  type RunningService,
  type ServiceFaults,
} from '../src/http.js';
import { createOidcService, type OidcState } from '../src/oidc.js';
import { createStsService, type StsState } from '../src/sts.js';

const ACCOUNT = '123456789012';
const AUDIENCE = 'sts.amazonaws.com';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/deploy-agent`;
const REPOSITORY = 'octo-org/agents';

let log: RecordedRequest[];
let oidcFaults: ServiceFaults;
let stsFaults: ServiceFaults;
let oidc: OidcState;
let sts: StsState;
let running: RunningService[];
let oidcUrl: string;
let stsUrl: string;

beforeAll(async () => {
  log = [];
  oidcFaults = noFaults();
  stsFaults = noFaults();
  const oidcService = createOidcService(
    { requestToken: 'request-token-1', repository: REPOSITORY },
    oidcFaults,
  );
  const stsService = createStsService(
    { oidc: oidcService.state, accountId: ACCOUNT, audience: AUDIENCE },
    stsFaults,
  );
  oidc = oidcService.state;
  sts = stsService.state;
  const o = await listen('oidc', oidcService.handler, { log, faults: oidcFaults });
  const s = await listen('sts', stsService.handler, { log, faults: stsFaults });
  running = [o, s];
  oidcUrl = o.url;
  stsUrl = s.url;
});

afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

const savedEnv = { ...process.env };
let stdout: string[];

beforeEach(() => {
  log.length = 0;
  Object.assign(oidcFaults, noFaults());
  Object.assign(stsFaults, noFaults());
  oidc.failNext = 0;
  oidc.failStatus = 500;
  oidc.claims = {};
  sts.credentialsTtlSeconds = undefined;
  sts.allowedSubjects = undefined;
  sts.assumed.length = 0;
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = `${oidcUrl}/_apis/idtoken?api-version=2.0`;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token-1';
  process.env.AWS_ENDPOINT_URL_STS = stsUrl;
  // getIDToken prints `::add-mask::<token>` and debug lines; keep them out of the test output.
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const key of [
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'AWS_ENDPOINT_URL_STS',
  ]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const decodeClaims = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

const assume = (
  token: string,
  extra: { durationSeconds?: number; roleArn?: string; maxAttempts?: number } = {},
) =>
  fromWebToken({
    roleArn: extra.roleArn ?? ROLE_ARN,
    webIdentityToken: token,
    roleSessionName: 'agentcore-deploy',
    durationSeconds: extra.durationSeconds,
    clientConfig: { region: 'eu-west-1', maxAttempts: extra.maxAttempts ?? 1 },
  })();

describe('OIDC token endpoint', () => {
  it('answers getIDToken with a signed JWT carrying the GitHub claims, and the token gets masked', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = await getIDToken(AUDIENCE);

    const claims = decodeClaims(token);
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: AUDIENCE,
      sub: `repo:${REPOSITORY}:ref:refs/heads/main`,
      repository: REPOSITORY,
      ref: 'refs/heads/main',
    });
    expect(claims.exp).toBe((claims.iat as number) + 300);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(typeof claims.jti).toBe('string');
    expect(oidc.verify(token, AUDIENCE)).toMatchObject({ ok: true });
    expect(oidc.issued.map((i) => i.token)).toContain(token);
    expect(stdout.join('')).toContain(`::add-mask::${token}`);
    const request = log.find((r) => r.service === 'oidc')!;
    expect(request.path).toBe('/_apis/idtoken');
    expect(request.query).toMatchObject({ 'api-version': ['2.0'], audience: [AUDIENCE] });
  });

  it('applies claim overrides (a pull request ref changes sub)', async () => {
    oidc.claims = { ref: 'refs/pull/7/merge' };
    const claims = decodeClaims(await getIDToken(AUDIENCE));
    expect(claims.sub).toBe(`repo:${REPOSITORY}:ref:refs/pull/7/merge`);
  });

  it('answers 401 to a wrong request token, which makes getIDToken throw', async () => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'stolen';
    await expect(getIDToken(AUDIENCE)).rejects.toThrow(/Failed to get ID Token[\s\S]*401/);
    expect(log.filter((r) => r.service === 'oidc').map((r) => r.status)).toEqual([401]);
  });

  it('fails the next N requests with failStatus; 500 makes getIDToken throw', async () => {
    oidc.failNext = 1;
    await expect(getIDToken(AUDIENCE)).rejects.toThrow(/500/);
    expect(oidc.failNext).toBe(0);
    await expect(getIDToken(AUDIENCE)).resolves.toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('lets getIDToken retry through transient 503 answers', async () => {
    oidc.failNext = 2;
    oidc.failStatus = 503;
    await getIDToken(AUDIENCE);
    expect(log.filter((r) => r.service === 'oidc').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('rejects tampered, foreign and mis-addressed tokens in verify', () => {
    const token = oidc.issue(AUDIENCE);
    const [header, , signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...decodeClaims(token), sub: 'repo:evil/x:ref:refs/heads/main' }),
    );
    expect(
      oidc.verify(`${header}.${forgedPayload.toString('base64url')}.${signature}`, AUDIENCE),
    ).toMatchObject({
      ok: false,
      code: 'bad-signature',
    });
    expect(oidc.verify('not-a-jwt', AUDIENCE)).toMatchObject({ ok: false, code: 'malformed' });
    expect(oidc.verify(token, 'https://github.com/octo-org')).toMatchObject({
      ok: false,
      code: 'wrong-audience',
    });
    expect(oidc.verify(oidc.issue(AUDIENCE, { iss: 'https://evil.example' }), AUDIENCE)).toMatchObject({
      ok: false,
      code: 'wrong-issuer',
    });
  });
});

describe('STS AssumeRoleWithWebIdentity', () => {
  it('exchanges an emulated OIDC token for credentials through fromWebToken', async () => {
    const token = await getIDToken(AUDIENCE);
    const before = Date.now();
    const credentials = await assume(token, { durationSeconds: 1800 });

    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.secretAccessKey.length).toBe(40);
    expect(credentials.sessionToken?.length).toBeGreaterThan(100);
    expect(credentials.accountId).toBe(ACCOUNT);
    const lifetime = credentials.expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(1800 * 1000 - 1000);
    expect(lifetime).toBeLessThanOrEqual(1800 * 1000 + 2000);

    const request = log.find((r) => r.service === 'sts')!;
    expect(request.method).toBe('POST');
    const form = new URLSearchParams(request.body);
    expect(form.get('Action')).toBe('AssumeRoleWithWebIdentity');
    expect(form.get('RoleSessionName')).toBe('agentcore-deploy');
    expect(sts.assumed.at(-1)).toMatchObject({
      roleArn: ROLE_ARN,
      roleSessionName: 'agentcore-deploy',
      durationSeconds: 1800,
      accessKeyId: credentials.accessKeyId,
      subject: `repo:${REPOSITORY}:ref:refs/heads/main`,
    });
    expect(JSON.stringify(sts.assumed)).not.toContain(credentials.secretAccessKey);
    expect(sts.lookupAccessKey(credentials.accessKeyId)).toEqual({
      expiration: credentials.expiration,
      roleArn: ROLE_ARN,
    });
    expect(sts.lookupAccessKey('ASIAUNKNOWN')).toBeUndefined();
  });

  it('caps the credential lifetime at credentialsTtlSeconds when set', async () => {
    sts.credentialsTtlSeconds = 2;
    const before = Date.now();
    const credentials = await assume(oidc.issue(AUDIENCE), { durationSeconds: 3600 });
    const lifetime = credentials.expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(2000 - 1000);
    expect(lifetime).toBeLessThanOrEqual(2000 + 1000);
    expect(sts.lookupAccessKey(credentials.accessKeyId)!.expiration).toEqual(credentials.expiration);
  });

  it('surfaces a token for another audience as InvalidIdentityTokenException', async () => {
    const token = oidc.issue('https://github.com/octo-org');
    await expect(assume(token)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('surfaces an expired token as ExpiredTokenException', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    const token = oidc.issue(AUDIENCE, { iat: past, nbf: past, exp: past + 300 });
    await expect(assume(token)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringContaining('Token expired'),
    });
  });

  it('surfaces garbage and forged tokens as InvalidIdentityTokenException', async () => {
    await expect(assume('garbage-token')).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: expect.stringContaining('not a valid JWT'),
    });
    const token = oidc.issue(AUDIENCE);
    await expect(assume(`${token.slice(0, -4)}AAAA`)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
    });
    expect(sts.assumed).toHaveLength(0);
  });

  it('answers ValidationError for bad RoleArn, RoleSessionName and DurationSeconds', async () => {
    const token = oidc.issue(AUDIENCE);
    await expect(assume(token, { roleArn: 'arn:aws:iam::12:thing/x-y-z' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'Request ARN is invalid',
    });
    await expect(assume(token, { durationSeconds: 100 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining("Value '100' at 'durationSeconds'"),
    });
    await expect(assume(token, { durationSeconds: 50000 })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    await expect(
      fromWebToken({
        roleArn: ROLE_ARN,
        webIdentityToken: token,
        roleSessionName: 'has spaces',
        clientConfig: { region: 'eu-west-1', maxAttempts: 1 },
      })(),
    ).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringContaining('roleSessionName') });
    const errorBody = log.filter((r) => r.service === 'sts').at(-1);
    expect(errorBody?.status).toBe(400);
  });

  it('answers AccessDenied (403) for a role in another account or a subject the trust policy refuses', async () => {
    const token = oidc.issue(AUDIENCE);
    await expect(
      assume(token, { roleArn: 'arn:aws:iam::999999999999:role/deploy-agent' }),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    sts.allowedSubjects = [`repo:${REPOSITORY}:environment:*`];
    await expect(assume(token)).rejects.toMatchObject({ name: 'AccessDenied' });
    sts.allowedSubjects = [`repo:${REPOSITORY}:*`];
    await expect(assume(token)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
  });

  it('answers injected throttling as Throttling "Rate exceeded", which the SDK retries', async () => {
    stsFaults.throttle = 1;
    await expect(assume(oidc.issue(AUDIENCE))).rejects.toMatchObject({
      name: 'Throttling',
      message: 'Rate exceeded',
    });
    stsFaults.throttle = 1;
    await expect(assume(oidc.issue(AUDIENCE), { maxAttempts: 2 })).resolves.toHaveProperty('accessKeyId');
    expect(log.filter((r) => r.service === 'sts').map((r) => r.status)).toEqual([400, 400, 200]);
  });

  it('answers an unknown action with InvalidAction', async () => {
    const response = await fetch(stsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toContain('<Type>Sender</Type>');
  });
});
