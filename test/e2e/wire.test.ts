// Every field the action accepts must reach the service with its value. The SDK (3.1142.0) sends union
// members it does not know and any number as given, but silently drops top-level members it does not
// know: a field the model has and the SDK lacks would vanish between the config file and the wire. This
// runs the bundle on Node 24 with the examples, which between them set every field (a test in
// generate-schema.agreement.test.ts keeps them so), and compares what the emulator received.
import { MARKER_TAG_KEY } from '../../src/plan/marker-tag.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from '../../emulator/src/index.js';
import { constraints } from '../../src/model/validate-shape.js';
import { NODE24, repoRoot } from '../../scripts/run-action.js';
import { deployWith, operationOf, pinnedImage } from './helpers.js';

type Json = Record<string, unknown>;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ transitionDelayMs: 300 });
});
afterAll(() => emu.close());

const EXAMPLES = ['everything.yaml', 'vpc.yaml', 'code-s3.json'];
const readExample = (name: string) => readFileSync(join(repoRoot, 'examples', name), 'utf8');

/** The request body a config file should become: the file, less what the action does not send. */
function expectedBody(document: Json, omit: string[]): Json {
  const body = { ...document };
  for (const name of ['$schema', 'clientToken', ...omit]) delete body[name];
  return body;
}

/** `Shape.member` for every member set in `value`, following the model from `shapeName`. */
function fieldsSet(value: unknown, shapeName: string, into: Set<string>): Set<string> {
  const shape = constraints.shapes[shapeName];
  if (Array.isArray(value) && shape.member) value.forEach((v) => fieldsSet(v, shape.member!.target, into));
  else if (value && typeof value === 'object' && shape.members)
    for (const [name, v] of Object.entries(value as Json)) {
      into.add(`${shapeName}.${name}`);
      if (shape.members[name]) fieldsSet(v, shape.members[name].target, into);
    }
  else if (value && typeof value === 'object' && shape.value)
    for (const v of Object.values(value as Json)) fieldsSet(v, shape.value.target, into);
  return into;
}

/** Every `Shape.member` a request of `shapeName` can carry, through the whole model. */
function allFields(shapeName: string, into = new Set<string>(), seen = new Set<string>()): Set<string> {
  if (seen.has(shapeName)) return into;
  seen.add(shapeName);
  const shape = constraints.shapes[shapeName];
  for (const [name, m] of Object.entries(shape.members ?? {})) {
    if (m.location || m.idempotencyToken) continue;
    into.add(`${shapeName}.${name}`);
    allFields(m.target, into, seen);
  }
  for (const part of [shape.member, shape.key, shape.value]) if (part) allFields(part.target, into, seen);
  return into;
}

/** A container image goes out pinned to the digest of its tag (pin-image-digest), every other field as written. */
function pinned(expected: Json): Json {
  const body = structuredClone(expected);
  const container = (body.agentRuntimeArtifact as Json | undefined)?.containerConfiguration as
    Json | undefined;
  // Only a private ECR image named by tag is pinned (a digest is a pin already; public.ecr.aws is left as is).
  const uri = container?.containerUri;
  if (typeof uri === 'string' && /\.dkr\.ecr\.[^@]*:[\w.-]+$/.test(uri))
    container!.containerUri = pinnedImage(emu, uri);
  return body;
}

test('every field of the examples reaches CreateAgentRuntime and UpdateAgentRuntime with its value', async () => {
  const sent = new Set<string>();
  for (const [i, name] of EXAMPLES.entries()) {
    const text = readExample(name);
    const document = (name.endsWith('.json') ? JSON.parse(text) : parse(text)) as Json;
    const files = { [name]: text };
    // Not about artifacts: images named by digest are not in the emulated registry, so they are not checked.
    const inputs = {
      mode: 'deploy',
      'config-file': name,
      'agent-runtime-name': `wire_${i}`,
      'check-architecture': 'false',
    };

    const created = await deployWith(emu, { node: NODE24, files, inputs });
    expect(created.stdout).not.toMatch(/::error/);
    expect(created.outputs.operation).toBe('create');
    const create = created.requests.find((r) => operationOf(r) === 'CreateAgentRuntime')!;
    const createBody = JSON.parse(create.body) as Json;
    expect(createBody.clientToken).toEqual(expect.any(String));
    delete createBody.clientToken;
    // Create does not take metadataConfiguration: it goes with the update below.
    const expected = expectedBody(document, ['metadataConfiguration']);
    expect(createBody).toEqual({
      ...pinned(expected),
      agentRuntimeName: `wire_${i}`,
      // The given tags, plus the marker every runtime the action creates carries.
      tags: { ...(expected.tags as Record<string, string> | undefined), [MARKER_TAG_KEY]: 'true' },
    });
    fieldsSet(createBody, 'CreateAgentRuntimeRequest', sent);

    // A changed description makes an update, which is a full replace: everything again, and
    // metadataConfiguration, but never the name or the tags.
    const updated = await deployWith(emu, {
      node: NODE24,
      files,
      inputs: { ...inputs, description: 'changed to force an update' },
    });
    expect(updated.outputs.operation).toBe('update');
    const update = updated.requests.find((r) => operationOf(r) === 'UpdateAgentRuntime')!;
    const updateBody = JSON.parse(update.body) as Json;
    delete updateBody.clientToken;
    expect(updateBody).toEqual({
      ...pinned(expectedBody(document, ['agentRuntimeName', 'tags'])),
      description: 'changed to force an update',
    });
    fieldsSet(updateBody, 'UpdateAgentRuntimeRequest', sent);
  }

  // Between them the examples reached every field of both requests; only the two the action never
  // sends are missing (clientToken is made by the action, requireServiceS3Endpoint is rejected).
  const all = new Set([...allFields('CreateAgentRuntimeRequest'), ...allFields('UpdateAgentRuntimeRequest')]);
  const never = ['VpcConfig.requireServiceS3Endpoint'];
  expect([...all].filter((f) => !sent.has(f) && !never.includes(f))).toEqual([]);
  expect(sent.has('FilesystemConfiguration.capacityProviderVolume')).toBe(true);
  expect(sent.has('UpdateAgentRuntimeRequest.metadataConfiguration')).toBe(true);
}, 180_000);
