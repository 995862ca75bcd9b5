// The AgentCore data plane's InvokeAgentRuntime, on its own port (AWS_ENDPOINT_URL_BEDROCK_AGENTCORE):
// POST /runtimes/<url-encoded runtime ARN>/invocations?qualifier=<version or endpoint name>. It answers
// per version with a scripted reply, an error or a hang (InvocationScript), and enforces what the service
// does about authorization: a runtime with a custom JWT authorizer takes only `Authorization: Bearer …`
// and refuses SigV4 ("Authorization method mismatch"); any other runtime takes only SigV4.
import type { EmulatorRequest, EmulatorResponse, Handler } from '../http.js';
import { authenticate } from './auth.js';
import { serviceError, statusOf } from './errors.js';
import { requestId } from './ids.js';
import type { AgentCoreState, InvocationReply } from './state.js';
import { DEFAULT_ENDPOINT, liveVersion, transitionStatus, type Runtime } from './store.js';

const INVOCATIONS = /^\/runtimes\/(.+)\/invocations\/?$/;
const SESSION_HEADER = 'x-amzn-bedrock-agentcore-runtime-session-id';
// The model's SessionType.
const MIN_SESSION = 33;
const MAX_SESSION = 256;

/** Every invocation the data plane answered or left hanging, for assertions. */
export interface Invocation {
  runtimeName: string;
  qualifier: string;
  version: number;
  sessionId: string;
  auth: 'sigv4' | 'bearer';
  payload: string;
}

export function createDataPlaneHandler(state: AgentCoreState): Handler {
  return async (req) => {
    const response = await invoke(req, state, state.invoked);
    return { ...response, headers: { ...response.headers, 'x-amzn-requestid': requestId() } };
  };
}

async function invoke(
  req: EmulatorRequest,
  state: AgentCoreState,
  invocations: Invocation[],
): Promise<EmulatorResponse> {
  const now = Date.now();
  const match = req.method === 'POST' ? INVOCATIONS.exec(req.path) : null;
  if (!match)
    return serviceError('UnknownOperationException', `No operation matches ${req.method} ${req.rawPath}`);

  const header = String(req.headers.authorization ?? '');
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!bearer) {
    const caller = authenticate(req.headers, {
      region: state.region,
      allowedAccessKeyIds: state.allowedAccessKeyIds,
      lookupAccessKey: state.lookupAccessKey,
      now,
    });
    if ('error' in caller) return caller.error;
  }

  state.store.purge(now);
  const id = match[1];
  const runtime = [...state.store.runtimes.values()].find((r) => r.arn === id || r.id === id);
  if (!runtime) return serviceError('ResourceNotFoundException', `Agent runtime ${id} was not found`);

  const qualifier = req.query.get('qualifier') ?? DEFAULT_ENDPOINT;
  const version = resolveQualifier(runtime, qualifier, now);
  if (version === undefined)
    return serviceError(
      'ResourceNotFoundException',
      `No version or endpoint ${qualifier} of agent runtime ${runtime.id} can be invoked`,
    );
  const snapshot = runtime.versions.get(version)!;
  const status = transitionStatus(snapshot.transition, now);
  if (status !== 'READY')
    return serviceError(
      'ValidationException',
      `Version ${version} of agent runtime ${runtime.id} is ${status} and cannot be invoked`,
    );

  const jwt = Boolean(
    (snapshot.config.authorizerConfiguration as { customJWTAuthorizer?: unknown } | undefined)
      ?.customJWTAuthorizer,
  );
  if (jwt !== Boolean(bearer)) return serviceError('AccessDeniedException', 'Authorization method mismatch');

  const sessionId = String(req.headers[SESSION_HEADER] ?? '');
  if (sessionId.length < MIN_SESSION || sessionId.length > MAX_SESSION)
    return serviceError(
      'ValidationException',
      `1 validation error detected: Value at 'runtimeSessionId' failed to satisfy constraint: Member must have length between ${MIN_SESSION} and ${MAX_SESSION}`,
    );

  invocations.push({
    runtimeName: runtime.name,
    qualifier,
    version,
    sessionId,
    auth: bearer ? 'bearer' : 'sigv4',
    payload: req.body,
  });
  const script = state.invocations[runtime.name];
  const reply: InvocationReply = script?.[String(version)] ??
    script?.['*'] ?? {
      reply: JSON.stringify({ result: `Hello from ${runtime.name} version ${version}` }),
      contentType: 'application/json',
    };
  if ('hang' in reply) return new Promise<never>(() => undefined); // the caller must give up by itself
  if ('error' in reply)
    return serviceError(
      (reply.error.exception ?? 'RuntimeClientError') as never,
      reply.error.message,
      reply.error.status ?? (reply.error.exception ? statusOf(reply.error.exception as never) : 424),
    );
  return {
    status: reply.status ?? 200,
    headers: {
      'content-type': reply.contentType ?? 'application/json',
      [SESSION_HEADER]: sessionId,
    },
    body: reply.reply,
  };
}

/** A version number, or the name of an endpoint (the version it serves). */
function resolveQualifier(runtime: Runtime, qualifier: string, now: number): number | undefined {
  if (/^[1-9][0-9]*$/.test(qualifier)) {
    const version = Number(qualifier);
    return runtime.versions.has(version) ? version : undefined;
  }
  const endpoint = runtime.endpoints.get(qualifier);
  return endpoint ? liveVersion(endpoint, now) : undefined;
}
