// Amazon ECR over awsJson1_1 (POST /, `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`),
// the read side a deployer uses to pin and inspect an image: BatchGetImage, DescribeImages and
// GetDownloadUrlForLayer, whose presigned URL this server also answers (unsigned GET, like S3's).
// Repositories live per region (from the SigV4 scope) and registry (account), so an image in another
// account or region is found only by a client that asks there. Images are pushed by tests through
// `pushImage`, which builds real Docker / OCI manifests, image indexes and config blobs: a digest is the
// sha256 of the manifest bytes, exactly as a registry computes it.
import { createHash } from 'node:crypto';
import {
  json,
  takeInjectedError,
  type EmulatorRequest,
  type EmulatorResponse,
  type Handler,
  type ServiceFaults,
} from './http.js';

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const AUTHORIZATION = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;

export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerIndex: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** What ECR answers when a request names no acceptedMediaTypes: single-platform manifests only. */
const DEFAULT_ACCEPTED = [
  'application/vnd.docker.distribution.manifest.v1+json',
  MEDIA_TYPES.dockerManifest,
  MEDIA_TYPES.ociManifest,
];

export type EcrAction = 'ecr:BatchGetImage' | 'ecr:DescribeImages' | 'ecr:GetDownloadUrlForLayer';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface PushImageOptions {
  repository: string;
  tag?: string;
  /** One platform: a plain manifest; several (or `index: true`): an image index of per-platform manifests. */
  platforms: Platform[];
  index?: boolean;
  format?: 'docker' | 'oci';
  /** Default: the emulator's account and region. */
  registryId?: string;
  region?: string;
}

interface StoredImage {
  digest: string;
  manifest: string;
  mediaType: string;
  tags: Set<string>;
  pushedAt: Date;
  size: number;
}

interface Repository {
  images: Map<string, StoredImage>;
}

export interface EcrState {
  /** Actions the caller's policy does not allow: AccessDeniedException, as IAM answers. */
  denied: Set<EcrAction>;
  /** Pushes an image (and its index children and config blobs); returns the digest the tag now names. */
  pushImage(options: PushImageOptions): string;
  /** The digest a tag names, if any. */
  digestOf(
    repository: string,
    tag: string,
    options?: { registryId?: string; region?: string },
  ): string | undefined;
  reset(): void;
}

