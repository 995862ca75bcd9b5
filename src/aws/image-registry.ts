// The ECR calls that pin and inspect an image, behind a small interface. The ECR client is loaded only
// when an image is looked at (a separate chunk of the bundle): a deploy of code never pays for it.
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { ACCEPTED_MANIFEST_TYPES } from '../artifact/image-platforms.js';
import { MAX_ATTEMPTS } from './runtime-gateway.js';

export interface ImageLocation {
  registryId: string;
  region: string;
  repository: string;
}

export interface ImageManifest {
  digest: string;
  mediaType?: string;
  manifest: string;
}

export interface ImageRegistry {
  /** The manifest a tag or digest names; undefined when the repository has no such image. */
  getManifest(at: ImageLocation, id: { tag?: string; digest?: string }): Promise<ImageManifest | undefined>;
  /** A blob's content (an image config), through GetDownloadUrlForLayer. */
  getBlob(at: ImageLocation, digest: string): Promise<string>;
}

export class EcrImageRegistry implements ImageRegistry {
  private readonly clients = new Map<string, Promise<import('@aws-sdk/client-ecr').ECRClient>>();

  constructor(private readonly options: { credentials?: AwsCredentialIdentityProvider; userAgent: string }) {}

  /** The repository's own region: an image in another region is read there. */
  private client(region: string) {
    let client = this.clients.get(region);
    if (!client) {
      client = import('@aws-sdk/client-ecr').then(
        ({ ECRClient }) =>
          new ECRClient({
            region,
            credentials: this.options.credentials,
            maxAttempts: MAX_ATTEMPTS,
            retryMode: 'standard',
            customUserAgent: this.options.userAgent,
          }),
      );
      this.clients.set(region, client);
    }
    return client;
  }

  async getManifest(at: ImageLocation, id: { tag?: string; digest?: string }) {
    const { BatchGetImageCommand } = await import('@aws-sdk/client-ecr');
    const client = await this.client(at.region);
    const { images } = await client.send(
      new BatchGetImageCommand({
        registryId: at.registryId,
        repositoryName: at.repository,
        imageIds: [id.digest ? { imageDigest: id.digest } : { imageTag: id.tag }],
        acceptedMediaTypes: ACCEPTED_MANIFEST_TYPES,
      }),
    );
    const image = images?.[0];
    if (!image?.imageManifest || !image.imageId?.imageDigest) return undefined;
    return {
      digest: image.imageId.imageDigest,
      mediaType: image.imageManifestMediaType,
      manifest: image.imageManifest,
    };
  }

  async getBlob(at: ImageLocation, digest: string): Promise<string> {
    const { GetDownloadUrlForLayerCommand } = await import('@aws-sdk/client-ecr');
    const client = await this.client(at.region);
    const { downloadUrl } = await client.send(
      new GetDownloadUrlForLayerCommand({
        registryId: at.registryId,
        repositoryName: at.repository,
        layerDigest: digest,
      }),
    );
    // A presigned URL: fetched without AWS credentials.
    const response = await fetch(downloadUrl!);
    if (!response.ok)
      throw new Error(`downloading the image config ${digest} failed: HTTP ${response.status}`);
    return response.text();
  }
}
