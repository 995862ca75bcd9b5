// The S3 calls for code artifacts, behind a small interface. The S3 client is loaded only when code is
// deployed (a separate chunk of the bundle).
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { MAX_ATTEMPTS } from './runtime-gateway.js';

export type ObjectHead = { exists: true; versionId?: string } | { exists: false };

export interface ObjectStore {
  /** Whether the key exists (and its current version id, in a versioned bucket). */
  head(bucket: string, key: string): Promise<ObjectHead>;
  put(bucket: string, key: string, body: Uint8Array): Promise<void>;
}

export class S3ObjectStore implements ObjectStore {
  private client?: Promise<import('@aws-sdk/client-s3').S3Client>;

  constructor(
    private readonly options: {
      region: string;
      credentials?: AwsCredentialIdentityProvider;
      userAgent: string;
    },
  ) {}

  private s3() {
    this.client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          region: this.options.region,
          credentials: this.options.credentials,
          maxAttempts: MAX_ATTEMPTS,
          retryMode: 'standard',
          customUserAgent: this.options.userAgent,
          // A bucket in another region answers with a redirect; the SDK follows it.
          followRegionRedirects: true,
        }),
    );
    return this.client;
  }

  async head(bucket: string, key: string): Promise<ObjectHead> {
    const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      const head = await (await this.s3()).send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      // S3 says "null" for an object written while versioning was off.
      return {
        exists: true,
        ...(head.VersionId && head.VersionId !== 'null' && { versionId: head.VersionId }),
      };
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return { exists: false };
      throw err;
    }
  }

  async put(bucket: string, key: string, body: Uint8Array): Promise<void> {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await (
      await this.s3()
    ).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip' }));
  }
}
