// Writes schema/agent-runtime.schema.json: the JSON Schema editors use to check and complete the action's
// config file. It is derived from src/model/constraints.json (the official model's constraints, the same
// ones the action's validator applies), plus the rules the action adds on top (src/inputs/spec-rules.ts
// and merge.ts, restated in ACTION_RULES below) and short descriptions for editor hovers.
//
//   npm run schema
//
// Draft-07: VS Code's JSON service, the YAML language server (redhat.vscode-yaml, which validates with
// draft-07 only) and JetBrains IDEs all support it fully. Only standard keywords are used, so the schema
// also compiles with ajv in strict mode. Validation keywords never sit beside a `$ref` (draft-07 ignores
// them there): a member that narrows its target, like entryPoint's 1-2 items, gets its schema inline.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { Constraints, Member, Shape } from '../src/model/constraints-types.js';
import { constraints as modelConstraints } from '../src/model/validate-shape.js';
import { SERVICE_DEFAULTS } from '../src/plan/normalize.js';
import { EXAMPLES, MEMBER_NOTES, ROOT_NOTE, SHAPE_NOTES } from './generate-schema.notes.js';

export type JsonSchema = { [keyword: string]: unknown };

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = resolve(here, '../schema/agent-runtime.schema.json');

/** The config file is a CreateAgentRuntime request plus these update-only members. */
const ROOT = 'CreateAgentRuntimeRequest';
const UPDATE_ONLY_MEMBERS = ['metadataConfiguration'];
const ref = (shape: string) => ({ $ref: `#/definitions/${shape}` });

export function generateSchema(constraints: Constraints = modelConstraints): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const { shapes } = constraints;

  /** Adds the definition of `name` and of every shape it reaches. */
  const define = (name: string): void => {
    if (name in definitions) return;
    definitions[name] = {}; // placeholder: recursive shapes stop here
    definitions[name] = shapeSchema(name, {});
  };

  /** A member as a property (or list item, map key or value): a $ref, or inline when it narrows its target. */
  const memberSchema = (member: Member, note?: string): JsonSchema => {
    const narrows = ['length', 'range', 'pattern', 'uniqueItems'].some((k) => k in member);
    define(member.target); // defined even when inlined: every shape of the model has its definition
    const schema: JsonSchema = narrows ? shapeSchema(member.target, member) : ref(member.target);
    if (!note) return schema;
    const { description: _ofTheShape, ...rest } = schema; // the member's own words win
    return { description: note, ...rest };
  };

  const shapeSchema = (name: string, member: Partial<Member>): JsonSchema => {
    const shape: Shape | undefined = shapes[name];
    if (!shape) throw new Error(`unknown shape ${name}`);
    // Member-level constraints refine the target's, as in validate-shape.ts.
    const length = member.length ?? shape.length;
    const range = member.range ?? shape.range;
    const pattern = member.pattern ?? shape.pattern;
    const uniqueItems = member.uniqueItems ?? shape.uniqueItems;
    const described = SHAPE_NOTES[name] ? { description: SHAPE_NOTES[name] } : {};
    const bounds = (min: string, max: string) => ({
      ...(length?.min ? { [min]: length.min } : {}), // a minimum of 0 says nothing
      ...(length?.max !== undefined ? { [max]: length.max } : {}),
    });
    switch (shape.type) {
      case 'string':
      case 'timestamp':
        return {
          ...described,
          type: 'string',
          ...bounds('minLength', 'maxLength'),
          ...(pattern ? { pattern } : {}),
        };
      case 'enum':
        return { ...described, type: 'string', enum: shape.values };
      case 'integer':
        return {
          ...described,
          type: 'integer',
          ...(range?.min !== undefined ? { minimum: range.min } : {}),
          ...(range?.max !== undefined ? { maximum: range.max } : {}),
        };
      case 'boolean':
        return { ...described, type: 'boolean' };
      case 'list':
        return {
          ...described,
          type: 'array',
          items: memberSchema(shape.member!),
          ...bounds('minItems', 'maxItems'),
          ...(uniqueItems ? { uniqueItems: true } : {}),
        };
      case 'map':
        return {
          ...described,
          type: 'object',
          propertyNames: memberSchema(shape.key!),
          additionalProperties: memberSchema(shape.value!),
          ...bounds('minProperties', 'maxProperties'),
        };
      case 'structure':
      case 'union': {
        const members = Object.entries(shape.members ?? {});
        const required = members.filter(([, m]) => m.required).map(([n]) => n);
        return {
          title: name,
          ...described,
          type: 'object',
          properties: Object.fromEntries(
            members.map(([n, m]) => [n, memberSchema(m, MEMBER_NOTES[`${name}.${n}`])]),
          ),
          ...(shape.type === 'union'
            ? { minProperties: 1, maxProperties: 1 } // exactly one member, as the API requires
            : required.length > 0
              ? { required }
              : {}),
          additionalProperties: false,
        };
      }
      default:
        throw new Error(`shape ${name} has type ${shape.type}, which the schema cannot express`);
    }
  };

  const request = shapeSchema(ROOT, {});
  const updateMembers = shapes.UpdateAgentRuntimeRequest.members ?? {};
  const properties = {
    $schema: {
      type: 'string',
      description: 'Path or URL of this JSON Schema, for editors (e.g. ../schema/agent-runtime.schema.json).',
    },
    ...(request.properties as Record<string, JsonSchema>),
    ...Object.fromEntries(
      UPDATE_ONLY_MEMBERS.map((n) => [
        n,
        memberSchema(updateMembers[n], MEMBER_NOTES[`UpdateAgentRuntimeRequest.${n}`]),
      ]),
    ),
  };
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'agentcore-deploy config file (AgentCore CreateAgentRuntime request)',
    description: ROOT_NOTE,
    type: 'object',
    properties,
    required: request.required,
    additionalProperties: false,
    definitions,
  };
  for (const rule of ACTION_RULES) rule(schema);
  addExamples(schema);
  return schema;
}

