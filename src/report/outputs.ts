// The step outputs, in one place so plan mode, deploy mode and the failure paths set the same names.
import type { RuntimeRef } from '../aws/current-runtime.js';

export interface ActionOutputs {
  'agent-runtime-arn': string;
  'agent-runtime-id': string;
  'agent-runtime-version': string;
  status: string;
  'workload-identity-arn': string;
  /** create | update | none (plan mode may also say replace: a deploy would fail). */
  operation: string;
  changed: 'true' | 'false';
  'plan-markdown'?: string;
  'plan-json'?: string;
}

export function runtimeOutputs(
  runtime: RuntimeRef | undefined,
  operation: string,
  changed: boolean,
): ActionOutputs {
  return {
    'agent-runtime-arn': runtime?.arn ?? '',
    'agent-runtime-id': runtime?.id ?? '',
    'agent-runtime-version': runtime?.version ?? '',
    status: runtime?.status ?? '',
    'workload-identity-arn': runtime?.workloadIdentityArn ?? '',
    operation,
    changed: changed ? 'true' : 'false',
  };
}
