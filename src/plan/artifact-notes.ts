// What a change of artifact means, in words a reviewer scans for: new content published under a name that
// stayed — an image re-pushed under its tag, a zip re-uploaded to its key — is exactly the change a deploy
// by name alone would have missed.
import type { FieldChange } from './diff.js';

const CONTAINER_URI = 'agentRuntimeArtifact.containerConfiguration.containerUri';
const CODE_S3 = 'agentRuntimeArtifact.codeConfiguration.code.s3';
// Docker's tag grammar, hex digests and S3's version-id alphabet only: the notes go into markdown
// unescaped, so nothing else passes.
const PINNED = /^(.*?)(?::([\w][\w.-]{0,127}))?@(sha256:[0-9a-f]{64})$/;
/** A key code-path names by content: `<prefix><sha256>.zip`. */
const CONTENT_KEY = /^(.*?)([0-9a-f]{64})\.zip$/;
const VERSION_ID = /^[\w.-]{1,1024}$/;

export function artifactNotes(changes: readonly FieldChange[]): string[] {
  return [...imageNotes(changes), ...codeNotes(changes)];
}

function imageNotes(changes: readonly FieldChange[]): string[] {
  const change = changes.find((c) => c.path === CONTAINER_URI && c.action === 'change');
  if (typeof change?.before !== 'string' || typeof change.after !== 'string') return [];
  const after = PINNED.exec(change.after);
  if (!after?.[2]) return [];
  const [, repository, tag, digest] = after;
  const before = PINNED.exec(change.before);
  if (before && before[1] === repository && before[2] === tag && before[3] !== digest)
    return [`image re-pushed under tag ${tag} (digest ${short(before[3])}… -> ${short(digest)}…)`];
  if (!before && change.before === `${repository}:${tag}`)
    return [`image tag ${tag} pinned to its digest ${short(digest)}… (it was deployed by tag alone)`];
  return [];
}

function codeNotes(changes: readonly FieldChange[]): string[] {
  const at = (field: string) => changes.find((c) => c.path === `${CODE_S3}.${field}`);
  // Another bucket is a move, not new content under the same name: the table says it.
  if (at('bucket')) return [];
  const key = at('prefix');
  if (key) {
    if (key.action !== 'change' || typeof key.before !== 'string' || typeof key.after !== 'string') return [];
    const before = CONTENT_KEY.exec(key.before);
    const after = CONTENT_KEY.exec(key.after);
    if (before && after && before[1] === after[1])
      return [`code changed: a new zip by content hash (${short(before[2])}… -> ${short(after[2])}…)`];
    return [];
  }
  const version = at('versionId');
  if (typeof version?.after !== 'string' || !VERSION_ID.test(version.after)) return [];
  if (version.action === 'change' && typeof version.before === 'string' && VERSION_ID.test(version.before))
    return [
      `code re-uploaded to the same S3 key (version ${short(version.before)}… -> ${short(version.after)}…)`,
    ];
  if (version.action === 'add')
    return [`code pinned to its S3 object version ${short(version.after)}… (it was deployed by key alone)`];
  return [];
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
