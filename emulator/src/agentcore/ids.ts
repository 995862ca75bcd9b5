// Identifiers the service generates. Formats follow what the real service returns (the model's own
// AgentRuntimeArn pattern, `…:agent/<uuid>:<version>`, contradicts the ARNs AWS actually hands out).
import { randomInt, randomUUID } from 'node:crypto';

const ALPHANUMERICS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `<name>-<10 random alphanumerics>`, the shape of agentRuntimeId and endpoint ids. */
export function generatedId(name: string): string {
  let suffix = '';
  for (let i = 0; i < 10; i++) suffix += ALPHANUMERICS[randomInt(ALPHANUMERICS.length)];
  return `${name}-${suffix}`;
}

export interface Partition {
  region: string;
  accountId: string;
}

export const runtimeArn = (p: Partition, runtimeId: string): string =>
  `arn:aws:bedrock-agentcore:${p.region}:${p.accountId}:runtime/${runtimeId}`;

export const endpointArn = (p: Partition, runtimeId: string, endpointName: string): string =>
  `${runtimeArn(p, runtimeId)}/runtime-endpoint/${endpointName}`;

export const workloadIdentityArn = (p: Partition, runtimeId: string): string =>
  `arn:aws:bedrock-agentcore:${p.region}:${p.accountId}:workload-identity-directory/default/workload-identity/${runtimeId}`;

export const requestId = (): string => randomUUID();
