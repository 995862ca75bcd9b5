// Amazon S3 over restXml, path-style (the SDK addresses an endpoint that is an IP address path-style on
// its own): HeadObject, PutObject, GetObject, and Get/PutBucketVersioning. Versioning behaves as in S3:
// an unversioned bucket answers without `x-amz-version-id`, a versioned one gives every put a new
// version id and HEAD the current one. HEAD errors have no body (the SDK names them by status:
// NotFound, Forbidden); S3 answers 403 rather than 404 for a missing key when the caller may not list
// the bucket, which `listBucketAllowed: false` reproduces. Bodies sent `aws-chunked` (the SDK's trailing
// checksums) are decoded.
import { createHash, randomBytes } from 'node:crypto';
import {
  takeInjectedError,
  type EmulatorRequest,
  type EmulatorResponse,
  type Handler,
  type ServiceFaults,
} from './http.js';

export type S3Action = 's3:GetObject' | 's3:PutObject' | 's3:GetBucketVersioning' | 's3:PutBucketVersioning';

export interface StoredObject {
  body: Buffer;
  versionId: string | null;
  etag: string;
  lastModified: Date;
}

interface Bucket {
  versioning: 'Enabled' | 'Suspended' | undefined;
  /** Every version of every key, newest last. */
  objects: Map<string, StoredObject[]>;
}

export interface S3State {
  /** Actions the caller's policy does not allow: 403 AccessDenied. */
  denied: Set<S3Action>;
  /** Without s3:ListBucket, S3 answers a HEAD or GET of a missing key with 403, not 404. Default true. */
  listBucketAllowed: boolean;
  createBucket(name: string, options?: { versioning?: boolean }): void;
  /** The current version of a key, as a test would read it back. */
  object(bucket: string, key: string): StoredObject | undefined;
  /** Every PutObject the service accepted, in order. */
  puts: { bucket: string; key: string; size: number }[];
  reset(): void;
}

