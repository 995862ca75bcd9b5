// The part of a deploy's job summary about the release: the smoke test, the named endpoint's move, and
// the exact inputs that roll back (or, after a failed smoke test, promote by hand).
import { inlineCode } from './escape-markdown.js';

export interface ReleaseSummary {
  endpointName?: string;
  /** The version the run meant to serve (the new one, or the pinned one). */
  version: string;
  /** The version the endpoint served before the run. */
  previousVersion?: string;
  /** The version the endpoint serves after the run (as last seen). */
  servedVersion?: string;
  pinned: boolean;
  smoke?: { passed: boolean; why?: string };
  /** The promotion failed (endpoint *_FAILED, or a timeout). */
  promotionFailed?: string;
}

export function renderReleaseSummary(release: ReleaseSummary): string[] {
  const { endpointName, version, previousVersion } = release;
  const lines: string[] = ['### Release', ''];
  if (release.smoke)
    lines.push(
      release.smoke.passed
        ? `✅ Smoke test: version ${version} answered.`
        : `❌ Smoke test of version ${version} failed: ${release.smoke.why ?? 'see the log'}`,
      '',
    );
  if (!endpointName) return release.smoke ? lines : [];
  const name = inlineCode(endpointName, 'prose');
  const pinInput = (v: string) => inlineCode(`endpoint-version: ${v}`, 'prose');
  if (release.smoke && !release.smoke.passed) {
    lines.push(
      `⚠️ Version ${version} exists but was **not promoted**: ${name} still serves ` +
        `${previousVersion ? `version ${previousVersion}` : 'nothing (it was not created)'}.`,
      '',
      `- to promote version ${version} by hand anyway: ${inlineCode(`endpoint-name: ${endpointName}`, 'prose')} with ${pinInput(version)}`,
      ...(previousVersion
        ? [`- to roll back (keep ${name} on version ${previousVersion}): ${pinInput(previousVersion)}`]
        : []),
    );
    return lines;
  }
  if (release.promotionFailed) {
    lines.push(
      `❌ Moving ${name} to version ${version} failed: ${release.promotionFailed}`,
      '',
      `${name} serves ${release.servedVersion ? `version ${release.servedVersion}` : 'no version'}.` +
        (previousVersion ? ` To roll back: ${pinInput(previousVersion)}` : ''),
    );
    return lines;
  }
  if (previousVersion === version) {
    lines.push(`${name} already served version ${version}; nothing moved.`);
    return lines;
  }
  const moved = previousVersion ? `${previousVersion} → **${version}**` : `**${version}** (created)`;
  lines.push(
    `| Endpoint | Version |`,
    `|---|---|`,
    `| ${inlineCode(endpointName)} | ${moved} |`,
    '',
    ...(release.pinned ? [`Pinned ${name} to version ${version}; the runtime was not touched.`, ''] : []),
    previousVersion
      ? `${release.pinned ? 'Moved' : 'Rolled forward'} from ${previousVersion}; to roll back: ${pinInput(previousVersion)}`
      : `${name} was created on version ${version}.`,
  );
  return lines;
}
