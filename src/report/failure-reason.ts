// The `failure-reason` output: one word for why a run failed, so later steps and notifications can branch
// on it (`if: steps.deploy.outputs.failure-reason == 'plan-changed'`). Every failure path of the action
// goes through failureReasonOf(); success leaves the output empty.
import { errorName } from '../aws/errors.js';

export const FAILURE_REASONS = [
  'plan-changed',
  'no-reviewed-plan',
  'not-managed',
  'invalid-input',
  'runtime-failed',
  'endpoint-failed',
  'smoke-failed',
  'timeout',
  'aws-error',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/**
 * An error that knows its own failure reason. Stage modules say it where they throw, so this module
 * needs no knowledge of them: `class EndpointFailedError extends Error { readonly failureReason = 'endpoint-failed' }`.
 */
export interface ClassifiedError extends Error {
  readonly failureReason: FailureReason;
}

/** Errors of other modules, by name, that do not carry a failureReason of their own. */
const BY_NAME: Record<string, FailureReason> = {
  RuntimeFailedError: 'runtime-failed',
  WaitTimeoutError: 'timeout',
  // A configuration the service cannot apply in place (an artifact type change) is the input's problem.
  ReplacementRequiredError: 'invalid-input',
  // Hooks for the promotion stages (named endpoints, smoke invocation), whichever name they land under.
  EndpointFailedError: 'endpoint-failed',
  EndpointPromotionError: 'endpoint-failed',
  SmokeTestFailedError: 'smoke-failed',
  SmokeFailedError: 'smoke-failed',
};

const isFailureReason = (value: unknown): value is FailureReason =>
  typeof value === 'string' && (FAILURE_REASONS as readonly string[]).includes(value);

/** Why `err` ended the run. Anything unrecognised is an AWS (or network, or GitHub) error. */
export function failureReasonOf(err: unknown): FailureReason {
  const own = (err as { failureReason?: unknown } | null)?.failureReason;
  if (isFailureReason(own)) return own;
  const name = errorName(err);
  if (Object.hasOwn(BY_NAME, name)) return BY_NAME[name];
  // The service's own ValidationException names a field the spec validation let through.
  if (name === 'ValidationException') return 'invalid-input';
  return 'aws-error';
}

/** Creates an Error that carries its reason, for failures with no class of their own. */
export function classifiedError(
  failureReason: FailureReason,
  message: string,
  name = 'Error',
): ClassifiedError {
  return Object.assign(new Error(message), { failureReason, name });
}
