// Reads the newest public model of bedrock-agentcore-control and writes the compact constraints file
// (src/model/constraints.json) that the emulator's request validation, the action's validator and the
// JSON Schema all derive from. Only the Agent Runtime, endpoint and tagging operations are kept, with
// the closure of the shapes they reach; documentation text is dropped.
//
//   npm run constraints [-- path/to/model.json]
//
// Two model formats are read: botocore's service-2.json (the default: newest, see
// ../shared/reference/models/README.md) and the Smithy JSON AST (the older model the action was first
// built from; scripts/constraints-delta.test.ts compares the two). Members the SDK in use knows and the
// model lacks (platformVersion, the DELETE_FAILED status, ...) are added in SDK_ADDITIONS only when the
// model does not have them, so there is exactly one place that says where we go beyond the model.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Constraints, Member, Shape } from '../src/model/constraints-types.js';

const here = dirname(fileURLToPath(import.meta.url));
const NS = 'com.amazonaws.bedrockagentcorecontrol#';
const OPERATIONS = [
  'CreateAgentRuntime',
  'UpdateAgentRuntime',
  'GetAgentRuntime',
  'ListAgentRuntimes',
  'DeleteAgentRuntime',
  'ListAgentRuntimeVersions',
  'CreateAgentRuntimeEndpoint',
  'UpdateAgentRuntimeEndpoint',
  'GetAgentRuntimeEndpoint',
  'ListAgentRuntimeEndpoints',
  'DeleteAgentRuntimeEndpoint',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
];

type SmithyTraits = Record<string, unknown>;
interface SmithyShape {
  type: string;
  members?: Record<string, { target: string; traits?: SmithyTraits }>;
  member?: { target: string; traits?: SmithyTraits };
  key?: { target: string; traits?: SmithyTraits };
  value?: { target: string; traits?: SmithyTraits };
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  traits?: SmithyTraits;
}

interface SmithyModel {
  smithy: string;
  shapes: Record<string, SmithyShape>;
}

/** `com.amazonaws.bedrockagentcorecontrol#Foo` -> `Foo`; `smithy.api#String` -> `String`. */
const shortName = (id: string): string => id.slice(id.indexOf('#') + 1);

/** The validation traits of a shape or member, in the compact form. */
function constraintTraits(traits: SmithyTraits = {}): Partial<Member & Shape> {
  const out: Partial<Member & Shape> = {};
  const length = traits['smithy.api#length'] as { min?: number; max?: number } | undefined;
  const range = traits['smithy.api#range'] as { min?: number; max?: number } | undefined;
  if (length) out.length = length;
  if (range) out.range = range;
  if (typeof traits['smithy.api#pattern'] === 'string') out.pattern = traits['smithy.api#pattern'];
  if ('smithy.api#sensitive' in traits) out.sensitive = true;
  if ('smithy.api#uniqueItems' in traits) out.uniqueItems = true;
  return out;
}

function memberOf(ref: { target: string; traits?: SmithyTraits }): Member {
  const traits = ref.traits ?? {};
  const member: Member = { target: shortName(ref.target), ...constraintTraits(traits) };
  if ('smithy.api#required' in traits) member.required = true;
  if ('smithy.api#httpLabel' in traits) member.location = 'path';
  if (typeof traits['smithy.api#httpQuery'] === 'string') {
    member.location = 'query';
    member.locationName = traits['smithy.api#httpQuery'];
  }
  if (typeof traits['smithy.api#httpHeader'] === 'string') {
    member.location = 'header';
    member.locationName = traits['smithy.api#httpHeader'];
  }
  if ('smithy.api#idempotencyToken' in traits) member.idempotencyToken = true;
  return member;
}

const PRELUDE: Record<string, Shape> = {
  String: { type: 'string' },
  Integer: { type: 'integer' },
  Long: { type: 'integer' },
  Boolean: { type: 'boolean' },
  Timestamp: { type: 'timestamp' },
};

