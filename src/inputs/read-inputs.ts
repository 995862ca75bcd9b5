// The "inputs -> spec" step: reads the action's settings and the runtime's configuration (inputs over
// the config file), and validates everything before any AWS call. User mistakes never throw: they come
// back together as SpecErrors.
import type { AgentRuntimeSpec, SpecError } from '../spec/types.js';
import { folderPrefix, readArtifactSettings, type ArtifactSettings } from './artifact-settings.js';
import type { LoadResult } from './config-file.js';
import { mergeSpec } from './merge.js';
import { checkSmokeAuth, readReleaseSettings } from './release-settings.js';
import { readSettings, type ActionSettings } from './settings.js';
import { specFromInputs } from './spec-from-inputs.js';
import { validateSpec } from './validate-spec.js';

export type { ActionSettings } from './settings.js';
export type { ArtifactSettings } from './artifact-settings.js';

export interface InputsResult {
  settings: ActionSettings & { artifact: ArtifactSettings };
  /** Undefined when the configuration has errors. */
  spec: AgentRuntimeSpec | undefined;
  errors: SpecError[];
  /** Things the action fixed for the user and should tell them about. */
  warnings: string[];
}

/**
 * Reads a `config-file` (config-file.ts's loadConfigFile). It is passed in rather than imported so that the
 * YAML parser it needs is loaded only when there is a file to read: main.ts imports it on demand, and ncc
 * puts it in a chunk of its own.
 */
export type ConfigFileLoader = (userPath: string, workspace: string | undefined) => LoadResult;

export function readInputs(
  getInput: (name: string) => string,
  env: Record<string, string | undefined>,
  loadConfigFile: ConfigFileLoader | undefined,
): InputsResult {
  const { settings, errors: settingsErrors } = readSettings(getInput, env);
  // A runner starts the action in GITHUB_WORKSPACE; a harness that only sets the working directory gets
  // the same answer. (Never the action's own folder.)
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const { artifact, errors: artifactErrors } = readArtifactSettings(getInput, workspace);
  const { spec, errors: specErrors } = readSpec(getInput, workspace, artifact, loadConfigFile);
  const destroying = settings.mode === 'destroy';
  const { release, errors: releaseErrors } = readReleaseSettings(getInput, workspace, settings);
  settings.release = release;
  const warnings = spec ? dropReadOnlyFields(spec) : [];
  // A destroy needs the runtime's name only: the rest of a configuration that is on its way out (a
  // closed pull request's) is no reason to leave its runtime behind.
  const blocking = destroying ? specErrors.filter((e) => NAME_FIELDS.includes(e.field)) : specErrors;
  const authErrors = !destroying && spec && specErrors.length === 0 ? checkSmokeAuth(release, spec) : [];
  return {
    settings: { ...settings, artifact },
    spec: blocking.length === 0 ? spec : undefined,
    errors: [
      ...blocking,
      ...(destroying ? [] : [...artifactErrors, ...releaseErrors, ...authErrors]),
      ...settingsErrors,
    ],
    warnings,
  };
}

/**
 * Stands for the content hash in the key of a zip still to be built from code-path, so that the spec is
 * validated with a key of the length it will have. The artifact step replaces it before any plan is made.
 */
export const PENDING_CODE_HASH = '0'.repeat(64);

/** Where the runtime's name comes from: the input, the config file's field, or the file itself. */
const NAME_FIELDS = ['agent-runtime-name', 'agentRuntimeName', 'config-file'];

function readSpec(
  getInput: (name: string) => string,
  workspace: string | undefined,
  artifact: ArtifactSettings,
  loadConfigFile: ConfigFileLoader | undefined,
): { spec?: AgentRuntimeSpec; errors: SpecError[] } {
  const configPath = getInput('config-file');
  let loaded: LoadResult | undefined;
  if (configPath) {
    if (!loadConfigFile) throw new Error('readInputs: config-file is set, but no loader was given');
    loaded = loadConfigFile(configPath, workspace);
  }
  const fromInputs = specFromInputs(getInput);
  // Without the file, checking the merged spec would only add "missing" noise.
  if (loaded && !loaded.file) return { errors: [...loaded.errors, ...fromInputs.errors] };

  const file = loaded?.file;
  const merged = mergeSpec(file?.document, fromInputs.overrides);
  const codePathErrors = artifact.codePathInput ? prepareCodePath(merged, artifact) : [];
  const errors = [
    ...fromInputs.errors,
    ...codePathErrors,
    ...(codePathErrors.length > 0 ? [] : validateSpec(merged, { overrides: fromInputs.overrides, file })),
  ];
  return { spec: merged as unknown as AgentRuntimeSpec, errors };
}

/**
 * With code-path, code.s3.prefix (input or file) is the folder for the zips: it is remembered as such,
 * and the spec gets a key of the right shape until the zip exists.
 */
function prepareCodePath(spec: Record<string, unknown>, artifact: ArtifactSettings): SpecError[] {
  const artifactSpec = spec.agentRuntimeArtifact as
    | { containerConfiguration?: unknown; codeConfiguration?: { code?: { s3?: { prefix?: unknown } } } }
    | undefined;
  if (artifactSpec?.containerConfiguration !== undefined)
    return [
      {
        field: 'code-path',
        message:
          'code-path is set, but the config file deploys a container (agentRuntimeArtifact.containerConfiguration): ' +
          'an agent runtime deploys either a container image or code. Remove one of them.',
      },
    ];
  const s3 = artifactSpec?.codeConfiguration?.code?.s3;
  if (!s3)
    return [
      {
        field: 'code-path',
        message:
          'code-path is set, but nothing says where to upload the zip or how to run it: set code-s3-bucket, ' +
          'code-entry-point and code-runtime (or agentRuntimeArtifact.codeConfiguration in the config file)',
      },
    ];
  const name = typeof spec.agentRuntimeName === 'string' ? spec.agentRuntimeName : '';
  artifact.codePrefix = typeof s3.prefix === 'string' ? folderPrefix(s3.prefix) : folderPrefix(name);
  s3.prefix = `${artifact.codePrefix}${PENDING_CODE_HASH}.zip`;
  return [];
}

/**
 * GetAgentRuntime reports `requireServiceS3Endpoint`, so it turns up in configurations copied from there,
 * but CreateAgentRuntime rejects it and the action never sends it: dropped, with a word to the user.
 */
function dropReadOnlyFields(spec: AgentRuntimeSpec): string[] {
  const vpc = spec.networkConfiguration?.networkModeConfig;
  if (vpc?.requireServiceS3Endpoint === undefined) return [];
  delete vpc.requireServiceS3Endpoint;
  return [
    'networkConfiguration.networkModeConfig.requireServiceS3Endpoint is ignored: GetAgentRuntime reports it, ' +
      'but CreateAgentRuntime rejects it, so the action never sends it. Remove it from the config file.',
  ];
}