export function createS3Service(
  options: { accountId: string },
  faults: ServiceFaults,
): { handler: Handler; state: S3State } {
  const buckets = new Map<string, Bucket>();
  const state: S3State = {
    denied: new Set(),
    listBucketAllowed: true,
    puts: [],
    createBucket(name, { versioning = false } = {}) {
      buckets.set(name, { versioning: versioning ? 'Enabled' : undefined, objects: new Map() });
    },
    object(bucket, key) {
      return buckets.get(bucket)?.objects.get(key)?.at(-1);
    },
    reset() {
      buckets.clear();
      state.denied.clear();
      state.listBucketAllowed = true;
      state.puts.length = 0;
    },
  };

  const handler: Handler = (req) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const auth = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/.exec(
      String(req.headers.authorization ?? ''),
    );
    if (!auth) return s3Error(403, 'AccessDenied', 'Access Denied', requestId, req.method);
    if (auth[1] !== 's3')
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        `Credential should be scoped to correct service: 's3'.`,
        requestId,
        req.method,
      );
    const injected = takeInjectedError(faults);
    if (injected?.kind === 'throttle')
      return s3Error(503, 'SlowDown', 'Please reduce your request rate.', requestId, req.method);
    if (injected)
      return s3Error(
        injected.status,
        'InternalError',
        'We encountered an internal error. Please try again.',
        requestId,
        req.method,
      );

    const [, bucketName = '', ...keyParts] = req.path.split('/');
    const key = keyParts.join('/');
    const bucket = buckets.get(bucketName);
    if (!bucketName)
      return s3Error(
        400,
        'InvalidRequest',
        'No bucket in the path (the emulator is path-style)',
        requestId,
        req.method,
      );
    const deny = (action: S3Action) =>
      state.denied.has(action)
        ? s3Error(403, 'AccessDenied', 'Access Denied', requestId, req.method)
        : undefined;
    if (!key && req.query.has('versioning')) {
      if (req.method === 'GET') {
        const denied = deny('s3:GetBucketVersioning');
        if (denied) return denied;
        if (!bucket) return noSuchBucket(bucketName, requestId, req.method);
        return xml(
          200,
          `<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${bucket.versioning ? `<Status>${bucket.versioning}</Status>` : ''}</VersioningConfiguration>`,
          requestId,
        );
      }
      if (req.method === 'PUT') {
        const denied = deny('s3:PutBucketVersioning');
        if (denied) return denied;
        if (!bucket) return noSuchBucket(bucketName, requestId, req.method);
        const status = /<Status>(Enabled|Suspended)<\/Status>/.exec(req.body)?.[1] as Bucket['versioning'];
        bucket.versioning = status;
        return { status: 200, headers: { 'x-amz-request-id': requestId } };
      }
    }
    if (!key)
      return s3Error(
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        requestId,
        req.method,
      );
    switch (req.method) {
      case 'HEAD':
      case 'GET': {
        const denied = deny('s3:GetObject');
        if (denied) return denied;
        if (!bucket) return noSuchBucket(bucketName, requestId, req.method);
        const versions = bucket.objects.get(key) ?? [];
        const wanted = req.query.get('versionId');
        const object = wanted ? versions.find((v) => (v.versionId ?? 'null') === wanted) : versions.at(-1);
        if (!object)
          return state.listBucketAllowed
            ? s3Error(404, 'NoSuchKey', 'The specified key does not exist.', requestId, req.method)
            : s3Error(403, 'AccessDenied', 'Access Denied', requestId, req.method);
        return {
          status: 200,
          headers: {
            'x-amz-request-id': requestId,
            'content-type': 'application/zip',
            'content-length': String(object.body.length),
            etag: object.etag,
            'last-modified': object.lastModified.toUTCString(),
            ...(object.versionId !== null && { 'x-amz-version-id': object.versionId }),
          },
          body: req.method === 'GET' ? object.body : undefined,
        };
      }
      case 'PUT': {
        const denied = deny('s3:PutObject');
        if (denied) return denied;
        if (!bucket) return noSuchBucket(bucketName, requestId, req.method);
        const body = decodeBody(req);
        const object: StoredObject = {
          body,
          versionId: bucket.versioning === 'Enabled' ? randomBytes(24).toString('base64url') : null,
          etag: `"${createHash('md5').update(body).digest('hex')}"`,
          lastModified: new Date(),
        };
        const versions = bucket.objects.get(key) ?? [];
        // Unversioned (or suspended) buckets overwrite the null version.
        bucket.objects.set(key, [
          ...versions.filter((v) => (object.versionId === null ? v.versionId !== null : true)),
          object,
        ]);
        state.puts.push({ bucket: bucketName, key, size: body.length });
        return {
          status: 200,
          headers: {
            'x-amz-request-id': requestId,
            etag: object.etag,
            ...(object.versionId !== null && { 'x-amz-version-id': object.versionId }),
          },
        };
      }
      default:
        return s3Error(
          405,
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
          requestId,
          req.method,
        );
    }
  };
  void options;
  return { handler, state };
}

/** `aws-chunked` (with or without trailing checksums): `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n`. */
function decodeBody(req: EmulatorRequest): Buffer {
  const encoding = String(req.headers['content-encoding'] ?? '');
  if (!encoding.includes('aws-chunked')) return req.rawBody;
  const raw = req.rawBody;
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1').split(';')[0], 16);
    if (!size) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const xml = (status: number, body: string, requestId: string): EmulatorResponse => ({
  status,
  headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

/** S3's error document; a HEAD gets the status alone, as from S3. */
function s3Error(
  status: number,
  code: string,
  message: string,
  requestId: string,
  method: string,
): EmulatorResponse {
  if (method === 'HEAD') return { status, headers: { 'x-amz-request-id': requestId } };
  return xml(
    status,
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
    requestId,
  );
}

const noSuchBucket = (name: string, requestId: string, method: string) =>
  s3Error(404, 'NoSuchBucket', `The specified bucket does not exist: ${name}`, requestId, method);
