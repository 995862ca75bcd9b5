// Which credentials the AWS clients sign with: a role assumed through GitHub's OIDC token when
// `role-to-assume` is set, otherwise the SDK's default chain (e.g. keys from configure-aws-credentials).
import * as core from '@actions/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { checkOidcAvailable, oidcRoleCredentials } from './credentials.js';
import { EcrImageRegistry, type ImageRegistry } from './image-registry.js';
import { S3ObjectStore, type ObjectStore } from './object-store.js';
import { createAgentInvoker, type AgentInvoker } from './agent-invoker.js';
import { createControlClient, SdkRuntimeGateway, type RuntimeGateway } from './runtime-gateway.js';
import type { ActionSettings } from '../inputs/read-inputs.js';

const USER_AGENT = 'agentcore-deploy/1';

export interface AwsConnection {
  gateway: RuntimeGateway;
  /** ECR and S3 clients are built (and their code loaded) only when first used. */
  registry: () => ImageRegistry;
  store: () => ObjectStore;
  /** The data plane, signing with the same credentials (its client is loaded on first use). */
  invoker: AgentInvoker;
}

/** Throws MissingOidcPermissionError, before any network call, when the job cannot get an ID token. */
export function connect(settings: ActionSettings, region: string): AwsConnection {
  let credentials: AwsCredentialIdentityProvider | undefined;
  if (settings.roleToAssume) {
    checkOidcAvailable(process.env);
    credentials = shared(
      oidcRoleCredentials(
        {
          roleToAssume: settings.roleToAssume,
          roleSessionName: settings.roleSessionName,
          roleDurationSeconds: settings.roleDurationSeconds,
          audience: settings.audience,
          region,
        },
        { getIDToken: (aud) => core.getIDToken(aud) },
      ),
    );
  }
  let registry: ImageRegistry | undefined;
  let store: ObjectStore | undefined;
  return {
    gateway: new SdkRuntimeGateway(
      createControlClient({ region, credentials, userAgent: USER_AGENT, throttling: { log: core.info } }),
    ),
    registry: () => (registry ??= new EcrImageRegistry({ credentials, userAgent: USER_AGENT })),
    store: () => (store ??= new S3ObjectStore({ region, credentials, userAgent: USER_AGENT })),
    invoker: createAgentInvoker({ region, credentials, userAgent: USER_AGENT }),
  };
}

/** Re-assume this long before the session expires. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * One role session for every client: each SDK client caches credentials on its own, and would otherwise
 * assume the role again (one more OIDC token and STS call per client). Clients ask at the same time (the
 * control plane is read while ECR is asked about the image), so an assumption under way is shared too.
 */
function shared(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  // Unknown until the session arrives: until then, whoever asks waits for the same one.
  let expiresAt = Number.POSITIVE_INFINITY;
  return () => {
    if (!current || Date.now() >= expiresAt - REFRESH_MARGIN_MS) {
      const next = provider();
      current = next;
      expiresAt = Number.POSITIVE_INFINITY;
      next.then(
        (identity) => {
          if (current === next) expiresAt = identity.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        },
        () => {
          if (current === next) current = undefined; // the next caller tries again
        },
      );
    }
    return current;
  };
}

/** Errors that mean "this job has no AWS identity at all" (a fork's pull request, typically). */
export function isMissingAwsAccess(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'MissingOidcPermissionError' || name === 'CredentialsProviderError';
}
