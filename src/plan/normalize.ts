// Desired and current specs in one comparable form, and the Create/Update requests built from a spec.
// Terraform's "expand" and "flatten" for one resource: what the service fills in by default counts as
// "not set", so a runtime deployed from a config reads back equal to that config.
import type {
  CreateAgentRuntimeRequest,
  GetAgentRuntimeResponse,
  UpdateAgentRuntimeRequest,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { constraints } from '../model/validate-shape.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import { canonicalJson, isPlainObject, own, put, sha256Hex } from './canonical-json.js';
import { withMarker } from './marker-tag.js';
import { specMembers } from './model-paths.js';

/**
 * Values the service applies when a field is left out (model docs). The plan treats them as "not set",
 * and the report says "reset to the default" when a field that differs from them is removed.
 */
export const SERVICE_DEFAULTS: Readonly<Record<string, string | number | boolean>> = {
  'lifecycleConfiguration.idleRuntimeSessionTimeout': 900,
  'lifecycleConfiguration.maxLifetime': 28800,
  'networkConfiguration.networkMode': 'PUBLIC',
  'protocolConfiguration.serverProtocol': 'HTTP',
  'metadataConfiguration.requireMMDSV2': false,
};

/**
 * Fields the service fills in by itself when a request leaves them out, with a value that is not known
 * in advance (the platform version a runtime was created on). When the desired spec does not set them,
 * whatever the runtime reports is the service's choice, not a difference to undo on every run.
 */
export const SERVICE_ASSIGNED: readonly string[] = ['platformVersion'];

/**
 * Fields Create and Update take but GetAgentRuntime never reports (the Terraform provider keeps them
 * from its own state for this reason: `preserveAuthorizerPrivateEndpoints`). Compared with a Get, they
 * would look added on every run. They take no part in the comparison, are assumed unchanged, and are
 * still sent in full with every update.
 */
export const NOT_REPORTED: readonly string[] = [
  'authorizerConfiguration.customJWTAuthorizer.privateEndpoint',
  'authorizerConfiguration.customJWTAuthorizer.privateEndpointOverrides',
];

type Json = Record<string, unknown>;

/** Which of the `NOT_REPORTED` fields a normalised spec sets. */
export function unreportedFieldsIn(spec: AgentRuntimeSpec): string[] {
  return NOT_REPORTED.filter((path) => valueAt(spec as unknown as Json, path) !== undefined);
}

/** A normalised spec without the `NOT_REPORTED` fields: what a comparison with a Get can rely on. */
export function withoutUnreported(spec: AgentRuntimeSpec): AgentRuntimeSpec {
  const copy = structuredClone(spec) as unknown as Json;
  for (const path of NOT_REPORTED) {
    const segments = path.split('.');
    const holder = valueAt(copy, segments.slice(0, -1).join('.'));
    if (isPlainObject(holder)) delete holder[segments[segments.length - 1]];
  }
  return (withoutEmpty(copy) ?? {}) as AgentRuntimeSpec;
}

function valueAt(source: Json, path: string): unknown {
  let value: unknown = source;
  for (const segment of path.split('.')) value = isPlainObject(value) ? own(value, segment) : undefined;
  return value;
}

/** The comparable spec of an existing runtime: its configuration without output-only fields. */
export function currentSpecOf(runtime: GetAgentRuntimeResponse): AgentRuntimeSpec {
  // A spec member is anything a Create or Update request carries; the rest (arn, id, version, status,
  // timestamps, failureReason, workloadIdentityDetails, $metadata) only describes the runtime.
  return pick(runtime as unknown as Json, Object.keys(specMembers)) as AgentRuntimeSpec;
}

/**
 * The spec as the diff sees it, applied to desired and current alike: no null/undefined members, no
 * empty maps/lists/objects, no service defaults, no token, no tags (they are reconciled separately), no
 * `requireServiceS3Endpoint` (Get returns it, Create/Update reject it on current runtimes), and no
 * network on a capacity-provider runtime (the capacity provider's network is not the runtime's to set:
 * whatever Get reports for it is not a difference from a spec that, as it must, sets none).
 */
export function normalizeSpec(spec: AgentRuntimeSpec): AgentRuntimeSpec {
  const copy = withoutEmpty({ ...spec, clientToken: undefined, tags: undefined }) ?? {};
  if (copy.capacityProviderConfiguration) delete copy.networkConfiguration;
  const vpc = (copy.networkConfiguration as Json | undefined)?.networkModeConfig as Json | undefined;
  if (vpc) delete vpc.requireServiceS3Endpoint;
  for (const [path, value] of Object.entries(SERVICE_DEFAULTS)) {
    const [parent, field] = path.split('.');
    const holder = copy[parent] as Json | undefined;
    if (holder?.[field] === value) delete holder[field];
  }
  // Removing defaults can empty an object (`networkConfiguration: {networkMode: PUBLIC}`), which then
  // means "not set" as well.
  return (withoutEmpty(copy) ?? {}) as AgentRuntimeSpec;
}

/**
 * The UpdateAgentRuntime input. The update is a FULL REPLACE, so it carries everything desired and
 * nothing of the current runtime. Never a name or tags (Update has neither) nor requireServiceS3Endpoint.
 * An empty `clientToken` leaves the token out (to hash the request before the token exists).
 */
export function updateRequestOf(
  desired: AgentRuntimeSpec,
  agentRuntimeId: string,
  clientToken: string,
): UpdateAgentRuntimeRequest {
  const body = requestOf(desired, 'UpdateAgentRuntimeRequest');
  return { ...body, agentRuntimeId, ...(clientToken ? { clientToken } : {}) } as UpdateAgentRuntimeRequest;
}

/**
 * The CreateAgentRuntime input: the given tags plus the marker tag (what `mode: destroy` looks for); no
 * metadataConfiguration (Create rejects it).
 */
export function createRequestOf(desired: AgentRuntimeSpec, clientToken: string): CreateAgentRuntimeRequest {
  const body = requestOf(desired, 'CreateAgentRuntimeRequest');
  return {
    ...body,
    tags: withMarker(desired.tags),
    ...(clientToken ? { clientToken } : {}),
  } as CreateAgentRuntimeRequest;
}

/**
 * A stable idempotency token for a request: sha256 (64 hex characters, within the ClientToken pattern
 * and its 33..256 length) of the request's canonical JSON. Running the same deploy again sends the same
 * token, so the service treats it as a retry. Mix in whatever must make two requests distinct (e.g. the
 * version an update starts from: `{ update: request, from: '3' }`), since a token is remembered.
 */
export function clientTokenFor(request: object): string {
  return sha256Hex(canonicalJson(request));
}

function requestOf(desired: AgentRuntimeSpec, requestShape: string): Json {
  const members = Object.entries(constraints.shapes[requestShape].members ?? {})
    .filter(([, m]) => !m.location && !m.idempotencyToken)
    .map(([name]) => name);
  const body = withoutNullish(pick(desired as unknown as Json, members)) as Json;
  const vpc = (body.networkConfiguration as Json | undefined)?.networkModeConfig as Json | undefined;
  if (vpc && 'requireServiceS3Endpoint' in vpc) {
    // Copy before deleting: the caller's spec must stay as written.
    const networkModeConfig = { ...vpc };
    delete networkModeConfig.requireServiceS3Endpoint;
    body.networkConfiguration = { ...(body.networkConfiguration as Json), networkModeConfig };
  }
  return body;
}

function pick(source: Json, names: readonly string[]): Json {
  const out: Json = {};
  for (const name of names) {
    const value = own(source, name);
    if (value !== undefined && value !== null) put(out, name, value);
  }
  return out;
}

/** Deep copy without null/undefined members (the service does not distinguish them from absent). */
function withoutNullish(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullish);
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value))
    if (v !== undefined && v !== null) put(out, k, withoutNullish(v));
  return out;
}

/** Deep copy where null, undefined, `{}` and `[]` all mean "absent"; returns undefined when nothing is left. */
function withoutEmpty(value: unknown): Json | undefined {
  const cleaned = clean(value);
  return isPlainObject(cleaned) ? cleaned : undefined;
}

function clean(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (!isPlainObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const c = clean(v);
    if (c !== undefined) put(out, k, c);
  }
  return Object.keys(out).length ? out : undefined;
}
