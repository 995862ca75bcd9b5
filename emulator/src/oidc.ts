// The GitHub Actions OIDC token endpoint, as `@actions/core`'s `getIDToken(audience)` calls it:
// GET `${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=<aud>` with `Authorization: Bearer <request token>`,
// answered with `{"value":"<jwt>"}`. Tokens are signed with HMAC-SHA256 and a secret that lives only in
// this process, so the emulated STS can tell our tokens from forged or tampered ones through `verify`.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { json, takeInjectedError, type Handler, type ServiceFaults } from './http.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

/** The claims GitHub puts in an Actions ID token (the subset a trust policy usually looks at). */
export interface OidcClaims {
  iss: string;
  aud: string;
  sub: string;
  repository: string;
  repository_owner: string;
  ref: string;
  ref_type: string;
  sha: string;
  workflow: string;
  event_name: string;
  actor: string;
  run_id: string;
  runner_environment: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  claims: OidcClaims;
}

export type VerifyFailureCode =
  'malformed' | 'bad-signature' | 'wrong-issuer' | 'wrong-audience' | 'expired' | 'not-yet-valid';

export type VerifyResult =
  | { ok: true; claims: OidcClaims }
  | { ok: false; code: VerifyFailureCode; reason: string; claims?: OidcClaims };

export interface OidcState {
  /** The value `ACTIONS_ID_TOKEN_REQUEST_TOKEN` must hold; anything else is answered 401. */
  requestToken: string;
  issuer: string;
  /** Lifetime of issued tokens (GitHub's are valid for 5 minutes). */
  tokenTtlSeconds: number;
  /** The next N token requests are answered with `failStatus`. */
  failNext: number;
  failStatus: number;
  /** Merged over the default claims of every token issued from now on (e.g. `{ ref: 'refs/pull/7/merge' }`). */
  claims: Partial<OidcClaims>;
  /** Every token issued, in order (by the endpoint or by `issue`). */
  issued: IssuedToken[];
  /** Mints a token directly, bypassing HTTP; overrides win over everything (use them for expired tokens). */
  issue(audience: string, overrides?: Partial<OidcClaims>): string;
  verify(token: string, expectedAudience: string): VerifyResult;
}

export function createOidcService(
  options: { requestToken: string; repository: string; issuer?: string },
  faults: ServiceFaults,
): { handler: Handler; state: OidcState } {
  const secret = randomBytes(32);
  const owner = options.repository.split('/')[0] ?? options.repository;

  const state: OidcState = {
    requestToken: options.requestToken,
    issuer: options.issuer ?? GITHUB_OIDC_ISSUER,
    tokenTtlSeconds: 300,
    failNext: 0,
    failStatus: 500,
    claims: {},
    issued: [],
    issue(audience, overrides = {}) {
      const iat = Math.floor(Date.now() / 1000);
      const ref = state.claims.ref ?? 'refs/heads/main';
      const claims: OidcClaims = {
        iss: state.issuer,
        aud: audience,
        sub: `repo:${options.repository}:ref:${ref}`,
        repository: options.repository,
        repository_owner: owner,
        ref,
        ref_type: 'branch',
        sha: '0000000000000000000000000000000000000000',
        workflow: 'deploy',
        event_name: 'push',
        actor: 'octocat',
        run_id: '1',
        runner_environment: 'github-hosted',
        jti: randomUUID(),
        iat,
        nbf: iat,
        exp: iat + state.tokenTtlSeconds,
        ...state.claims,
        ...overrides,
      };
      const token = signJwt(claims, secret);
      state.issued.push({ token, claims });
      return token;
    },
    verify: (token, expectedAudience) => verifyJwt(token, expectedAudience, state.issuer, secret),
  };

  const handler: Handler = (req) => {
    if (req.method !== 'GET' || req.path.replace(/\/+$/, '') !== '/_apis/idtoken') {
      return json(404, { message: `No route for ${req.method} ${req.path}` });
    }
    const injected = takeInjectedError(faults, req);
    if (injected) return json(injected.status, { message: `Injected ${injected.kind} error` });
    if (state.failNext > 0) {
      state.failNext--;
      return json(state.failStatus, { message: 'Injected OIDC endpoint failure' });
    }
    if (req.headers.authorization !== `Bearer ${state.requestToken}`) {
      return json(401, { message: 'Unauthorized: the ID token request token is missing or invalid.' });
    }
    // Without an audience GitHub uses the URL of the repository owner.
    const audience = req.query.get('audience') ?? `https://github.com/${owner}`;
    return json(200, { count: state.issued.length + 1, value: state.issue(audience) });
  };

  return { handler, state };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

function signJwt(claims: OidcClaims, secret: Buffer): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'emulator' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function verifyJwt(token: string, expectedAudience: string, issuer: string, secret: Buffer): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, code: 'malformed', reason: 'The token is not a JWT.' };
  const [header, payload, signature] = parts as [string, string, string];
  let claims: OidcClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcClaims;
    JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'malformed', reason: 'The token header or payload is not base64url JSON.' };
  }
  if (typeof claims !== 'object' || claims === null) {
    return { ok: false, code: 'malformed', reason: 'The token payload is not a JSON object.' };
  }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'bad-signature', reason: 'The token signature does not verify.', claims };
  }
  if (claims.iss !== issuer) {
    return { ok: false, code: 'wrong-issuer', reason: `Unknown issuer ${String(claims.iss)}.`, claims };
  }
  if (claims.aud !== expectedAudience) {
    return { ok: false, code: 'wrong-audience', reason: 'Incorrect token audience', claims };
  }
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp <= now) {
    const reason = `Token expired: current date/time ${now} must be before the expiration date/time ${claims.exp}`;
    return { ok: false, code: 'expired', reason, claims };
  }
  if (claims.nbf > now) {
    return { ok: false, code: 'not-yet-valid', reason: `Token is not valid before ${claims.nbf}.`, claims };
  }
  return { ok: true, claims };
}
