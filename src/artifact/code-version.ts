// Code given directly (bucket and key) is pinned to the object's current version when the bucket is
// versioned, since a re-upload to the same key is otherwise invisible to the action and to AgentCore.
import type { ObjectStore } from '../aws/object-store.js';
import { errorMessage } from '../aws/errors.js';
import type { ArtifactLog } from './artifact-errors.js';

/**
 * A code object named by bucket and key, without a version id: pinned to the current version when the
 * bucket keeps versions; otherwise a warning, since re-uploading to the same key is not a change the
 * action (or AgentCore) can see.
 */
export async function pinCodeVersion(
  s3: { bucket: string; prefix: string },
  store: () => ObjectStore,
  log: ArtifactLog,
): Promise<string | undefined> {
  const where = `s3://${s3.bucket}/${s3.prefix}`;
  let head;
  try {
    head = await store().head(s3.bucket, s3.prefix);
  } catch (err) {
    log.warning(
      `Could not read ${where} (${errorMessage(err)}). Allow s3:GetObject on it to have the code pinned to its ` +
        'current version; it is deployed as given.',
    );
    return undefined;
  }
  if (!head.exists) {
    // Not a refusal: a workflow may upload it in a later step of a plan-then-deploy pipeline, and AgentCore
    // gives its own error if it is still missing at deploy time.
    log.warning(
      `${where} does not exist (yet): AgentCore needs it there when the runtime is deployed. Upload the ` +
        'zipped code first, or let the action package it with code-path.',
    );
    return undefined;
  }
  if (head.versionId) {
    log.info(`${where} is version ${head.versionId}: deploying that version.`);
    return head.versionId;
  }
  log.warning(
    `${s3.bucket} does not keep versions, so a re-upload to ${s3.prefix} is not detected: the runtime keeps ` +
      'running the code it has. Use code-path (the action names each zip by its content), a content-addressed ' +
      'key, or turn on versioning for the bucket.',
  );
  return undefined;
}
