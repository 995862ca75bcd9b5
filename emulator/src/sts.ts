// AWS STS `AssumeRoleWithWebIdentity` over the query protocol (form-encoded POST, XML reply), as the
// SDK's nested STS client sends it for `fromWebToken` when `AWS_ENDPOINT_URL_STS` points here. Only
// tokens minted by the emulated GitHub OIDC endpoint for the expected audience are accepted; errors use
// the codes the SDK maps to its exception classes (`InvalidIdentityToken` -> InvalidIdentityTokenException).
import { randomBytes, randomUUID } from 'node:crypto';
import { takeInjectedError, type EmulatorResponse, type Handler, type ServiceFaults } from './http.js';
import type { OidcState } from './oidc.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43200;
const DEFAULT_DURATION_SECONDS = 3600;

/** One successful assume; deliberately without the secret key and session token. */
export interface AssumedRoleRecord {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  accessKeyId: string;
  expiration: Date;
  subject: string;
  time: Date;
}

export interface StsState {
  /** When set, credentials expire after min(DurationSeconds, this); settable at any time. */
  credentialsTtlSeconds: number | undefined;
  /** The role's MaxSessionDuration; a longer DurationSeconds is a ValidationError, as in IAM. */
  roleMaxSessionDurationSeconds: number;
  /** `sub` patterns the role's trust policy allows (`*` wildcards, like StringLike); undefined = any. */
  allowedSubjects: string[] | undefined;
  assumed: AssumedRoleRecord[];
  /** In-process only: every secret key and session token issued, so tests can look for leaks. */
  issuedSecrets: string[];
  lookupAccessKey(accessKeyId: string): { expiration: Date; roleArn: string } | undefined;
}