function fromSmithy(model: SmithyModel): Constraints {
  const shapes: Record<string, Shape> = {};
  const operations: Constraints['operations'] = {};

  const visit = (id: string): void => {
    const name = shortName(id);
    if (name in shapes) return;
    if (id.startsWith('smithy.api#')) {
      shapes[name] = PRELUDE[name] ?? { type: 'string' };
      return;
    }
    const smithy = model.shapes[id];
    if (!smithy) throw new Error(`shape ${id} is not in the model`);
    const shape: Shape = {
      type: smithy.type === 'long' ? 'integer' : smithy.type,
      ...constraintTraits(smithy.traits),
    };
    shapes[name] = shape; // registered before recursing, so cycles terminate
    if (smithy.traits && 'smithy.api#error' in smithy.traits) {
      shape.error = smithy.traits['smithy.api#error'] as 'client' | 'server';
      shape.httpError = smithy.traits['smithy.api#httpError'] as number;
    }
    if (smithy.type === 'enum') {
      shape.type = 'enum';
      shape.values = Object.values(smithy.members ?? {}).map(
        (m) => (m.traits?.['smithy.api#enumValue'] as string) ?? '',
      );
      return;
    }
    if (smithy.members) {
      shape.members = {};
      for (const [memberName, ref] of Object.entries(smithy.members)) {
        shape.members[memberName] = memberOf(ref);
        visit(ref.target);
      }
    }
    for (const part of ['member', 'key', 'value'] as const) {
      const ref = smithy[part];
      if (ref) {
        shape[part] = memberOf(ref);
        visit(ref.target);
      }
    }
  };

  for (const op of OPERATIONS) {
    const smithy = model.shapes[NS + op];
    if (!smithy) throw new Error(`operation ${op} is not in the model`);
    const http = smithy.traits?.['smithy.api#http'] as { method: string; uri: string; code: number };
    operations[op] = {
      method: http.method,
      uri: http.uri,
      code: http.code,
      input: shortName(smithy.input!.target),
      output: shortName(smithy.output!.target),
      errors: (smithy.errors ?? []).map((e) => shortName(e.target)),
    };
    visit(smithy.input!.target);
    visit(smithy.output!.target);
    for (const e of smithy.errors ?? []) visit(e.target);
  }

  applySdkAdditions(shapes);
  return {
    source: 'bedrock-agentcore-control 2023-06-05 Smithy model, plus SDK 3.1142.0 additions',
    operations,
    shapes,
  };
}

// botocore's service-2.json: `shapes.<Name>` with `type`, `members.<m>.shape`, a `required` list,
// `min`/`max` (lengths or ranges, by type), `pattern`, `enum`, `union: true`, `sensitive`, and for
// errors `exception`, `fault` and `error.httpStatusCode`. Member-level constraints have become shapes
// of their own (LifecycleConfigurationMaxLifetimeInteger), so names differ from the Smithy model's
// while the constraints at each place of a request stay comparable (constraints-delta.ts).
interface BotocoreRef {
  shape: string;
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  locationName?: string;
  idempotencyToken?: boolean;
}
interface BotocoreShape {
  type: string;
  members?: Record<string, BotocoreRef>;
  member?: BotocoreRef;
  key?: BotocoreRef;
  value?: BotocoreRef;
  required?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  union?: boolean;
  sensitive?: boolean;
  exception?: boolean;
  fault?: boolean;
  error?: { httpStatusCode?: number };
}
interface BotocoreModel {
  metadata: { apiVersion: string; serviceId: string };
  operations: Record<
    string,
    {
      http: { method: string; requestUri: string; responseCode?: number };
      input?: { shape: string };
      output?: { shape: string };
      errors?: { shape: string }[];
    }
  >;
  shapes: Record<string, BotocoreShape>;
}

/**
 * botocore drops the `^…$` anchors the Smithy model writes around every pattern of this service; the
 * service matches whole values, so each pattern is anchored again (grouped when it has a top-level `|`).
 */
