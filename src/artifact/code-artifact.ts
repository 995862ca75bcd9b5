// Code from code-path: zipped reproducibly, checked (entry point at the root, no binaries for another
// CPU), named by content hash and uploaded only when that key is absent, so an unchanged directory
// deploys as a no-op and any change as an update. Loaded only when code-path is used (with the zip
// library, a separate chunk of the bundle).
import type { ObjectStore } from '../aws/object-store.js';
import { errorMessage } from '../aws/errors.js';
import { ArtifactRefusedError, type ArtifactLog } from './artifact-errors.js';
import { formatBytes, PackagingError, zipDirectory } from './zip-directory.js';

/** Whether the runtime, READY, already runs the code at this bucket and key. */
export type RunsCode = (bucket: string, key: string) => Promise<boolean>;

/** ELF files named in a refusal; the rest are counted. */
const LISTED_BINARIES = 5;

export interface PackagedCode {
  bucket: string;
  key: string;
  /** True when this run uploaded the zip (deploy mode and the key was absent). */
  uploaded: boolean;
  bytes: number;
}

export async function packageCode(
  options: {
    directory: string;
    /** As the user wrote it, for messages. */
    directoryInput: string;
    exclude: readonly string[];
    bucket: string;
    prefix: string;
    entryPoint: readonly string[];
    checkArchitecture: boolean;
    /** Plan mode computes the key and never writes. */
    upload: boolean;
  },
  store: () => ObjectStore,
  log: ArtifactLog,
  runsCode: RunsCode = async () => false,
): Promise<PackagedCode> {
  let zipped;
  try {
    zipped = zipDirectory(options.directory, { exclude: options.exclude });
  } catch (err) {
    if (err instanceof PackagingError) throw new ArtifactRefusedError('code-path', err.message);
    throw err;
  }
  const where = `code-path ${options.directoryInput}`;
  if (zipped.entries.length === 0)
    throw new ArtifactRefusedError('code-path', `${where} has no files to deploy (after exclusions)`);

  // The entry point's file is its last item (["opentelemetry-instrument", "main.py"] runs main.py).
  const entryFile = options.entryPoint.at(-1);
  if (entryFile && !zipped.entries.includes(entryFile))
    throw new ArtifactRefusedError(
      'code-entry-point',
      `${entryFile} is not in the zip made from ${where}: the entry point must be a path from the root of the ` +
        `directory (it has ${zipped.entries.slice(0, 5).join(', ')}${zipped.entries.length > 5 ? ', …' : ''}). ` +
        'Point code-path at the directory that holds it, or fix code-entry-point.',
    );

  const foreign = zipped.elfFiles.filter((f) => !f.aarch64);
  if (foreign.length > 0) {
    if (!options.checkArchitecture)
      log.warning(
        `${where} has ${foreign.length} binaries not built for aarch64; check-architecture is off.`,
      );
    else
      throw new ArtifactRefusedError(
        'code-path',
        `${where} has ${foreign.length} binar${foreign.length === 1 ? 'y' : 'ies'} not built for aarch64, and ` +
          `AgentCore runs on linux/arm64: ${foreign
            .slice(0, LISTED_BINARIES)
            .map((f) => `${f.path} (${f.machine})`)
            .join(
              ', ',
            )}${foreign.length > LISTED_BINARIES ? `, and ${foreign.length - LISTED_BINARIES} more` : ''}. ` +
          'Install dependencies for the target, e.g. pip install --platform manylinux2014_aarch64 ' +
          '--only-binary=:all: --target <dir> -r requirements.txt. (check-architecture: false skips this check.)',
      );
  }

  const key = `${options.prefix}${zipped.sha256}.zip`;
  const size = formatBytes(zipped.bytes.length);
  log.info(`Zipped ${where}: ${zipped.entries.length} files, ${size}, s3://${options.bucket}/${key}.`);
  if (!options.upload) return { bucket: options.bucket, key, uploaded: false, bytes: zipped.bytes.length };
  // Deployed from this very object, so it was there: a no-op neither asks S3 nor loads its client.
  if (await runsCode(options.bucket, key)) {
    log.info(`The runtime already runs s3://${options.bucket}/${key}: not looked up or uploaded again.`);
    return { bucket: options.bucket, key, uploaded: false, bytes: zipped.bytes.length };
  }

  let present = false;
  try {
    present = (await store().head(options.bucket, key)).exists;
  } catch (err) {
    // Without s3:ListBucket, S3 answers 403 for a missing key. Uploading the same bytes again is harmless.
    log.info(
      `Could not tell whether s3://${options.bucket}/${key} exists (${errorMessage(err)}); uploading it.`,
    );
  }
  if (present) log.info(`s3://${options.bucket}/${key} is already there (same content): not uploaded again.`);
  else {
    await store().put(options.bucket, key, zipped.bytes);
    log.info(`Uploaded s3://${options.bucket}/${key} (${size}).`);
  }
  return { bucket: options.bucket, key, uploaded: !present, bytes: zipped.bytes.length };
}
