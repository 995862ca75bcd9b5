// The schema is the generator's output for the constraints file, says everything the model says about
// each shape, compiles where editors and ajv compile it, and carries the action's own rules.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Member, Shape } from '../src/model/constraints-types.js';
import { constraints } from '../src/model/validate-shape.js';
import { generateSchema, renderSchema, SCHEMA_PATH, type JsonSchema } from './generate-schema.js';
import { EXAMPLES, MEMBER_NOTES, SHAPE_NOTES } from './generate-schema.notes.js';

const schema = generateSchema();
const definitions = schema.definitions as Record<string, JsonSchema>;
const { shapes } = constraints;
const propertiesOf = (s: JsonSchema) => s.properties as Record<string, JsonSchema>;
const validator = new Ajv({ strictTypes: true, allErrors: true }).compile(schema);
const accepts = (document: unknown) => validator(document) === true;

/** A valid config that each rule test changes in one place. */
const minimal = () => ({
  agentRuntimeName: 'my_agent',
  roleArn: 'arn:aws:iam::123456789012:role/AgentRuntime',
  agentRuntimeArtifact: {
    containerConfiguration: { containerUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/my-agent:v1' },
  },
});

test('schema/agent-runtime.schema.json is the generator output (npm run schema)', async () => {
  expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(await renderSchema(schema));
});

test('it is draft-07 and compiles with ajv in strict mode (standard keywords only)', () => {
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(() => new Ajv({ strictTypes: true }).compile(schema)).not.toThrow();
  expect(accepts(minimal())).toBe(true);
});

/** Every shape the config file can reach: the Create request's members and the update-only ones. */
function reachableShapes(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const shape = shapes[name];
    for (const m of [...Object.values(shape.members ?? {}), shape.member, shape.key, shape.value])
      if (m) visit(m.target);
  };
  for (const m of Object.values(shapes.CreateAgentRuntimeRequest.members!)) visit(m.target);
  visit(shapes.UpdateAgentRuntimeRequest.members!.metadataConfiguration.target);
  return [...seen];
}

test('every reachable shape has a definition, and nothing else does', () => {
  expect(Object.keys(definitions).sort()).toEqual(reachableShapes().sort());
});

/** The schema of a member: its definition, or the inline schema when the member narrows its target. */
const resolve = (s: JsonSchema): JsonSchema =>
  typeof s.$ref === 'string' ? definitions[s.$ref.replace('#/definitions/', '')] : s;

/** What the model says about a value, as the JSON Schema keywords that must say it. */
function expectedKeywords(shape: Shape, member: Partial<Member> = {}): JsonSchema {
  const length = member.length ?? shape.length;
  const range = member.range ?? shape.range;
  const pattern = member.pattern ?? shape.pattern;
  const [min, max] =
    shape.type === 'list'
      ? ['minItems', 'maxItems']
      : shape.type === 'map'
        ? ['minProperties', 'maxProperties']
        : ['minLength', 'maxLength'];
  return {
    ...(length?.min ? { [min]: length.min } : {}),
    ...(length?.max !== undefined ? { [max]: length.max } : {}),
    ...(range?.min !== undefined ? { minimum: range.min } : {}),
    ...(range?.max !== undefined ? { maximum: range.max } : {}),
    ...(pattern ? { pattern } : {}),
    ...((member.uniqueItems ?? shape.uniqueItems) ? { uniqueItems: true } : {}),
    ...(shape.type === 'enum' ? { enum: shape.values } : {}),
  };
}

test.each(reachableShapes())('%s carries every constraint of the model', (name) => {
  const shape = shapes[name];
  const own = definitions[name];
  expect(own).toMatchObject(expectedKeywords(shape));
  const members = Object.entries(shape.members ?? {});
  if (shape.type === 'structure' || shape.type === 'union') {
    expect(own.additionalProperties).toBe(false);
    const kept = Object.keys(propertiesOf(own));
    expect(kept).toEqual(members.map(([n]) => n));
    for (const [n, m] of members) {
      const target = resolve(propertiesOf(own)[n]);
      expect(target).toMatchObject(expectedKeywords(shapes[m.target], m));
    }
  }
  if (shape.type === 'union') expect(own).toMatchObject({ minProperties: 1, maxProperties: 1 });
  if (shape.type === 'structure') {
    // networkMode may be left out: the action fills in PUBLIC.
    const required = members.filter(([n, m]) => m.required && n !== 'networkMode').map(([n]) => n);
    expect(own.required ?? []).toEqual(required);
  }
  for (const [part, schemaKey] of [
    ['member', 'items'],
    ['key', 'propertyNames'],
    ['value', 'additionalProperties'],
  ] as const) {
    const m = shape[part];
    if (m) expect(resolve(own[schemaKey] as JsonSchema)).toMatchObject(expectedKeywords(shapes[m.target], m));
  }
});

test('every pattern compiles as ECMA-262 with the u flag, as ajv and VS Code compile it', () => {
  const patterns: string[] = [];
  JSON.stringify(schema, (key, value) => {
    if (key === 'pattern') patterns.push(value);
    return value;
  });
  expect(patterns.length).toBeGreaterThan(20);
  for (const pattern of patterns) expect(() => new RegExp(pattern, 'u')).not.toThrow();
});

test('descriptions and examples name only shapes and members that exist', () => {
  for (const name of Object.keys(SHAPE_NOTES)) expect(definitions).toHaveProperty([name]);
  for (const where of [...Object.keys(MEMBER_NOTES), ...Object.keys(EXAMPLES)]) {
    const [shape, member] = where.split('.');
    expect(shapes).toHaveProperty([shape]);
    if (member) expect(shapes[shape].members).toHaveProperty([member]);
  }
});

