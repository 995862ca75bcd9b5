// The artifact step, between inputs and plan: it settles exactly what will run (an image pinned by
// digest, code named by content hash or pinned to an object version) and refuses what cannot run on
// AgentCore, before anything is changed. Plan mode runs it too, so a PR plan shows the digest or key a
// merge would deploy (and the plan hash covers it). Only deploy mode uploads.
import type { ImageRegistry } from '../aws/image-registry.js';
import type { ObjectStore } from '../aws/object-store.js';
import type { ArtifactSettings } from '../inputs/artifact-settings.js';
import type { AgentRuntimeSpec } from '../spec/types.js';
import type { ArtifactLog } from './artifact-errors.js';
import type { RunsCode } from './code-artifact.js';
import { pinCodeVersion } from './code-version.js';
import { pinImage, type RunsImage } from './pin-image.js';

export interface ArtifactServices {
  /** Built on first use: a run that looks at no image never loads the ECR client. */
  registry: () => ImageRegistry;
  store: () => ObjectStore;
  log: ArtifactLog;
  /** What the runtime runs now, when known: an image it already runs is not checked again. */
  runsImage?: RunsImage;
  /** Likewise for code: a zip the runtime already runs is not looked up in S3 again. */
  runsCode?: RunsCode;
}

export interface ResolvedArtifact {
  spec: AgentRuntimeSpec;
  outputs: { 'image-digest': string; 'code-s3-key': string };
}

export async function resolveArtifact(
  spec: AgentRuntimeSpec,
  settings: ArtifactSettings,
  services: ArtifactServices,
  mode: 'plan' | 'deploy',
): Promise<ResolvedArtifact> {
  const resolved = structuredClone(spec);
  const outputs = { 'image-digest': '', 'code-s3-key': '' };
  const container = resolved.agentRuntimeArtifact?.containerConfiguration;
  const code = resolved.agentRuntimeArtifact?.codeConfiguration;

  if (container?.containerUri) {
    const pinned = await pinImage(
      container.containerUri,
      settings,
      services.registry,
      services.log,
      services.runsImage,
    );
    container.containerUri = pinned.uri;
    outputs['image-digest'] = pinned.digest ?? '';
  } else if (code?.code?.s3 && settings.codePath) {
    const { packageCode } = await import('./code-artifact.js');
    const packaged = await packageCode(
      {
        directory: settings.codePath,
        directoryInput: settings.codePathInput ?? settings.codePath,
        exclude: settings.codeExclude,
        bucket: code.code.s3.bucket!,
        prefix: settings.codePrefix,
        entryPoint: code.entryPoint ?? [],
        checkArchitecture: settings.checkArchitecture,
        upload: mode === 'deploy',
      },
      services.store,
      services.log,
      services.runsCode,
    );
    code.code.s3 = { bucket: packaged.bucket, prefix: packaged.key };
    outputs['code-s3-key'] = packaged.key;
  } else if (code?.code?.s3) {
    const s3 = code.code.s3;
    if (!s3.versionId && s3.bucket && s3.prefix) {
      const versionId = await pinCodeVersion(
        { bucket: s3.bucket, prefix: s3.prefix },
        services.store,
        services.log,
      );
      if (versionId) s3.versionId = versionId;
    }
    outputs['code-s3-key'] = s3.prefix ?? '';
  }
  return { spec: resolved, outputs };
}
