// A container URI taken apart: which registry (account and region) holds the repository, and whether
// the URI names the image by tag, by digest, or both (`repo:tag@sha256:…`, what a pinned deploy sends).
const PRIVATE_ECR =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@]+)(?::([^:@]+))?(?:@(.+))?$/;
const PUBLIC_ECR = /^public\.ecr\.aws\//;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export interface EcrImageRef {
  kind: 'ecr';
  registryId: string;
  region: string;
  repository: string;
  tag?: string;
  digest?: string;
}

export type ImageRef = EcrImageRef | { kind: 'public' } | { kind: 'other' };

export function parseImageUri(uri: string): ImageRef {
  if (PUBLIC_ECR.test(uri)) return { kind: 'public' };
  const m = PRIVATE_ECR.exec(uri);
  if (!m) return { kind: 'other' };
  const [, registryId, region, , repository, tag, digest] = m;
  return { kind: 'ecr', registryId, region, repository, ...(tag && { tag }), ...(digest && { digest }) };
}

export const isSha256Digest = (text: string): boolean => DIGEST.test(text);

/** The URI with `@digest` after its tag (replacing any digest it had). */
export function withDigest(uri: string, digest: string): string {
  const at = uri.indexOf('@');
  return `${at < 0 ? uri : uri.slice(0, at)}@${digest}`;
}

/** `sha256:a1b2c3d4e5f6…` → `a1b2c3d4e5f6`, the part people compare at a glance. */
export const shortDigest = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12);
