// The artifact stage of both modes, before the plan: pins the image or packages the code, sets the
// image-digest / code-s3-key outputs, and hands on the spec the plan is computed from.
import * as core from '@actions/core';
import type { AwsConnection } from '../aws/connect.js';
import { resolveArtifact } from '../artifact/resolve-artifact.js';
import type { ArtifactSettings } from '../inputs/read-inputs.js';
import { setOutputs } from '../report/set-outputs.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

export async function artifactStage(
  spec: AgentRuntimeSpec,
  settings: ArtifactSettings,
  aws: AwsConnection,
  mode: 'plan' | 'deploy',
): Promise<AgentRuntimeSpec> {
  const resolved = await core.group('Resolving the artifact', () =>
    resolveArtifact(
      spec,
      settings,
      {
        registry: aws.registry,
        store: aws.store,
        log: { info: core.info, notice: (m) => core.notice(m), warning: (m) => core.warning(m) },
      },
      mode,
    ),
  );
  setOutputs(resolved.outputs);
  return resolved.spec;
}
