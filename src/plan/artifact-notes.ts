// What a change of artifact means, in words a reviewer scans for: an image URI whose tag stayed but whose
// digest moved is a re-pushed tag, which is exactly the change a tag-only deploy would have missed.
import type { FieldChange } from './diff.js';

const CONTAINER_URI = 'agentRuntimeArtifact.containerConfiguration.containerUri';
// Docker's tag grammar and hex digests only: the notes go into markdown unescaped, so nothing else passes.
const PINNED = /^(.*?)(?::([\w][\w.-]{0,127}))?@(sha256:[0-9a-f]{64})$/;

export function artifactNotes(changes: readonly FieldChange[]): string[] {
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

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
