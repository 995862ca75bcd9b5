// The AgentCore control plane as the SDK sees it: SigV4 front door, injected throttling/5xx, routing
// from the model, request validation from the model, clientToken idempotency, then the operation.
import { validateShape } from '../../../src/model/validate-shape.js';
import {
  noFaults,
  takeInjectedError,
  type EmulatorRequest,
  type EmulatorResponse,
  type Handler,
  type RecordedRequest,
  type ServiceFaults,
} from '../http.js';
import { authenticate } from './auth.js';
import { CONTROL_PREFIX, controlApi } from './control.js';
import {
  createAgentRuntimeEndpoint,
  deleteAgentRuntimeEndpoint,
  getAgentRuntimeEndpoint,
  listAgentRuntimeEndpoints,
  updateAgentRuntimeEndpoint,
} from './endpoint-operations.js';
import { fieldValidationError, serviceError, ServiceError, validationError } from './errors.js';
import { requestId } from './ids.js';
import type { OperationHandler } from './operation.js';
import { matchRoute } from './routes.js';
import {
  createAgentRuntime,
  deleteAgentRuntime,
  getAgentRuntime,
  listAgentRuntimes,
  listAgentRuntimeVersions,
  updateAgentRuntime,
} from './runtime-operations.js';
import { AgentCoreState, type AgentCoreOptions } from './state.js';
import { listTagsForResource, tagResource, untagResource } from './tag-operations.js';

const operations: Record<string, OperationHandler> = {
  CreateAgentRuntime: createAgentRuntime,
  UpdateAgentRuntime: updateAgentRuntime,
  GetAgentRuntime: getAgentRuntime,
  ListAgentRuntimes: listAgentRuntimes,
  DeleteAgentRuntime: deleteAgentRuntime,
  ListAgentRuntimeVersions: listAgentRuntimeVersions,
  CreateAgentRuntimeEndpoint: createAgentRuntimeEndpoint,
  UpdateAgentRuntimeEndpoint: updateAgentRuntimeEndpoint,
  GetAgentRuntimeEndpoint: getAgentRuntimeEndpoint,
  ListAgentRuntimeEndpoints: listAgentRuntimeEndpoints,
  DeleteAgentRuntimeEndpoint: deleteAgentRuntimeEndpoint,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export interface AgentCoreServiceOptions extends Partial<AgentCoreOptions> {
  /** The shared request log, served by GET /__emulator/requests. */
  requests?: RecordedRequest[];
}

export function createAgentCoreService(
  options: AgentCoreServiceOptions = {},
  faults: ServiceFaults = noFaults(),
): { handler: Handler; state: AgentCoreState } {
  const state = new AgentCoreState(
    {
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      transitionDelayMs: options.transitionDelayMs ?? 200,
      idempotencyWindowMs: options.idempotencyWindowMs,
      lookupAccessKey: options.lookupAccessKey,
    },
    faults,
  );
  const requests = options.requests ?? [];
  const handler: Handler = (req) => {
    if (req.path.startsWith(CONTROL_PREFIX)) return controlApi(req, state, requests);
    const response = answer(req, state);
    // A copy: replayed idempotent answers are shared objects, and each answer has its own request id.
    return { ...response, headers: { ...response.headers, 'x-amzn-requestid': requestId() } };
  };
  return { handler, state };
}

function answer(req: EmulatorRequest, state: AgentCoreState): EmulatorResponse {
  const now = Date.now();
  const caller = authenticate(req.headers, {
    region: state.region,
    allowedAccessKeyIds: state.allowedAccessKeyIds,
    lookupAccessKey: state.lookupAccessKey,
    now,
  });
  if ('error' in caller) return caller.error;
  state.accessKeyIds.push(caller.accessKeyId);

  if (!state.takeRateToken(now)) return serviceError('ThrottlingException', 'Rate exceeded');
  const injected = takeInjectedError(state.faults, req);
  if (injected?.kind === 'throttle') return serviceError('ThrottlingException', 'Rate exceeded');
  if (injected) return serviceError('InternalServerException', 'Internal server error', injected.status);

  const match = matchRoute(req.method, req.rawPath, req.query);
  if (!match)
    return serviceError('UnknownOperationException', `No operation matches ${req.method} ${req.rawPath}`);
  const body = parseBody(req.body);
  if (body === undefined)
    return validationError('CannotParse', 'Could not parse the request body as a JSON object');
  // Bound members win over body members of the same name, as the protocol binds them.
  const input = { ...body, ...match.input };
  const issues = validateShape(input, match.route.inputShape);
  if (issues.length) return fieldValidationError(issues);

  const { operation, successCode } = match.route;
  const token = typeof input.clientToken === 'string' ? input.clientToken : undefined;
  if (token) {
    const seen = state.idempotency.lookup(operation, token, input, now);
    if (seen && 'replay' in seen) return seen.replay;
    if (seen)
      return validationError(
        'IdempotentParameterMismatchException',
        'The client token was already used with different request parameters',
      );
  }
  state.store.purge(now);
  let response: EmulatorResponse;
  try {
    const result = operations[operation]({ state, input, now });
    response =
      result === undefined
        ? { status: successCode, headers: {}, body: '' }
        : {
            status: successCode,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(result),
          };
  } catch (err) {
    if (err instanceof ServiceError) return err.response;
    throw err;
  }
  if (token) state.idempotency.remember(operation, token, input, response, now);
  return response;
}

function parseBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
