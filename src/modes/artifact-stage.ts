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
        ...(current && {
          runsImage: (uri: string) => runsImage(current, uri),
          runsCode: (bucket: string, key: string) => runsCode(current, bucket, key),
        }),
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
  const artifact = await readyArtifact(current);
  return artifact?.containerConfiguration?.containerUri === uri;
}

async function runsCode(
  current: Promise<CurrentRuntime | undefined>,
  bucket: string,
  key: string,
): Promise<boolean> {
  const s3 = (await readyArtifact(current))?.codeConfiguration?.code?.s3;
  return s3?.bucket === bucket && s3.prefix === key;
}

/** The artifact of the current runtime when it is READY; undefined when unknown (every check runs). */
async function readyArtifact(current: Promise<CurrentRuntime | undefined>) {
  try {
    const runtime = (await current)?.runtime;
    return runtime?.status === 'READY' ? runtime.agentRuntimeArtifact : undefined;
  } catch {
    return undefined;
  }
}
