// The runtime-spec inputs of action.yml and the API field each one sets (the public contract), and the
// step that turns the inputs a workflow gave into overrides of the config file.
import { constraints } from '../model/validate-shape.js';
import type { SpecError } from '../spec/types.js';
import { parseKeyValueLines, parseList, parseWholeNumber } from './parse.js';

/** How an input's text becomes a value: as is, a list, KEY=VALUE lines (a map), or a whole number. */
export type InputKind = 'text' | 'list' | 'keyValues' | 'wholeNumber';

export interface SpecInput {
  input: string;
  /** The API field it sets, as validateShape writes paths. */
  path: string;
  kind: InputKind;
}

const ARTIFACT = 'agentRuntimeArtifact';
const CODE = `${ARTIFACT}.codeConfiguration`;
const VPC = 'networkConfiguration.networkModeConfig';
const JWT = 'authorizerConfiguration.customJWTAuthorizer';

export const SPEC_INPUTS: readonly SpecInput[] = [
  { input: 'agent-runtime-name', path: 'agentRuntimeName', kind: 'text' },
  { input: 'description', path: 'description', kind: 'text' },
  { input: 'role-arn', path: 'roleArn', kind: 'text' },
  { input: 'container-uri', path: `${ARTIFACT}.containerConfiguration.containerUri`, kind: 'text' },
  { input: 'code-s3-bucket', path: `${CODE}.code.s3.bucket`, kind: 'text' },
  { input: 'code-s3-prefix', path: `${CODE}.code.s3.prefix`, kind: 'text' },
  { input: 'code-s3-version-id', path: `${CODE}.code.s3.versionId`, kind: 'text' },
  { input: 'code-entry-point', path: `${CODE}.entryPoint`, kind: 'list' },
  { input: 'code-runtime', path: `${CODE}.runtime`, kind: 'text' },
  { input: 'network-mode', path: 'networkConfiguration.networkMode', kind: 'text' },
  { input: 'subnets', path: `${VPC}.subnets`, kind: 'list' },
  { input: 'security-groups', path: `${VPC}.securityGroups`, kind: 'list' },
  { input: 'environment-variables', path: 'environmentVariables', kind: 'keyValues' },
  { input: 'jwt-discovery-url', path: `${JWT}.discoveryUrl`, kind: 'text' },
  { input: 'jwt-allowed-audience', path: `${JWT}.allowedAudience`, kind: 'list' },
  { input: 'jwt-allowed-clients', path: `${JWT}.allowedClients`, kind: 'list' },
  {
    input: 'idle-runtime-session-timeout',
    path: 'lifecycleConfiguration.idleRuntimeSessionTimeout',
    kind: 'wholeNumber',
  },
  { input: 'max-lifetime', path: 'lifecycleConfiguration.maxLifetime', kind: 'wholeNumber' },
  { input: 'server-protocol', path: 'protocolConfiguration.serverProtocol', kind: 'text' },
  {
    input: 'request-header-allowlist',
    path: 'requestHeaderConfiguration.requestHeaderAllowlist',
    kind: 'list',
  },
  { input: 'tags', path: 'tags', kind: 'keyValues' },
];

/** The code-* inputs a code artifact cannot do without (the version id is optional). */
const REQUIRED_CODE_INPUTS = ['code-s3-bucket', 'code-s3-prefix', 'code-entry-point', 'code-runtime'];
/** With code-path the action names the object itself: the prefix is optional (a folder for the zips). */
const REQUIRED_WITH_CODE_PATH = ['code-s3-bucket', 'code-entry-point', 'code-runtime'];

export const isArtifactInput = (input: SpecInput) => input.path.startsWith(`${ARTIFACT}.`);

/** One input a workflow set, parsed: it overrides the config file's value at `path`. */
export interface InputOverride extends SpecInput {
  value: unknown;
}

export interface InputsSpec {
  overrides: InputOverride[];
  errors: SpecError[];
}

