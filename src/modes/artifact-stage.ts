// The artifact stage of both modes, before the plan: pins the image or packages the code, sets the
// image-digest / code-s3-key outputs, and hands on the spec the plan is computed from.
import * as core from '@actions/core';
import type { AwsConnection } from '../aws/connect.js';
import { readCurrentRuntime, type CurrentRuntime } from '../aws/current-runtime.js';
import { resolveArtifact } from '../artifact/resolve-artifact.js';
import type { ArtifactSettings } from '../inputs/read-inputs.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

export async function artifactStage(
  spec: AgentRuntimeSpec,
  settings: ArtifactSettings,
  aws: AwsConnection,
  mode: 'plan' | 'deploy',
  current?: Promise<CurrentRuntime | undefined>,
): Promise<AgentRuntimeSpec> {
  const resolved = await core.group('Resolving the artifact', () =>
    resolveArtifact(
      spec,
      settings,
      {
        registry: aws.registry,
        store: aws.store,
        log: { info: core.info, notice: (m) => core.notice(m), warning: (m) => core.warning(m) },
        ...(current && { runsImage: (uri: string) => runsImage(current, uri) }),
      },
      mode,
    ),
  );
  setOutputs(resolved.outputs);
  return resolved.spec;
}

/**
 * Reads the current runtime now, to be awaited later: started before the artifact stage, the
 * control-plane lookup overlaps the registry's (a no-op deploy waits for both). A failure is the plan's to
 * report, where the read is awaited again.
 */
export function readCurrentRuntimeAhead(
  aws: AwsConnection,
  name: string,
): Promise<CurrentRuntime | undefined> {
  const read = readCurrentRuntime(aws.gateway, name);
  read.catch(() => undefined);
  return read;
}

async function runsImage(current: Promise<CurrentRuntime | undefined>, uri: string): Promise<boolean> {
  let runtime;
  try {
    runtime = (await current)?.runtime;
  } catch {
    return false; // unknown: every check runs
  }
  return (
    runtime?.status === 'READY' && runtime.agentRuntimeArtifact?.containerConfiguration?.containerUri === uri
  );
}
