// Which credentials the control-plane client signs with: a role assumed through GitHub's OIDC token when
// `role-to-assume` is set, otherwise the SDK's default chain (e.g. keys from configure-aws-credentials).
import * as core from '@actions/core';
import { checkOidcAvailable, oidcRoleCredentials } from './credentials.js';
import { createAgentInvoker, type AgentInvoker } from './agent-invoker.js';
import { createControlClient, SdkRuntimeGateway, type RuntimeGateway } from './runtime-gateway.js';
import type { ActionSettings } from '../inputs/read-inputs.js';

const USER_AGENT = 'agentcore-deploy/1';

export interface AwsConnection {
  gateway: RuntimeGateway;
  /** The data plane, signing with the same credentials (its client is loaded on first use). */
  invoker: AgentInvoker;
}

/** Throws MissingOidcPermissionError, before any network call, when the job cannot get an ID token. */
export function connect(settings: ActionSettings, region: string): AwsConnection {
  let credentials;
  if (settings.roleToAssume) {
    checkOidcAvailable(process.env);
    credentials = oidcRoleCredentials(
      {
        roleToAssume: settings.roleToAssume,
        roleSessionName: settings.roleSessionName,
        roleDurationSeconds: settings.roleDurationSeconds,
        audience: settings.audience,
        region,
      },
      { getIDToken: (aud) => core.getIDToken(aud) },
    );
  }
  return {
    gateway: new SdkRuntimeGateway(createControlClient({ region, credentials, userAgent: USER_AGENT })),
    invoker: createAgentInvoker({ region, credentials, userAgent: USER_AGENT }),
  };
}

/** Errors that mean "this job has no AWS identity at all" (a fork's pull request, typically). */
export function isMissingAwsAccess(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'MissingOidcPermissionError' || name === 'CredentialsProviderError';
}
