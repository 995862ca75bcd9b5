// The step outputs, in one place so plan mode, deploy mode and the failure paths set the same names.
import type { RuntimeRef } from '../aws/current-runtime.js';
import type { FailureReason } from './failure-reason.js';

export interface ActionOutputs {
  'agent-runtime-arn': string;
  'agent-runtime-id': string;
  'agent-runtime-version': string;
  status: string;
  'workload-identity-arn': string;
  /** `destroy` only in destroy mode. */
  operation: 'create' | 'update' | 'none' | 'destroy';
  changed: 'true' | 'false';
  'plan-markdown'?: string;
  'plan-json'?: string;
  /** Empty on success. */
  'failure-reason'?: FailureReason;
  /** `sha256:<hex>`: the digest of the image deployed (empty for code, or an image that was not looked up). */
  'image-digest'?: string;
  /** The S3 key of the code deployed (empty for a container). */
  'code-s3-key'?: string;
  'endpoint-arn'?: string;
  'endpoint-version'?: string;
  'smoke-test-response'?: string;
}

/**
 * `operation` keeps to the contract's create | update | none. A plan that needs a replacement says
 * `update` (a deploy would try to change the runtime in place, and fail before changing anything); the
 * reason is in plan-json's replacementReasons and in the rendered plan.
 */
export function runtimeOutputs(
  runtime: RuntimeRef | undefined,
  operation: 'create' | 'update' | 'none' | 'replace',
  changed: boolean,
): ActionOutputs {
  return {
    'agent-runtime-arn': runtime?.arn ?? '',
    'agent-runtime-id': runtime?.id ?? '',
    'agent-runtime-version': runtime?.version ?? '',
    status: runtime?.status ?? '',
    'workload-identity-arn': runtime?.workloadIdentityArn ?? '',
    operation: operation === 'replace' ? 'update' : operation,
    changed: changed ? 'true' : 'false',
  };
}
