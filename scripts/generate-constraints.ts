// Reads the official Smithy model of bedrock-agentcore-control and writes the compact constraints file
// (src/model/constraints.json) that the emulator's request validation, the action's validator and the
// JSON Schema all derive from. Only the Agent Runtime, endpoint and tagging operations are kept, with
// the closure of the shapes they reach; documentation text is dropped.
//
//   npm run constraints [-- path/to/model.json]
//
// The SDK in use is newer than the model: the members it adds (capacityProviderConfiguration,
// platformVersion, DeleteAgentRuntime's version query, the DELETE_FAILED status) are added here by hand
// in SDK_ADDITIONS, so there is exactly one place that says where we go beyond the model.
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

export function generate(model: { shapes: Record<string, SmithyShape> }): Constraints {
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

/** Members the SDK (3.1142.0) has and the model (2026-07-15) lacks; see agentcore-control-api.md §2. */
function applySdkAdditions(shapes: Record<string, Shape>): void {
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
  shapes.PlatformVersion = { type: 'string', length: { min: 1 } };
  for (const name of ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse']) {
    const members = shapes[name].members!;
    members.capacityProviderConfiguration = { target: 'CapacityProviderConfiguration' };
    members.platformVersion = { target: 'PlatformVersion' };
  }
  // The SDK made networkConfiguration optional (capacity-provider runtimes have none).
  for (const name of ['CreateAgentRuntimeRequest', 'UpdateAgentRuntimeRequest', 'GetAgentRuntimeResponse']) {
    delete shapes[name].members!.networkConfiguration.required;
  }
  shapes.DeleteAgentRuntimeRequest.members!.agentRuntimeVersion = {
    target: 'AgentRuntimeVersion',
    location: 'query',
    locationName: 'version',
  };
  shapes.DeleteAgentRuntimeResponse.members!.agentRuntimeVersion = { target: 'AgentRuntimeVersion' };
  for (const name of ['AgentRuntimeStatus', 'AgentRuntimeEndpointStatus']) {
    if (!shapes[name].values!.includes('DELETE_FAILED')) shapes[name].values!.push('DELETE_FAILED');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const modelPath =
    process.argv[2] ?? resolve(here, '../../shared/reference/bedrock-agentcore-control.smithy.json');
  const outPath = resolve(here, '../src/model/constraints.json');
  const constraints = generate(JSON.parse(readFileSync(modelPath, 'utf8')));
  writeFileSync(outPath, JSON.stringify(constraints, null, 1) + '\n');
  console.log(
    `wrote ${outPath}: ${Object.keys(constraints.operations).length} operations, ${Object.keys(constraints.shapes).length} shapes`,
  );
}