export function createEcrService(
  options: { region: string; accountId: string; selfUrl: () => string },
  faults: ServiceFaults,
): { handler: Handler; state: EcrState } {
  const repositories = new Map<string, Repository>();
  const blobs = new Map<string, string>();
  let pushes = 0;
  const keyOf = (region: string, registryId: string, name: string) => `${region}/${registryId}/${name}`;
  const repositoryAt = (region: string, registryId: string, name: string, create = false) => {
    const key = keyOf(region, registryId, name);
    let repo = repositories.get(key);
    if (!repo && create) repositories.set(key, (repo = { images: new Map() }));
    return repo;
  };

  const storeBlob = (content: string) => {
    const digest = sha256(content);
    blobs.set(digest, content);
    return { digest, size: Buffer.byteLength(content) };
  };
  const storeImage = (repo: Repository, manifest: string, mediaType: string, tag?: string) => {
    const digest = sha256(manifest);
    if (tag) for (const image of repo.images.values()) image.tags.delete(tag);
    const image = repo.images.get(digest) ?? {
      digest,
      manifest,
      mediaType,
      tags: new Set<string>(),
      pushedAt: new Date(),
      size: Buffer.byteLength(manifest),
    };
    if (tag) image.tags.add(tag);
    repo.images.set(digest, image);
    return digest;
  };

  const state: EcrState = {
    denied: new Set(),
    pushImage(push) {
      const repo = repositoryAt(
        push.region ?? options.region,
        push.registryId ?? options.accountId,
        push.repository,
        true,
      )!;
      const oci = push.format === 'oci';
      const build = ++pushes; // every push is a new build, so a re-push under a tag gets a new digest
      const manifests = push.platforms.map((platform) => {
        const config = storeBlob(
          JSON.stringify({
            architecture: platform.architecture,
            os: platform.os,
            ...(platform.variant && { variant: platform.variant }),
            created: new Date(Date.UTC(2026, 0, 1, 0, 0, build)).toISOString(),
            config: { Entrypoint: ['python', 'main.py'] },
            rootfs: { type: 'layers', diff_ids: [sha256(`layer ${build}`)] },
          }),
        );
        const layer = storeBlob(`layer ${build} ${platform.os}/${platform.architecture}`);
        const mediaType = oci ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest;
        const manifest = JSON.stringify({
          schemaVersion: 2,
          mediaType,
          config: { mediaType: oci ? MEDIA_TYPES.ociConfig : MEDIA_TYPES.dockerConfig, ...config },
          layers: [{ mediaType: oci ? MEDIA_TYPES.ociLayer : MEDIA_TYPES.dockerLayer, ...layer }],
        });
        return { manifest, mediaType, platform };
      });
      if (manifests.length === 1 && !push.index) {
        const [only] = manifests;
        return storeImage(repo, only.manifest, only.mediaType, push.tag);
      }
      const indexType = oci ? MEDIA_TYPES.ociIndex : MEDIA_TYPES.dockerIndex;
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: indexType,
        manifests: manifests.map((m) => ({
          mediaType: m.mediaType,
          digest: storeImage(repo, m.manifest, m.mediaType),
          size: Buffer.byteLength(m.manifest),
          platform: m.platform,
        })),
      });
      return storeImage(repo, index, indexType, push.tag);
    },
    digestOf(repository, tag, where = {}) {
      const repo = repositoryAt(
        where.region ?? options.region,
        where.registryId ?? options.accountId,
        repository,
      );
      return [...(repo?.images.values() ?? [])].find((i) => i.tags.has(tag))?.digest;
    },
    reset() {
      repositories.clear();
      blobs.clear();
      state.denied.clear();
    },
  };

  const handler: Handler = (req) => {
    if (req.method === 'GET' && req.path.startsWith('/blobs/')) return downloadBlob(req, blobs);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX))
      return ecrError(
        'UnknownOperationException',
        `Unknown operation ${target || `${req.method} ${req.path}`}`,
        404,
      );
    const scope = AUTHORIZATION.exec(String(req.headers.authorization ?? ''));
    if (!scope) return ecrError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    const [, region, service] = scope;
    if (service !== 'ecr')
      return ecrError(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: 'ecr', not '${service}'.`,
        403,
      );
    const injected = takeInjectedError(faults);
    if (injected?.kind === 'throttle') return ecrError('ThrottlingException', 'Rate exceeded');
    if (injected) return ecrError('ServerException', 'An internal error occurred.', injected.status);

    const operation = target.slice(TARGET_PREFIX.length);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(req.body || '{}') as Record<string, unknown>;
    } catch {
      return ecrError('SerializationException', 'Request body is not valid JSON');
    }
    const registryId = (input.registryId as string | undefined) ?? options.accountId;
    const repositoryName = input.repositoryName as string | undefined;
    if (!repositoryName) return ecrError('InvalidParameterException', 'repositoryName must be specified');
    const action = `ecr:${operation}` as EcrAction;
    const resource = `arn:aws:ecr:${region}:${registryId}:repository/${repositoryName}`;
    if (state.denied.has(action))
      return ecrError(
        'AccessDeniedException',
        `User: arn:aws:sts::${options.accountId}:assumed-role/GitHubDeploy/GitHubActions is not authorized to perform: ` +
          `${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      );
    const repo = repositoryAt(region, registryId, repositoryName);
    if (!repo)
      return ecrError(
        'RepositoryNotFoundException',
        `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`,
      );
    const where = { registryId, repositoryName };
    switch (operation) {
      case 'BatchGetImage':
        return batchGetImage(repo, input, where);
      case 'DescribeImages':
        return describeImages(repo, input, where);
      case 'GetDownloadUrlForLayer': {
        const digest = input.layerDigest as string;
        if (!blobs.has(digest))
          return ecrError(
            'LayersNotFoundException',
            `The specified layer ${digest} does not exist in the repository ${repositoryName}`,
          );
        const url = `${options.selfUrl()}/blobs/${digest}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600`;
        return ok({ downloadUrl: url, layerDigest: digest });
      }
      default:
        return ecrError('UnknownOperationException', `Unknown operation ${operation}`, 404);
    }
  };

  return { handler, state };
}

