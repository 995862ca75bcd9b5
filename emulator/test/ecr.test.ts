// The emulated ECR through the real @aws-sdk/client-ecr: manifests and indexes with their media types,
// digests that are the sha256 of the manifest bytes, config blobs behind GetDownloadUrlForLayer, and
// the errors IAM and ECR give.
import { createHash } from 'node:crypto';
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  ECRClient,
  GetDownloadUrlForLayerCommand,
  ImageNotFoundException,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { startEmulator, type Emulator } from '../src/index.js';
import { MEDIA_TYPES } from '../src/ecr.js';

let emu: Emulator;
const client = (region = 'us-east-1') =>
  new ECRClient({
    endpoint: emu.urls.ecr,
    region,
    credentials: { accessKeyId: 'AKIAEMULATORSTATIC01', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
const ALL_TYPES = Object.values(MEDIA_TYPES).filter((t) => /manifest|index/.test(t));

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.ecr.reset());

test('BatchGetImage by tag returns the manifest, its media type and its digest (sha256 of the bytes)', async () => {
  const digest = emu.ecr.pushImage({
    repository: 'agent',
    tag: 'v1',
    platforms: [{ os: 'linux', architecture: 'arm64' }],
  });
  const { images, failures } = await client().send(
    new BatchGetImageCommand({
      repositoryName: 'agent',
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: ALL_TYPES,
    }),
  );
  expect(failures).toEqual([]);
  expect(images![0].imageId).toEqual({ imageDigest: digest, imageTag: 'v1' });
  expect(images![0].imageManifestMediaType).toBe(MEDIA_TYPES.dockerManifest);
  const manifest = images![0].imageManifest!;
  expect(`sha256:${createHash('sha256').update(manifest).digest('hex')}`).toBe(digest);
  expect(JSON.parse(manifest).config.mediaType).toBe(MEDIA_TYPES.dockerConfig);
});

test('a re-push under the same tag moves the tag to a new digest', async () => {
  const first = emu.ecr.pushImage({
    repository: 'agent',
    tag: 'v1',
    platforms: [{ os: 'linux', architecture: 'arm64' }],
  });
  const second = emu.ecr.pushImage({
    repository: 'agent',
    tag: 'v1',
    platforms: [{ os: 'linux', architecture: 'arm64' }],
  });
  expect(second).not.toBe(first);
  const { imageDetails } = await client().send(
    new DescribeImagesCommand({ repositoryName: 'agent', imageIds: [{ imageTag: 'v1' }] }),
  );
  expect(imageDetails![0].imageDigest).toBe(second);
  const old = await client().send(
    new DescribeImagesCommand({ repositoryName: 'agent', imageIds: [{ imageDigest: first }] }),
  );
  expect(old.imageDetails![0].imageTags).toBeUndefined();
});

test('an OCI image index lists per-platform manifests; it is returned only when its media type is accepted', async () => {
  emu.ecr.pushImage({
    repository: 'multi',
    tag: 'v2',
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
  });
  const accepted = await client().send(
    new BatchGetImageCommand({
      repositoryName: 'multi',
      imageIds: [{ imageTag: 'v2' }],
      acceptedMediaTypes: ALL_TYPES,
    }),
  );
  expect(accepted.images![0].imageManifestMediaType).toBe(MEDIA_TYPES.ociIndex);
  const index = JSON.parse(accepted.images![0].imageManifest!);
  expect(index.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture)).toEqual(
    ['amd64', 'arm64'],
  );
  const child = await client().send(
    new BatchGetImageCommand({
      repositoryName: 'multi',
      imageIds: [{ imageDigest: index.manifests[1].digest }],
      acceptedMediaTypes: ALL_TYPES,
    }),
  );
  expect(child.images![0].imageManifestMediaType).toBe(MEDIA_TYPES.ociManifest);

  const defaults = await client().send(
    new BatchGetImageCommand({ repositoryName: 'multi', imageIds: [{ imageTag: 'v2' }] }),
  );
  expect(defaults.images).toEqual([]);
  expect(defaults.failures![0].failureCode).toBe('UnsupportedImageType');
});

test('GetDownloadUrlForLayer serves the config blob with the platform', async () => {
  emu.ecr.pushImage({ repository: 'agent', tag: 'x86', platforms: [{ os: 'linux', architecture: 'amd64' }] });
  const { images } = await client().send(
    new BatchGetImageCommand({
      repositoryName: 'agent',
      imageIds: [{ imageTag: 'x86' }],
      acceptedMediaTypes: ALL_TYPES,
    }),
  );
  const configDigest = JSON.parse(images![0].imageManifest!).config.digest;
  const { downloadUrl, layerDigest } = await client().send(
    new GetDownloadUrlForLayerCommand({ repositoryName: 'agent', layerDigest: configDigest }),
  );
  expect(layerDigest).toBe(configDigest);
  const config = await (await fetch(downloadUrl!)).json();
  expect(config).toMatchObject({ os: 'linux', architecture: 'amd64' });
});

test('images are per region and registry: another region does not see them', async () => {
  emu.ecr.pushImage({
    repository: 'agent',
    tag: 'v1',
    region: 'eu-west-1',
    registryId: '210987654321',
    platforms: [{ os: 'linux', architecture: 'arm64' }],
  });
  const there = await client('eu-west-1').send(
    new BatchGetImageCommand({
      registryId: '210987654321',
      repositoryName: 'agent',
      imageIds: [{ imageTag: 'v1' }],
      acceptedMediaTypes: ALL_TYPES,
    }),
  );
  expect(there.images).toHaveLength(1);
  await expect(
    client('us-east-1').send(
      new BatchGetImageCommand({
        registryId: '210987654321',
        repositoryName: 'agent',
        imageIds: [{ imageTag: 'v1' }],
      }),
    ),
  ).rejects.toBeInstanceOf(RepositoryNotFoundException);
});

test('missing images, denied actions and throttling answer as ECR does', async () => {
  emu.ecr.pushImage({ repository: 'agent', tag: 'v1', platforms: [{ os: 'linux', architecture: 'arm64' }] });
  const missing = await client().send(
    new BatchGetImageCommand({ repositoryName: 'agent', imageIds: [{ imageTag: 'nope' }] }),
  );
  expect(missing.failures![0]).toMatchObject({ failureCode: 'ImageNotFound' });
  await expect(
    client().send(new DescribeImagesCommand({ repositoryName: 'agent', imageIds: [{ imageTag: 'nope' }] })),
  ).rejects.toBeInstanceOf(ImageNotFoundException);

  emu.ecr.denied.add('ecr:BatchGetImage');
  const denied = await client()
    .send(new BatchGetImageCommand({ repositoryName: 'agent', imageIds: [{ imageTag: 'v1' }] }))
    .catch((e: Error) => e);
  expect(denied).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  expect((denied as Error).message).toContain('not authorized to perform: ecr:BatchGetImage');

  emu.ecr.denied.clear();
  emu.faults.ecr.throttle = 1;
  const retried = new ECRClient({
    endpoint: emu.urls.ecr,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEMULATORSTATIC01', secretAccessKey: 'x' },
  });
  const after = await retried.send(
    new BatchGetImageCommand({ repositoryName: 'agent', imageIds: [{ imageTag: 'v1' }] }),
  );
  expect(after.images).toHaveLength(1);
  expect(emu.faults.ecr.throttle).toBe(0);
});
