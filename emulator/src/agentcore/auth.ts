// The checks AWS's front door makes before the service sees a request: a SigV4 Authorization header
// scoped to the right service and region, from a known and unexpired access key. Signatures are not
// verified cryptographically; what deployers get wrong is the scope and stale credentials.
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorResponse } from '../http.js';
import { serviceError } from './errors.js';

export const SIGNING_NAME = 'bedrock-agentcore';

export interface AuthPolicy {
  region: string;
  /** When set, only these access key ids (plus STS-issued ones) are accepted. */
  allowedAccessKeyIds?: string[];
  /** Tells whether the emulated STS issued a key, and until when it is valid. */
  lookupAccessKey?: (accessKeyId: string) => { expiration: Date } | undefined;
  now: number;
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=[^,\s]+,\s*Signature=[0-9a-f]+$/;

/** Returns the caller's access key id, or the error answer AWS would give. */
export function authenticate(
  headers: IncomingHttpHeaders,
  policy: AuthPolicy,
): { accessKeyId: string } | { error: EmulatorResponse } {
  const header = headers.authorization;
  if (!header)
    return { error: serviceError('MissingAuthenticationTokenException', 'Missing Authentication Token') };
  const m = AUTHORIZATION.exec(header);
  if (!m)
    return {
      error: serviceError(
        'IncompleteSignatureException',
        'Authorization header requires Credential, SignedHeaders and Signature for AWS4-HMAC-SHA256',
      ),
    };
  const [, accessKeyId, , region, service] = m;
  if (service !== SIGNING_NAME)
    return {
      error: serviceError(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${SIGNING_NAME}', not '${service}'.`,
      ),
    };
  if (region !== policy.region)
    return {
      error: serviceError(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region: '${policy.region}', not '${region}'.`,
      ),
    };
  const issued = policy.lookupAccessKey?.(accessKeyId);
  if (issued && issued.expiration.getTime() <= policy.now)
    return {
      error: serviceError('ExpiredTokenException', 'The security token included in the request is expired'),
    };
  if (!issued && policy.allowedAccessKeyIds && !policy.allowedAccessKeyIds.includes(accessKeyId))
    return {
      error: serviceError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      ),
    };
  return { accessKeyId };
}