type Rule = (schema: JsonSchema) => void;

const definition = (schema: JsonSchema, name: string) =>
  (schema.definitions as Record<string, JsonSchema>)[name];
const propertiesOf = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

/**
 * What the action enforces beyond the model, where JSON Schema can say it. The one rule it cannot say,
 * idleRuntimeSessionTimeout <= maxLifetime (spec-rules.ts lifecycleOrder), is left to the action: draft-07
 * cannot compare two values. The agreement test replays the bad-input corpus to keep these in step.
 */
const ACTION_RULES: Rule[] = [
  // merge.ts drops clientToken before validation (the action derives its own): any value is tolerated.
  (schema) => {
    propertiesOf(schema).clientToken = { description: MEMBER_NOTES[`${ROOT}.clientToken`] };
  },
  // spec-rules.ts containerIsPinned: the model makes the tag optional; the action wants a tag or digest
  // (a ':' or '@' after the last '/').
  (schema) => {
    definition(schema, 'RuntimeContainerUri').allOf = [{ pattern: '[:@][^/]*$' }];
  },
  // merge.ts fills in networkMode PUBLIC when it is missing; spec-rules.ts networkFitsMode: VPC needs
  // networkModeConfig, PUBLIC forbids it. The `else` lists what PUBLIC allows, so an editor says
  // "Property networkModeConfig is not allowed" rather than a vaguer "not" failure.
  (schema) => {
    const network = definition(schema, 'NetworkConfiguration');
    const required = (network.required as string[]).filter((n) => n !== 'networkMode');
    if (required.length > 0) network.required = required;
    else delete network.required;
    const mode = propertiesOf(network).networkMode;
    mode.default = SERVICE_DEFAULTS['networkConfiguration.networkMode'];
    const allowedWithoutVpc = Object.keys(propertiesOf(network)).filter((n) => n !== 'networkModeConfig');
    network.if = { properties: { networkMode: { const: 'VPC' } }, required: ['networkMode'] };
    network.then = { required: ['networkModeConfig'] };
    network.else = {
      properties: Object.fromEntries(allowedWithoutVpc.map((n) => [n, true])),
      additionalProperties: false,
    };
  },
  // spec-rules.ts noOwnNetwork: a runtime on a capacity provider has no networkConfiguration (and
  // merge.ts adds no PUBLIC default to it).
  (schema) => {
    const onCapacityProvider = { required: ['capacityProviderConfiguration'] };
    schema.allOf = [{ if: onCapacityProvider, then: { not: { required: ['networkConfiguration'] } } }];
  },
  // read-inputs.ts drops requireServiceS3Endpoint (GetAgentRuntime returns it, Create rejects it).
  (schema) => {
    Object.assign(propertiesOf(definition(schema, 'VpcConfig')).requireServiceS3Endpoint, {
      description:
        'Ignored by agentcore-deploy, with a warning: GetAgentRuntime reports it, but CreateAgentRuntime rejects it.',
    });
  },
  // The service defaults (plan/normalize.ts), shown by editors when completing a value.
  (schema) => {
    const lifecycle = propertiesOf(definition(schema, 'LifecycleConfiguration'));
    lifecycle.idleRuntimeSessionTimeout.default =
      SERVICE_DEFAULTS['lifecycleConfiguration.idleRuntimeSessionTimeout'];
    lifecycle.maxLifetime.default = SERVICE_DEFAULTS['lifecycleConfiguration.maxLifetime'];
  },
];

/** Example values (`examples` keyword: editors offer them when completing), by `Shape.member` or shape. */
function addExamples(schema: JsonSchema): void {
  for (const [where, examples] of Object.entries(EXAMPLES)) {
    const [shape, member] = where.split('.');
    const owner = shape === ROOT ? schema : definition(schema, shape);
    const target = member ? propertiesOf(owner)[member] : owner;
    if (!target) throw new Error(`EXAMPLES names ${where}, which the schema does not have`);
    target.examples = examples;
  }
}

/** The schema as committed: JSON formatted by the repository's prettier settings. */
export async function renderSchema(schema: JsonSchema): Promise<string> {
  const options = (await prettier.resolveConfig(SCHEMA_PATH)) ?? {};
  return prettier.format(JSON.stringify(schema), { ...options, parser: 'json' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_PATH, await renderSchema(generateSchema()));
  console.log(`wrote ${SCHEMA_PATH}`);
}
