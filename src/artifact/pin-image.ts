// An image deployed by tag is pinned to the digest the tag names now (`repo:tag@sha256:…`), so a tag
// re-pushed later shows up as a change, and it is refused before any change when it cannot run on
// AgentCore (linux/arm64 only). A check that cannot run for want of a permission is a warning.
// An image pinned to the very digest the runtime already runs (READY) is not checked again: a digest names
// fixed content, so that deploy changes nothing about the image. This keeps the no-op deploy cheap: no
// config blob for a tag, no registry call at all for a URI given with its digest.
import type { ImageLocation, ImageRegistry } from '../aws/image-registry.js';
import { errorMessage, errorName } from '../aws/errors.js';
import { parseImageUri, shortDigest, withDigest } from './image-ref.js';
import {
  describePlatforms,
  platformOfConfig,
  readManifest,
  runsOnArm64,
  type Platform,
} from './image-platforms.js';
import { ArtifactRefusedError, type ArtifactLog } from './artifact-errors.js';

export interface PinnedImage {
  /** The URI to deploy. */
  uri: string;
  /** The digest the URI pins, when known. */
  digest?: string;
}

/** Whether the runtime is READY running exactly this container URI (false when that is not known). */
export type RunsImage = (uri: string) => Promise<boolean>;

export async function pinImage(
  uri: string,
  options: { pinImageDigest: boolean; checkArchitecture: boolean },
  registry: () => ImageRegistry,
  log: ArtifactLog,
  runsImage: RunsImage = async () => false,
): Promise<PinnedImage> {
  const ref = parseImageUri(uri);
  if (ref.kind === 'public') {
    log.notice(
      `${uri} is on public.ecr.aws: it is deployed as given, without pinning a digest or checking its architecture.`,
    );
    return { uri, digest: /@(sha256:[0-9a-f]{64})$/.exec(uri)?.[1] };
  }
  if (ref.kind !== 'ecr') return { uri };
  // A digest is already a pin: the registry is asked only to check the architecture.
  const pinning = options.pinImageDigest && !ref.digest;
  if (!pinning && !options.checkArchitecture) return { uri, digest: ref.digest };
  if (ref.digest && (await runsImage(uri))) {
    log.info(alreadyRunning(uri));
    return { uri, digest: ref.digest };
  }

  const at: ImageLocation = { registryId: ref.registryId, region: ref.region, repository: ref.repository };
  let image;
  try {
    image = await registry().getManifest(at, ref.digest ? { digest: ref.digest } : { tag: ref.tag });
  } catch (err) {
    if (errorName(err) === 'RepositoryNotFoundException')
      throw new ArtifactRefusedError(
        'container-uri',
        `${uri}: there is no repository ${ref.repository} in registry ${ref.registryId} (${ref.region}). ` +
          'Create it and push the image before deploying, or fix the URI.',
      );
    if (!isPermissionError(err)) throw err;
    log.warning(
      `Could not read the image ${uri} (${errorMessage(err)}). Allow ecr:BatchGetImage on the repository to ` +
        'pin it by digest and check its architecture; it is deployed as given, unchecked.',
    );
    return { uri, digest: ref.digest };
  }
  const named = ref.digest ? `digest ${ref.digest}` : `tag ${ref.tag}`;
  if (!image)
    throw new ArtifactRefusedError(
      'container-uri',
      `${uri}: the repository ${ref.repository} (registry ${ref.registryId}, ${ref.region}) has no image with ${named}. ` +
        'Push the image before deploying it, or fix the tag.',
    );

  const pinned = pinning ? withDigest(uri, image.digest) : uri;
  if (options.checkArchitecture) {
    // Only a digest fixes the content: a tag alone the runtime runs may have been re-pushed since.
    if (pinning && (await runsImage(pinned))) log.info(alreadyRunning(pinned));
    else await checkArchitecture(uri, image, at, registry(), log);
  }
  if (pinning) log.info(`${uri} is ${image.digest}: deploying ${pinned}.`);
  return { uri: pinned, digest: image.digest };
}

const alreadyRunning = (uri: string) =>
  `${uri} is the image the runtime already runs (READY): its architecture is not checked again.`;

async function checkArchitecture(
  uri: string,
  image: { manifest: string; mediaType?: string; digest: string },
  at: ImageLocation,
  registry: ImageRegistry,
  log: ArtifactLog,
): Promise<void> {
  const manifest = readManifest(image.manifest, image.mediaType);
  let platforms: Platform[];
  if (manifest.kind === 'index') platforms = manifest.platforms;
  else if (manifest.kind === 'image') {
    let config: string;
    try {
      config = await registry.getBlob(at, manifest.configDigest);
    } catch (err) {
      if (!isPermissionError(err)) throw err;
      log.warning(
        `Could not check the architecture of ${uri} (${errorMessage(err)}). Allow ecr:GetDownloadUrlForLayer on ` +
          'the repository to have it checked; it is deployed unchecked.',
      );
      return;
    }
    const platform = platformOfConfig(config);
    if (!platform) {
      log.warning(`The image config of ${uri} names no platform; its architecture is not checked.`);
      return;
    }
    platforms = [platform];
  } else {
    log.warning(
      `The manifest of ${uri} (${image.mediaType ?? 'unknown type'}) is not one the action reads; its architecture is not checked.`,
    );
    return;
  }
  if (runsOnArm64(platforms)) return;
  throw new ArtifactRefusedError(
    'container-uri',
    `${uri} (${shortDigest(image.digest)}…) is built for ${describePlatforms(platforms)}, and AgentCore runs only ` +
      'linux/arm64 images. Build it for arm64 (docker buildx build --platform linux/arm64), or as a multi-platform ' +
      'image that includes linux/arm64. (check-architecture: false skips this check.)',
  );
}

/** IAM refusals: ECR says AccessDeniedException; a 403 from anywhere means the same. */
function isPermissionError(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return (
    errorName(err) === 'AccessDeniedException' ||
    status === 403 ||
    /not authorized to perform/i.test(errorMessage(err))
  );
}
