// Inputs over the config file: maps (environment variables, tags) merge key by key, scalars and lists
// replace, and partial inputs elsewhere merge into the file's structure. An artifact input replaces the
// file's whole artifact, because a container and code cannot be combined.
import { isArtifactInput, type InputOverride } from './spec-from-inputs.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergeSpec(fileDocument: Json | undefined, overrides: readonly InputOverride[]): Json {
  const spec: Json = structuredClone(fileDocument ?? {});
  delete spec.clientToken; // the action derives its own idempotency token
  delete spec.$schema; // an editor's pointer to the JSON Schema, not an API field
  if (overrides.some(isArtifactInput)) delete spec.agentRuntimeArtifact;
  for (const override of overrides) setAt(spec, override.path.split('.'), override);
  defaultToPublicNetwork(spec);
  return spec;
}

function setAt(target: Json, [name, ...rest]: string[], override: InputOverride): void {
  if (rest.length > 0) {
    if (!isObject(target[name])) target[name] = {};
    return setAt(target[name] as Json, rest, override);
  }
  const current = target[name];
  target[name] =
    override.kind === 'keyValues' && isObject(current)
      ? { ...current, ...(override.value as Json) }
      : override.value;
}

/**
 * PUBLIC is what a runtime gets when nothing sets a network mode. Not on a capacity provider: its
 * runtimes use the capacity provider's network, and the service refuses any networkConfiguration
 * beside capacityProviderConfiguration (spec-rules.ts reports one the user set).
 */
function defaultToPublicNetwork(spec: Json): void {
  if (spec.capacityProviderConfiguration !== undefined && spec.capacityProviderConfiguration !== null) return;
  if (spec.networkConfiguration === undefined) spec.networkConfiguration = { networkMode: 'PUBLIC' };
  else if (isObject(spec.networkConfiguration) && spec.networkConfiguration.networkMode === undefined)
    spec.networkConfiguration = { networkMode: 'PUBLIC', ...spec.networkConfiguration };
}
