// In-memory ECR and S3 for unit tests: images are manifests by repository and tag, objects are keys.
import { createHash } from 'node:crypto';
import type { ImageLocation, ImageManifest, ImageRegistry } from '../aws/image-registry.js';
import type { ObjectHead, ObjectStore } from '../aws/object-store.js';
import type { Platform } from './image-platforms.js';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

export class FakeRegistry implements ImageRegistry {
  readonly images = new Map<string, ImageManifest>();
  readonly blobs = new Map<string, string>();
  /** Errors thrown by the next calls of each method, as the SDK would throw them. */
  failGetManifest?: Error;
  failGetBlob?: Error;
  calls: string[] = [];

  /** A single-platform image, or an index when several platforms are given. */
  push(repository: string, tag: string, platforms: Platform[]): string {
    let manifest: string;
    let mediaType: string;
    if (platforms.length === 1) {
      const config = JSON.stringify({ ...platforms[0], created: String(this.images.size) });
      this.blobs.set(sha256(config), config);
      manifest = JSON.stringify({ schemaVersion: 2, config: { digest: sha256(config) }, layers: [] });
      mediaType = 'application/vnd.oci.image.manifest.v1+json';
    } else {
      manifest = JSON.stringify({
        schemaVersion: 2,
        manifests: platforms.map((platform, i) => ({ digest: sha256(`${this.images.size}/${i}`), platform })),
      });
      mediaType = 'application/vnd.oci.image.index.v1+json';
    }
    const digest = sha256(manifest);
    this.images.set(`${repository}:${tag}`, { digest, mediaType, manifest });
    this.images.set(`${repository}@${digest}`, { digest, mediaType, manifest });
    return digest;
  }

  async getManifest(at: ImageLocation, id: { tag?: string; digest?: string }) {
    this.calls.push(`getManifest ${at.region}/${at.registryId}/${at.repository} ${id.digest ?? id.tag}`);
    if (this.failGetManifest) throw this.failGetManifest;
    return this.images.get(id.digest ? `${at.repository}@${id.digest}` : `${at.repository}:${id.tag}`);
  }

  async getBlob(_at: ImageLocation, digest: string) {
    this.calls.push(`getBlob ${digest}`);
    if (this.failGetBlob) throw this.failGetBlob;
    return this.blobs.get(digest)!;
  }
}

export class FakeStore implements ObjectStore {
  readonly objects = new Map<string, { body: Uint8Array; versionId?: string }>();
  puts: string[] = [];

  async head(bucket: string, key: string): Promise<ObjectHead> {
    const object = this.objects.get(`${bucket}/${key}`);
    return object
      ? { exists: true, ...(object.versionId && { versionId: object.versionId }) }
      : { exists: false };
  }

  async put(bucket: string, key: string, body: Uint8Array): Promise<void> {
    this.puts.push(`${bucket}/${key}`);
    this.objects.set(`${bucket}/${key}`, { body });
  }
}

/** An SDK-shaped IAM refusal. */
export const accessDenied = (action: string) =>
  Object.assign(new Error(`User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: ${action}`), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