export function specFromInputs(getInput: (name: string) => string): InputsSpec {
  const errors: SpecError[] = [];
  const overrides: InputOverride[] = [];
  for (const spec of SPEC_INPUTS) {
    const text = getInput(spec.input);
    if (text === '') continue;
    const value = parseInput(spec, text, errors);
    if (value !== undefined) overrides.push({ ...spec, value });
  }
  const codePath = getInput('code-path').trim() !== '';
  return { overrides: checkArtifactInputs(overrides, errors, codePath), errors };
}

function parseInput({ input, kind }: SpecInput, text: string, errors: SpecError[]): unknown {
  switch (kind) {
    case 'text':
      return text;
    case 'list':
      return parseList(text);
    case 'keyValues': {
      const parsed = parseKeyValueLines(text, input);
      errors.push(...parsed.errors.map((message) => ({ field: input, message })));
      return parsed.entries;
    }
    case 'wholeNumber': {
      const parsed = parseWholeNumber(text, input);
      if (parsed.ok) return parsed.value;
      errors.push({ field: input, message: parsed.message });
      return undefined;
    }
  }
}

/**
 * Artifact inputs describe the whole artifact (they replace the file's), so they must not mix a
 * container with code, and code inputs must be complete. After a clash the container wins, so the
 * rest of the spec is still checked.
 */
function checkArtifactInputs(
  overrides: InputOverride[],
  errors: SpecError[],
  codePath: boolean,
): InputOverride[] {
  const container = overrides.find((o) => o.input === 'container-uri');
  const code = overrides.filter((o) => o.input.startsWith('code-'));
  const codeNames = [...(codePath ? ['code-path'] : []), ...code.map((o) => o.input)];
  if (container && codeNames.length > 0) {
    errors.push({
      field: 'container-uri',
      message:
        `container-uri and ${codeNames.join(', ')} are both set: an agent runtime deploys either ` +
        'a container image (container-uri) or code (code-path, or the code-s3-* inputs), not both',
    });
    return overrides.filter((o) => !code.includes(o));
  }
  if (codeNames.length === 0) return overrides;
  // code-path alone takes the bucket, entry point and runtime from the config file's codeConfiguration.
  if (codePath && code.length === 0) return overrides;
  const given = new Set(codeNames);
  const required = codePath ? REQUIRED_WITH_CODE_PATH : REQUIRED_CODE_INPUTS;
  for (const input of required.filter((name) => !given.has(name)))
    errors.push({
      field: input,
      message: codePath
        ? `${input} is not set, but code-path is: the action zips code-path and uploads it to code-s3-bucket, ` +
          `and the runtime needs code-entry-point and code-runtime. ${CODE_EXAMPLES[input]}`
        : `${input} is not set, but ${[...given].join(', ')} ${given.size === 1 ? 'is' : 'are'}: the code-* inputs ` +
          `describe the whole code artifact (they replace the config file's agentRuntimeArtifact), so ` +
          `${REQUIRED_CODE_INPUTS.join(', ')} are all needed. ${CODE_EXAMPLES[input]}`,
    });
  if (codePath && given.has('code-s3-version-id'))
    errors.push({
      field: 'code-s3-version-id',
      message:
        'code-s3-version-id cannot be used with code-path: the action names the uploaded zip by its content ' +
        'hash, so the key itself pins the code. Remove code-s3-version-id.',
    });
  return overrides;
}

const CODE_EXAMPLES: Record<string, string> = {
  'code-s3-bucket': 'Set it to the bucket holding the zipped code, e.g. my-agent-artifacts.',
  'code-s3-prefix': 'Set it to the key of the zipped code in the bucket, e.g. agents/my_agent.zip.',
  'code-entry-point': 'Set it to the file to run, e.g. main.py (or: opentelemetry-instrument, main.py).',
  'code-runtime': `Set it to one of ${constraints.shapes.AgentManagedRuntimeType.values!.join(', ')}.`,
};