export function anchored(pattern: string): string {
  if (pattern.startsWith('^') && pattern.endsWith('$')) return pattern;
  let depth = 0;
  let inClass = false;
  let topLevelAlternation = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) topLevelAlternation = true;
  }
  return topLevelAlternation ? `^(?:${pattern})$` : `^${pattern}$`;
}

function fromBotocore(model: BotocoreModel): Constraints {
  const shapes: Record<string, Shape> = {};
  const operations: Constraints['operations'] = {};

  const memberOf = (ref: BotocoreRef, required = false): Member => {
    const member: Member = { target: ref.shape };
    if (required) member.required = true;
    if (ref.location === 'uri') member.location = 'path';
    if (ref.location === 'querystring' || ref.location === 'header') {
      member.location = ref.location === 'querystring' ? 'query' : 'header';
      member.locationName = ref.locationName;
    }
    if (ref.idempotencyToken) member.idempotencyToken = true;
    return member;
  };

  const visit = (name: string): void => {
    if (name in shapes) return;
    const source = model.shapes[name];
    if (!source) throw new Error(`shape ${name} is not in the model`);
    const shape: Shape = { type: source.type === 'long' ? 'integer' : source.type };
    shapes[name] = shape; // registered before recursing, so cycles terminate
    if (source.enum) {
      shape.type = 'enum';
      shape.values = [...source.enum];
      return;
    }
    if (source.union) shape.type = 'union';
    const isNumber = ['integer', 'long', 'float', 'double'].includes(source.type);
    const bounds = {
      ...(source.min !== undefined ? { min: source.min } : {}),
      ...(source.max !== undefined ? { max: source.max } : {}),
    };
    if (Object.keys(bounds).length > 0) {
      if (isNumber) shape.range = bounds;
      else shape.length = bounds;
    }
    if (source.pattern !== undefined) shape.pattern = anchored(source.pattern);
    if (source.sensitive) shape.sensitive = true;
    if (UNIQUE_ITEMS.includes(name)) shape.uniqueItems = true;
    if (source.exception) {
      shape.error = source.fault ? 'server' : 'client';
      if (source.error?.httpStatusCode !== undefined) shape.httpError = source.error.httpStatusCode;
    }
    if (source.members) {
      shape.members = {};
      for (const [memberName, ref] of Object.entries(source.members)) {
        shape.members[memberName] = memberOf(ref, source.required?.includes(memberName));
        visit(ref.shape);
      }
    }
    for (const part of ['member', 'key', 'value'] as const) {
      const ref = source[part];
      if (ref) {
        shape[part] = memberOf(ref);
        visit(ref.shape);
      }
    }
  };

  for (const op of OPERATIONS) {
    const source = model.operations[op];
    if (!source) throw new Error(`operation ${op} is not in the model`);
    operations[op] = {
      method: source.http.method,
      uri: source.http.requestUri,
      code: source.http.responseCode ?? 200,
      input: source.input!.shape,
      output: source.output!.shape,
      errors: (source.errors ?? []).map((e) => e.shape).sort(),
    };
    visit(source.input!.shape);
    visit(source.output!.shape);
    for (const e of source.errors ?? []) visit(e.shape);
  }

  const added = applySdkAdditions(shapes);
  return {
    source:
      `bedrock-agentcore-control ${model.metadata.apiVersion} botocore service-2.json ` +
      `(${MODEL_SOURCE}), plus what SDK 3.1142.0 knows and it lacks: ${added.join(', ')}`,
    operations,
    shapes,
  };
}

/**
 * Lists the Smithy model marks @uniqueItems (a set: the plan compares them regardless of order), a
 * trait botocore's format has no word for.
 */
const UNIQUE_ITEMS = ['RequestHeaderAllowlist', 'HostingEnvironmentListType', 'WorkloadIdentityNameListType'];

