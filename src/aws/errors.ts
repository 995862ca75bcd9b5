// Classifying SDK errors. The SDK's own retry has already run when one of these reaches us.

interface SdkErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: unknown;
  /** The call that failed (e.g. ListAgentRuntimes), set by `nameFailedCalls`. */
  $operation?: string;
}

const asSdkError = (err: unknown): SdkErrorLike =>
  (typeof err === 'object' && err !== null ? err : {}) as SdkErrorLike;

export const errorName = (err: unknown): string => asSdkError(err).name ?? 'Error';
export const errorMessage = (err: unknown): string => asSdkError(err).message ?? String(err);

/** Throttling, 5xx and network faults: worth another try later. */
export function isTransient(err: unknown): boolean {
  const e = asSdkError(err);
  const status = e.$metadata?.httpStatusCode;
  return (
    Boolean(e.$retryable) ||
    isThrottling(err) ||
    (status !== undefined && status >= 500) ||
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'TimeoutError'].includes(e.name ?? '')
  );
}

/** A 4xx answer other than throttling: asking again will not change it. */
export function isClientError(err: unknown): boolean {
  const status = asSdkError(err).$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status < 500 && !isTransient(err);
}

export const isConflict = (err: unknown): boolean => errorName(err) === 'ConflictException';

/** The account's request rate was exceeded: the SDK's own retries were not enough, but it will pass. */
export function isThrottling(err: unknown): boolean {
  const e = asSdkError(err);
  return (
    e.name === 'ThrottlingException' ||
    e.name === 'TooManyRequestsException' ||
    e.$metadata?.httpStatusCode === 429
  );
}

/**
 * IAM is eventually consistent: right after its execution role (or the role's ECR permissions) is created,
 * CreateAgentRuntime fails with these messages for up to about two minutes. Terraform retries them too.
 */
export function isIamPropagationError(err: unknown): boolean {
  const name = errorName(err);
  if (name !== 'ValidationException' && name !== 'AccessDeniedException') return false;
  return /Role validation failed|Access denied while validating ECR URI/i.test(errorMessage(err));
}

/** "ThrottlingException (HTTP 429): Rate exceeded" — the name, the status where there is one, the message. */
export function describeCause(err: unknown): string {
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return `${errorName(err)}${status ? ` (HTTP ${status})` : ''}: ${errorMessage(err)}`;
}

/**
 * The message a run fails with: the call that failed, how often it was tried, and the cause, e.g.
 * "ListAgentRuntimes failed after 6 attempts: ThrottlingException (HTTP 429): Rate exceeded". Errors whose
 * message already names their call (or that come from no call) are shown as they are.
 */
export function failureMessage(err: unknown): string {
  const { $operation: operation, $metadata } = asSdkError(err);
  if (!operation || errorMessage(err).includes(operation)) return errorMessage(err);
  const attempts = $metadata?.attempts ?? 1;
  return `${operation} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${describeCause(err)}`;
}

/** Marks an error with the call that failed, unless an inner call (STS inside signing) already did. */
export function markOperation(err: unknown, operation: string): void {
  if (typeof err === 'object' && err !== null && !('$operation' in err))
    Object.defineProperty(err, '$operation', { value: operation, enumerable: false });
}
