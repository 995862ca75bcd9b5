// Which platforms an image runs on, from its manifest: an image index (Docker manifest list, OCI index)
// lists them; a single-platform manifest says so only in its config blob, which is fetched separately.
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const INDEX_TYPES = [
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
];

/** Every media type BatchGetImage should accept, so that an index comes back as an index. */
export const ACCEPTED_MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

export type ManifestPlatforms =
  { kind: 'index'; platforms: Platform[] } | { kind: 'image'; configDigest: string } | { kind: 'unknown' };

export function readManifest(manifest: string, mediaType: string | undefined): ManifestPlatforms {
  let parsed: { mediaType?: string; manifests?: { platform?: Platform }[]; config?: { digest?: string } };
  try {
    parsed = JSON.parse(manifest);
  } catch {
    return { kind: 'unknown' };
  }
  const type = mediaType ?? parsed.mediaType ?? '';
  if (INDEX_TYPES.includes(type) || Array.isArray(parsed.manifests)) {
    const platforms = (parsed.manifests ?? []).flatMap((m) => (m.platform ? [m.platform] : []));
    // BuildKit's attestation manifests say unknown/unknown: not a platform the image runs on.
    return { kind: 'index', platforms: platforms.filter((p) => p.os !== 'unknown') };
  }
  const configDigest = parsed.config?.digest;
  return configDigest ? { kind: 'image', configDigest } : { kind: 'unknown' };
}

/** The platform an image config blob (`{ "os": …, "architecture": … }`) describes. */
export function platformOfConfig(config: string): Platform | undefined {
  try {
    const { os, architecture, variant } = JSON.parse(config) as Partial<Platform>;
    return os && architecture ? { os, architecture, ...(variant && { variant }) } : undefined;
  } catch {
    return undefined;
  }
}

export const runsOnArm64 = (platforms: Platform[]): boolean =>
  platforms.some((p) => p.os === 'linux' && p.architecture === 'arm64');

export const describePlatforms = (platforms: Platform[]): string =>
  platforms.length === 0
    ? 'no platform'
    : platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`).join(', ');