/** Where the default model comes from (also in ../shared/reference/models/README.md). */
const MODEL_SOURCE = 'boto/botocore 0e6e2404b85dc336dd2889814e089bde7d1a4c55, 2026-08-07';

/** Reads either model format. */
export function generate(model: SmithyModel | BotocoreModel): Constraints {
  return 'smithy' in model ? fromSmithy(model) : fromBotocore(model as BotocoreModel);
}

/**
 * What the SDK (3.1142.0) knows and a model may lack; each is added only where the model lacks it, and
 * the names of what was added are returned (the constraints file lists them in `source`).
 */
function applySdkAdditions(shapes: Record<string, Shape>): string[] {
  const added: string[] = [];
  const runtimeShapes = ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse'];
  if (!shapes.CapacityProviderConfiguration) {
    shapes.CapacityProviderArn = {
      type: 'string',
      length: { max: 2048 },
      pattern:
        '^arn:aws(-[^:]+)?:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:capacity-provider/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$',
    };
    shapes.CapacityProviderConfiguration = {
      type: 'structure',
      members: { capacityProviderArn: { target: 'CapacityProviderArn', required: true } },
    };
    added.push('CapacityProviderConfiguration');
  }
  // The service accepts V1/V2 since September 2026 (service-behaviour.md); the model leaves the values
  // open, and so does the action, so a V3 is not refused before the service has a say.
  if (!shapes.PlatformVersion) {
    shapes.PlatformVersion = { type: 'string', length: { min: 1 } };
    added.push('PlatformVersion');
  }
  for (const name of runtimeShapes) {
    const members = shapes[name].members!;
    for (const [member, target] of [
      ['capacityProviderConfiguration', 'CapacityProviderConfiguration'],
      ['platformVersion', 'PlatformVersion'],
    ]) {
      if (members[member]) continue;
      members[member] = { target };
      added.push(`${name}.${member}`);
    }
    // Capacity-provider runtimes have no network of their own (the SDK and the newest model agree).
    if (members.networkConfiguration.required && name !== 'GetAgentRuntimeResponse') {
      delete members.networkConfiguration.required;
      added.push(`${name}.networkConfiguration optional`);
    }
  }
  // Get reports no network for a capacity-provider runtime either, whatever the output shape says.
  delete shapes.GetAgentRuntimeResponse.members!.networkConfiguration.required;
  if (!shapes.DeleteAgentRuntimeRequest.members!.agentRuntimeVersion) {
    shapes.DeleteAgentRuntimeRequest.members!.agentRuntimeVersion = {
      target: 'AgentRuntimeVersion',
      location: 'query',
      locationName: 'version',
    };
    added.push('DeleteAgentRuntimeRequest.agentRuntimeVersion');
  }
  if (!shapes.DeleteAgentRuntimeResponse.members!.agentRuntimeVersion) {
    shapes.DeleteAgentRuntimeResponse.members!.agentRuntimeVersion = { target: 'AgentRuntimeVersion' };
    added.push('DeleteAgentRuntimeResponse.agentRuntimeVersion');
  }
  for (const name of ['AgentRuntimeStatus', 'AgentRuntimeEndpointStatus']) {
    if (shapes[name].values!.includes('DELETE_FAILED')) continue;
    shapes[name].values!.push('DELETE_FAILED');
    added.push(`${name} DELETE_FAILED`);
  }
  return added;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const modelPath =
    process.argv[2] ??
    resolve(here, '../../shared/reference/models/bedrock-agentcore-control.2023-06-05.service-2.json');
  const outPath = resolve(here, '../src/model/constraints.json');
  const constraints = generate(JSON.parse(readFileSync(modelPath, 'utf8')));
  writeFileSync(outPath, JSON.stringify(constraints, null, 1) + '\n');
  console.log(
    `wrote ${outPath}: ${Object.keys(constraints.operations).length} operations, ${Object.keys(constraints.shapes).length} shapes`,
  );
}
