// Error answers in the restJson1 format the SDK decodes: the error name in `x-amzn-errortype`, the
// members as a JSON body, and the HTTP status the model gives the error shape (so a 402 for
// ServiceQuotaExceededException comes from the model, not from memory).
import { constraints, type ShapeIssue } from '../../../src/model/validate-shape.js';
import { json, type EmulatorResponse } from '../http.js';

export type ModelErrorName =
  | 'AccessDeniedException'
  | 'ConflictException'
  | 'InternalServerException'
  | 'ResourceNotFoundException'
  | 'ServiceQuotaExceededException'
  | 'ThrottlingException'
  | 'ValidationException';

/** Errors raised by the AWS front door (authentication), not modelled by the service itself. */
export type FrontDoorErrorName =
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'ExpiredTokenException'
  | 'UnknownOperationException';

const FRONT_DOOR_STATUS: Record<FrontDoorErrorName, number> = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
  UnrecognizedClientException: 403,
  ExpiredTokenException: 403,
  UnknownOperationException: 404,
};

export type ValidationReason =
  'CannotParse' | 'FieldValidationFailed' | 'IdempotentParameterMismatchException';

export function statusOf(name: ModelErrorName | FrontDoorErrorName): number {
  return (FRONT_DOOR_STATUS as Record<string, number>)[name] ?? constraints.shapes[name]?.httpError ?? 400;
}

export function serviceError(
  name: ModelErrorName | FrontDoorErrorName,
  message: string,
  status = statusOf(name),
): EmulatorResponse {
  return json(status, { message }, { 'x-amzn-errortype': name });
}

export function validationError(
  reason: ValidationReason,
  message: string,
  fieldList?: { name: string; message: string }[],
): EmulatorResponse {
  return json(
    400,
    { message, reason, ...(fieldList ? { fieldList } : {}) },
    { 'x-amzn-errortype': 'ValidationException' },
  );
}

/** The service's summary line ("2 validation errors detected: …") plus one fieldList entry per issue. */
export function fieldValidationError(issues: ShapeIssue[]): EmulatorResponse {
  const count = `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected`;
  const details = issues.map(
    (i) => `Value at '${i.path}' failed to satisfy constraint: ${i.path} ${i.message}`,
  );
  return validationError(
    'FieldValidationFailed',
    `${count}: ${details.join('; ')}`,
    issues.map((i) => ({ name: i.path, message: i.message })),
  );
}

/** A ValidationException about one field, for rules the service checks beyond the model's shapes. */
export const fieldError = (name: string, message: string): EmulatorResponse =>
  validationError('FieldValidationFailed', message, [{ name, message }]);

/** Thrown by operations; the service turns it into the answer it carries. */
export class ServiceError extends Error {
  constructor(readonly response: EmulatorResponse) {
    super(String(response.body));
  }
}

export function raise(name: ModelErrorName, message: string): never {
  throw new ServiceError(serviceError(name, message));
}

export function raiseField(name: string, message: string): never {
  throw new ServiceError(fieldError(name, message));
}