export function createStsService(
  options: { oidc: OidcState; accountId: string; audience: string; credentialsTtlSeconds?: number },
  faults: ServiceFaults,
): { handler: Handler; state: StsState } {
  const state: StsState = {
    credentialsTtlSeconds: options.credentialsTtlSeconds,
    roleMaxSessionDurationSeconds: MAX_DURATION_SECONDS,
    allowedSubjects: undefined,
    assumed: [],
    issuedSecrets: [],
    lookupAccessKey(accessKeyId) {
      const record = state.assumed.find((a) => a.accessKeyId === accessKeyId);
      return record && { expiration: record.expiration, roleArn: record.roleArn };
    },
  };

  const handler: Handler = (req) => {
    const params = new URLSearchParams(req.query);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);

    const injected = takeInjectedError(faults, req);
    if (injected?.kind === 'throttle') return stsError(400, 'Throttling', 'Rate exceeded');
    if (injected)
      return stsError(injected.status, 'InternalFailure', 'An internal error occurred.', 'Receiver');

    const action = params.get('Action');
    if (action !== 'AssumeRoleWithWebIdentity' || params.get('Version') !== '2011-06-15') {
      return stsError(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${params.get('Version')}`,
      );
    }
    return assumeRoleWithWebIdentity(params, state, options);
  };

  return { handler, state };
}

function assumeRoleWithWebIdentity(
  params: URLSearchParams,
  state: StsState,
  options: { oidc: OidcState; accountId: string; audience: string },
): EmulatorResponse {
  const roleArn = params.get('RoleArn');
  const roleSessionName = params.get('RoleSessionName');
  const webIdentityToken = params.get('WebIdentityToken');
  const durationText = params.get('DurationSeconds');
  const durationSeconds = durationText === null ? DEFAULT_DURATION_SECONDS : Number(durationText);

  const invalid = validateParameters(
    roleArn,
    roleSessionName,
    webIdentityToken,
    durationText,
    durationSeconds,
  );
  if (invalid) return stsError(400, 'ValidationError', invalid);
  const role = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(roleArn!);
  if (!role) return stsError(400, 'ValidationError', 'Request ARN is invalid');
  if (durationSeconds > state.roleMaxSessionDurationSeconds) {
    return stsError(
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }

  const verified = options.oidc.verify(webIdentityToken!, options.audience);
  if (!verified.ok) {
    if (verified.code === 'expired') return stsError(400, 'ExpiredTokenException', verified.reason);
    const message =
      verified.code === 'malformed'
        ? 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)'
        : verified.code === 'wrong-issuer'
          ? `No OpenIDConnect provider found in your account for ${verified.claims?.iss}`
          : verified.code === 'bad-signature'
            ? "Couldn't verify the signature of the ID token."
            : verified.reason;
    return stsError(400, 'InvalidIdentityToken', message);
  }
  const { claims } = verified;
  // The OIDC provider and the role must live in the emulated account, and the trust policy must admit `sub`.
  const subjectAllowed = state.allowedSubjects?.some((p) => wildcardMatch(p, claims.sub)) ?? true;
  if (role[1] !== options.accountId || !subjectAllowed) {
    return stsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  }

  const now = Date.now();
  const ttl = Math.min(durationSeconds, state.credentialsTtlSeconds ?? durationSeconds);
  // STS reports whole seconds; round up so the credentials never live shorter than asked.
  const expiration = new Date(Math.ceil((now + ttl * 1000) / 1000) * 1000);
  const accessKeyId = `ASIA${randomId(16)}`;
  const roleName = role[2]!;
  state.assumed.push({
    roleArn: roleArn!,
    roleSessionName: roleSessionName!,
    durationSeconds,
    accessKeyId,
    expiration,
    subject: claims.sub,
    time: new Date(now),
  });

  const secretAccessKey = randomBytes(30).toString('base64');
  const sessionToken = randomBytes(300).toString('base64');
  state.issuedSecrets.push(secretAccessKey, sessionToken);

  const body = `<AssumeRoleWithWebIdentityResponse xmlns="${STS_NAMESPACE}">
  <AssumeRoleWithWebIdentityResult>
    <Audience>${xml(claims.aud)}</Audience>
    <AssumedRoleUser>
      <AssumedRoleId>AROA${randomId(17)}:${xml(roleSessionName!)}</AssumedRoleId>
      <Arn>arn:aws:sts::${options.accountId}:assumed-role/${xml(roleName)}/${xml(roleSessionName!)}</Arn>
    </AssumedRoleUser>
    <Provider>arn:aws:iam::${options.accountId}:oidc-provider/${xml(claims.iss.replace(/^https:\/\//, ''))}</Provider>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>${secretAccessKey}</SecretAccessKey>
      <SessionToken>${sessionToken}</SessionToken>
      <Expiration>${expiration.toISOString().replace('.000Z', 'Z')}</Expiration>
    </Credentials>
    <SubjectFromWebIdentityToken>${xml(claims.sub)}</SubjectFromWebIdentityToken>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

/** The model's constraints, reported with STS's "N validation error(s) detected" wording. */
function validateParameters(
  roleArn: string | null,
  roleSessionName: string | null,
  webIdentityToken: string | null,
  durationText: string | null,
  durationSeconds: number,
): string | undefined {
  const errors: string[] = [];
  const bad = (value: string | null, member: string, constraint: string) =>
    errors.push(
      `Value ${value === null ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
    );
  if (roleArn === null) bad(null, 'roleArn', 'Member must not be null');
  else if (roleArn.length < 20 || roleArn.length > 2048) {
    bad(roleArn, 'roleArn', 'Member must have length between 20 and 2048');
  }
  if (roleSessionName === null) bad(null, 'roleSessionName', 'Member must not be null');
  else if (roleSessionName.length < 2 || roleSessionName.length > 64) {
    bad(roleSessionName, 'roleSessionName', 'Member must have length between 2 and 64');
  } else if (!/^[\w+=,.@-]*$/.test(roleSessionName)) {
    bad(roleSessionName, 'roleSessionName', 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  }
  if (webIdentityToken === null) bad(null, 'webIdentityToken', 'Member must not be null');
  else if (webIdentityToken.length < 4 || webIdentityToken.length > 20000) {
    bad('*** Sensitive Data Redacted ***', 'webIdentityToken', 'Member must have length between 4 and 20000');
  }
  if (durationText !== null) {
    if (!Number.isInteger(durationSeconds)) bad(durationText, 'durationSeconds', 'Member must be an integer');
    else if (durationSeconds < MIN_DURATION_SECONDS) {
      bad(
        durationText,
        'durationSeconds',
        `Member must have value greater than or equal to ${MIN_DURATION_SECONDS}`,
      );
    } else if (durationSeconds > MAX_DURATION_SECONDS) {
      bad(
        durationText,
        'durationSeconds',
        `Member must have value less than or equal to ${MAX_DURATION_SECONDS}`,
      );
    }
  }
  if (errors.length === 0) return undefined;
  return `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: ${errors.join('; ')}`;
}

function stsError(status: number, code: string, message: string, type = 'Sender'): EmulatorResponse {
  const requestId = randomUUID();
  const body = `<ErrorResponse xmlns="${STS_NAMESPACE}">
  <Error>
    <Type>${type}</Type>
    <Code>${code}</Code>
    <Message>${xml(message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const randomId = (length: number) =>
  [...randomBytes(length)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`).test(value);
}
