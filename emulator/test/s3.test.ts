// The emulated S3 through the real @aws-sdk/client-s3 (path-style on its own: the endpoint is an IP
// address): binary uploads arrive byte for byte, versioning gives version ids, HEAD errors are bare.
import {
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../src/index.js';

let emu: Emulator;
let s3: S3Client;

beforeAll(async () => {
  emu = await startEmulator();
  s3 = new S3Client({
    endpoint: emu.urls.s3,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAEMULATORSTATIC01', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
});
afterAll(() => emu.close());
beforeEach(() => emu.s3.reset());

test('PutObject stores the bytes exactly; HeadObject and GetObject read them back', async () => {
  emu.s3.createBucket('artifacts');
  const body = randomBytes(70_000);
  const put = await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'agents/a.zip', Body: body }));
  expect(put.VersionId).toBeUndefined();
  expect(emu.s3.object('artifacts', 'agents/a.zip')!.body.equals(body)).toBe(true);
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'agents/a.zip' }));
  expect(head.ContentLength).toBe(body.length);
  expect(head.ETag).toBe(put.ETag);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'agents/a.zip' }));
  expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  expect(emu.requests.filter((r) => r.service === 's3').map((r) => r.path)).toContain(
    '/artifacts/agents/a.zip',
  );
});

test('a versioned bucket gives each put a version id, and HEAD names the current one', async () => {
  emu.s3.createBucket('versioned');
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }),
  );
  expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned' }))).Status).toBe('Enabled');
  const first = await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'k.zip', Body: 'one' }));
  const second = await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'k.zip', Body: 'two' }));
  expect(first.VersionId).toBeTruthy();
  expect(second.VersionId).not.toBe(first.VersionId);
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'versioned', Key: 'k.zip' }));
  expect(head.VersionId).toBe(second.VersionId);
  const old = await s3.send(
    new HeadObjectCommand({ Bucket: 'versioned', Key: 'k.zip', VersionId: first.VersionId }),
  );
  expect(old.ContentLength).toBe(3);
});

test('a missing key is NotFound, or Forbidden without list permission; a denied put is AccessDenied', async () => {
  emu.s3.createBucket('artifacts');
  const missing = await s3
    .send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'nope' }))
    .catch((e: Error) => e);
  expect(missing).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 } });
  emu.s3.listBucketAllowed = false;
  const hidden = await s3
    .send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'nope' }))
    .catch((e: Error) => e);
  expect(hidden).toMatchObject({ $metadata: { httpStatusCode: 403 } });
  emu.s3.denied.add('s3:PutObject');
  const denied = await s3
    .send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'k', Body: 'x' }))
    .catch((e: Error) => e);
  expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  expect(emu.s3.puts).toEqual([]);
});
