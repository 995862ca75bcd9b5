// AWS credentials for the deploy: with `role-to-assume`, GitHub's OIDC token is exchanged for a role
// session through STS AssumeRoleWithWebIdentity; without it, the SDK's default chain is used (for example
// after aws-actions/configure-aws-credentials). The provider fetches a FRESH ID token every time the SDK
// asks for credentials, so a wait that outlives the role session (or the ~5-minute ID token) still works:
// aws-actions/configure-aws-credentials fetches it once and fails there.
import { fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { sleep as realSleep } from '../util/sleep.js';
import { describeCause, errorMessage, isTransient, markOperation } from './errors.js';
import { MAX_ATTEMPTS } from './runtime-gateway.js';

export interface OidcRoleSettings {
  roleToAssume: string;
  roleSessionName: string;
  roleDurationSeconds: number;
  audience: string;
  region: string;
}

export interface CredentialEffects {
  getIDToken(audience: string): Promise<string>;
  sleep?: (ms: number) => Promise<void>;
}

/** The OIDC endpoint is asked up to this many times for errors the toolkit does not retry itself. */
const ID_TOKEN_ATTEMPTS = 4;

export class MissingOidcPermissionError extends Error {
  constructor() {
    super(
      'role-to-assume is set, but this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL / ' +
        'ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). Add `permissions: id-token: write` to the job. On a pull ' +
        'request from a fork GitHub never grants it: plan such PRs without AWS access, or see the README on ' +
        'pull_request_target.',
    );
    this.name = 'MissingOidcPermissionError';
  }
}

/** Says, before any network call, whether the OIDC exchange can work at all. */
export function checkOidcAvailable(env: Record<string, string | undefined>): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    throw new MissingOidcPermissionError();
}

export function oidcRoleCredentials(
  settings: OidcRoleSettings,
  effects: CredentialEffects,
): AwsCredentialIdentityProvider {
  return async (): Promise<AwsCredentialIdentity> => {
    let webIdentityToken: string;
    try {
      // getIDToken masks the token itself.
      webIdentityToken = await idTokenWithRetries(settings.audience, effects);
    } catch (err) {
      throw withMessage(err, `${OIDC_CALL} failed: ${errorMessage(err)}`, OIDC_CALL);
    }
    let credentials: AwsCredentialIdentity;
    try {
      credentials = await fromWebToken({
        roleArn: settings.roleToAssume,
        webIdentityToken,
        roleSessionName: settings.roleSessionName,
        durationSeconds: settings.roleDurationSeconds,
        clientConfig: { region: settings.region, maxAttempts: MAX_ATTEMPTS },
      })();
    } catch (err) {
      throw withMessage(
        err,
        assumeRoleFailure(err, settings.roleToAssume, webIdentityToken),
        'AssumeRoleWithWebIdentity',
      );
    }
    // The session's keys never leave this process (no env, output or log line carries them), so they are
    // not registered as secrets: an ::add-mask:: command would be the one place that prints them.
    return credentials;
  };
}

const OIDC_CALL = 'GitHub OIDC token request';

/**
 * The error itself (its name and status still classify it), told in words that say what to do, and
 * marked with its call so the AgentCore call whose signing asked for credentials is not blamed.
 */
function withMessage(err: unknown, message: string, operation: string): unknown {
  const error = err instanceof Error ? err : new Error(message);
  error.message = message;
  markOperation(error, operation);
  return error;
}

/**
 * A refusal names the token's claims a trust policy matches on (never the token itself) beside the role,
 * with the usual mistakes; any other failure names the call and its cause.
 */
export function assumeRoleFailure(err: unknown, roleArn: string, webIdentityToken: string): string {
  const call = `STS AssumeRoleWithWebIdentity for ${roleArn}`;
  if (isTransient(err)) return `${call} failed after retries: ${describeCause(err)}`;
  const claims = trustClaims(webIdentityToken);
  return (
    `${call} was refused: ${describeCause(err)}. The GitHub OIDC token had ` +
    `sub "${claims.sub}", aud "${claims.aud}", repository "${claims.repository}". ` +
    'The role’s trust policy must trust token.actions.githubusercontent.com for that aud and match that sub ' +
    '(StringLike). Usual mistakes: a job with `environment:` has sub repo:OWNER/REPO:environment:NAME and a ' +
    'pull_request event has sub repo:OWNER/REPO:pull_request, neither repo:OWNER/REPO:ref:refs/heads/...; ' +
    'the owner and repository names in sub are case-sensitive; aud must equal the audience input.'
  );
}

/** The claims a trust policy matches on, read from the JWT's payload (the signature is STS's business). */
function trustClaims(jwt: string): { sub: string; aud: string; repository: string } {
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    // Not a JWT: every claim shows as unknown.
  }
  const text = (v: unknown) => (Array.isArray(v) ? v.join(',') : typeof v === 'string' ? v : 'unknown');
  return { sub: text(payload.sub), aud: text(payload.aud), repository: text(payload.repository) };
}

/**
 * @actions/core's getIDToken already retries 502, 503 and 504 itself; what is left worth another try is a
 * 500, a 429 or a broken connection. Its error carries the status only in its message.
 */
function worthAnotherIdTokenTry(err: unknown): boolean {
  const status = Number(/Error Code : (\d{3})/.exec(String((err as Error)?.message))?.[1] ?? 0);
  if (status === 0) return true;
  return status === 429 || (status >= 500 && ![502, 503, 504].includes(status));
}

async function idTokenWithRetries(audience: string, effects: CredentialEffects): Promise<string> {
  const sleep = effects.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await effects.getIDToken(audience);
    } catch (err) {
      if (attempt >= ID_TOKEN_ATTEMPTS || !worthAnotherIdTokenTry(err)) throw err;
      await sleep(500 * 2 ** (attempt - 1));
    }
  }
}