interface ImageId {
  imageTag?: string;
  imageDigest?: string;
}

function findImage(repo: Repository, id: ImageId): StoredImage | undefined {
  const images = [...repo.images.values()];
  const byTag = id.imageTag ? images.find((i) => i.tags.has(id.imageTag!)) : undefined;
  const byDigest = id.imageDigest ? repo.images.get(id.imageDigest) : undefined;
  if (id.imageTag && id.imageDigest) return byTag && byTag === byDigest ? byTag : undefined;
  return byTag ?? byDigest;
}

function batchGetImage(
  repo: Repository,
  input: Record<string, unknown>,
  where: { registryId: string; repositoryName: string },
): EmulatorResponse {
  const ids = (input.imageIds as ImageId[] | undefined) ?? [];
  const accepted = (input.acceptedMediaTypes as string[] | undefined) ?? DEFAULT_ACCEPTED;
  const images = [];
  const failures = [];
  for (const id of ids) {
    const image = findImage(repo, id);
    if (!image)
      failures.push({
        imageId: id,
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      });
    else if (!accepted.includes(image.mediaType))
      failures.push({
        imageId: id,
        failureCode: 'UnsupportedImageType',
        failureReason: `The image's manifest media type ${image.mediaType} is not among the accepted media types`,
      });
    else
      images.push({
        ...where,
        imageId: { imageDigest: image.digest, ...(id.imageTag && { imageTag: id.imageTag }) },
        imageManifest: image.manifest,
        imageManifestMediaType: image.mediaType,
      });
  }
  return ok({ images, failures });
}

function describeImages(
  repo: Repository,
  input: Record<string, unknown>,
  where: { registryId: string; repositoryName: string },
): EmulatorResponse {
  const ids = input.imageIds as ImageId[] | undefined;
  const found = ids ? ids.map((id) => findImage(repo, id)) : [...repo.images.values()];
  const missing = ids?.find((_, i) => !found[i]);
  if (missing)
    return ecrError(
      'ImageNotFoundException',
      `The image with imageId {imageDigest:'${missing.imageDigest ?? 'null'}', imageTag:'${missing.imageTag ?? 'null'}'} ` +
        `does not exist within the repository with name '${where.repositoryName}' in the registry with id '${where.registryId}'`,
    );
  return ok({
    imageDetails: (found as StoredImage[]).map((image) => ({
      ...where,
      imageDigest: image.digest,
      ...(image.tags.size > 0 && { imageTags: [...image.tags] }),
      imageSizeInBytes: image.size,
      imagePushedAt: image.pushedAt.getTime() / 1000,
      imageManifestMediaType: image.mediaType,
    })),
  });
}

function downloadBlob(req: EmulatorRequest, blobs: Map<string, string>): EmulatorResponse {
  const blob = blobs.get(req.path.slice('/blobs/'.length));
  if (blob === undefined)
    return {
      status: 404,
      headers: { 'content-type': 'application/xml' },
      body: '<Error><Code>NoSuchKey</Code></Error>',
    };
  return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: blob };
}

const sha256 = (content: string) => `sha256:${createHash('sha256').update(content).digest('hex')}`;

const ok = (body: unknown) => json(200, body, { 'content-type': 'application/x-amz-json-1.1' });

function ecrError(type: string, message: string, status = 400): EmulatorResponse {
  return json(status, { __type: type, message }, { 'content-type': 'application/x-amz-json-1.1' });
}