test('every example value an editor offers is valid where it is offered', () => {
  const offered: Array<{ at: string; node: JsonSchema }> = [];
  const walk = (node: unknown, at: string): void => {
    if (typeof node !== 'object' || node === null) return;
    if ('examples' in node) offered.push({ at, node: node as JsonSchema });
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`);
  };
  walk(schema, '#');
  expect(offered.length).toBe(Object.keys(EXAMPLES).length);
  const ajv = new Ajv({ strictTypes: true });
  for (const { at, node } of offered) {
    const check = ajv.compile({ ...node, definitions });
    for (const example of node.examples as unknown[])
      expect({ at, example, valid: check(example) }).toEqual({ at, example, valid: true });
  }
});

describe('the rules the action adds to the model', () => {
  const uri = (containerUri: string) => ({
    ...minimal(),
    agentRuntimeArtifact: { containerConfiguration: { containerUri } },
  });
  const network = (networkConfiguration: object) => ({ ...minimal(), networkConfiguration });
  const vpcConfig = { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] };

  it('says no hyphens in the name, which its pattern enforces', () => {
    expect(propertiesOf(schema).agentRuntimeName.description).toContain('No hyphens');
    expect(accepts({ ...minimal(), agentRuntimeName: 'my-agent' })).toBe(false);
  });

  it('wants the container image pinned by a tag or digest', () => {
    const repo = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/my-agent';
    expect(accepts(uri(repo))).toBe(false);
    expect(accepts(uri(`${repo}:v1`))).toBe(true);
    expect(accepts(uri(`${repo}@sha256:${'a'.repeat(64)}`))).toBe(true);
    expect(accepts(uri('public.ecr.aws/example/agent'))).toBe(false);
  });

  it('has VPC require networkModeConfig and PUBLIC (also by default) forbid it', () => {
    expect(accepts(network({ networkMode: 'VPC', networkModeConfig: vpcConfig }))).toBe(true);
    expect(accepts(network({ networkMode: 'VPC' }))).toBe(false);
    expect(accepts(network({ networkMode: 'PUBLIC' }))).toBe(true);
    expect(accepts(network({}))).toBe(true);
    expect(accepts(network({ networkMode: 'PUBLIC', networkModeConfig: vpcConfig }))).toBe(false);
    expect(accepts(network({ networkModeConfig: vpcConfig }))).toBe(false);
    validator(network({ networkMode: 'PUBLIC', networkModeConfig: vpcConfig }));
    expect(validator.errors).toContainEqual(
      expect.objectContaining({ params: { additionalProperty: 'networkModeConfig' } }),
    );
  });

  it('has a runtime on a capacity provider go without a network of its own', () => {
    const capacityProviderConfiguration = {
      capacityProviderArn:
        'arn:aws:bedrock-agentcore:us-east-1:123456789012:capacity-provider/my_provider-a1b2c3d4e5',
    };
    expect(accepts({ ...minimal(), capacityProviderConfiguration })).toBe(true);
    expect(accepts({ ...network({ networkMode: 'PUBLIC' }), capacityProviderConfiguration })).toBe(false);
    expect(accepts({ ...network({}), capacityProviderConfiguration })).toBe(false);
    const volume = { capacityProviderVolume: { volumeName: 'scratch', mountPath: '/mnt/scratch' } };
    expect(accepts({ ...minimal(), capacityProviderConfiguration, filesystemConfigurations: [volume] })).toBe(
      true,
    );
  });

  it('accepts requireServiceS3Endpoint, which the action drops with a warning, and says so', () => {
    const flagged = { ...vpcConfig, requireServiceS3Endpoint: false };
    expect(accepts(network({ networkMode: 'VPC', networkModeConfig: flagged }))).toBe(true);
    expect(JSON.stringify(definitions.VpcConfig)).toContain('Ignored by agentcore-deploy');
  });

  it('limits the entry point to 1-2 items and lifecycle settings to 60-1209600 seconds (14 days)', () => {
    const code = (entryPoint: string[]) => ({
      ...minimal(),
      agentRuntimeArtifact: {
        codeConfiguration: {
          code: { s3: { bucket: 'my-bucket', prefix: 'a.zip' } },
          runtime: 'NODE_22',
          entryPoint,
        },
      },
    });
    expect(accepts(code([]))).toBe(false);
    expect(accepts(code(['a', 'b']))).toBe(true);
    expect(accepts(code(['a', 'b', 'c']))).toBe(false);
    const lifecycle = (maxLifetime: number) => ({ ...minimal(), lifecycleConfiguration: { maxLifetime } });
    expect([59, 60, 86400, 1209600, 1209601].map((s) => accepts(lifecycle(s)))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('allows $schema, any clientToken and the update-only metadataConfiguration', () => {
    expect(accepts({ ...minimal(), $schema: '../schema/agent-runtime.schema.json' })).toBe(true);
    expect(accepts({ ...minimal(), clientToken: 'anything' })).toBe(true);
    expect(accepts({ ...minimal(), metadataConfiguration: { requireMMDSV2: true } })).toBe(true);
    expect(accepts({ ...minimal(), metadataConfiguration: { requireMMDSV2: 'yes' } })).toBe(false);
  });

  it('has unions take exactly one member and structures no unknown ones', () => {
    const both = {
      ...minimal().agentRuntimeArtifact,
      codeConfiguration: {
        code: { s3: { bucket: 'my-bucket', prefix: 'a.zip' } },
        runtime: 'NODE_22',
        entryPoint: ['a'],
      },
    };
    expect(accepts({ ...minimal(), agentRuntimeArtifact: both })).toBe(false);
    expect(accepts({ ...minimal(), agentRuntimeArtifact: {} })).toBe(false);
    expect(accepts({ ...minimal(), Description: 'PascalCase' })).toBe(false);
  });
});
