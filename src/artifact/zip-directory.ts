// Zips a directory reproducibly: the same files give the same bytes on any machine and any day, so the
// zip's sha256 can name the S3 object and an unchanged directory is recognised as unchanged. Entries
// are sorted, carry a fixed timestamp, Unix modes 0644/0755 and no other metadata (no owner, no
// extended timestamps, no directory entries). Caches and VCS data are always left out.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import picomatch from 'picomatch';
import { GLOB_OPTIONS } from '../inputs/artifact-settings.js';
import { ELF_HEADER_BYTES, elfMachine } from './elf.js';

/** AgentCore's limit for a zipped code artifact. */
export const MAX_ZIP_BYTES = 250 * 1024 * 1024;
/** Always excluded: Python caches and version control data. */
export const ALWAYS_EXCLUDED = ['**/__pycache__', '**/*.pyc', '**/.git'];
/** DOS timestamps are local time: built from local fields, this reads back as 1980-01-01 00:00 everywhere. */
const FIXED_TIME = () => new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;

export interface ZippedDirectory {
  bytes: Uint8Array;
  /** Hex sha256 of the zip's bytes. */
  sha256: string;
  /** Entry names, in zip order (posix paths relative to the directory). */
  entries: string[];
  /** ELF binaries found, with the CPU each was built for. */
  elfFiles: { path: string; machine: string; aarch64: boolean }[];
}

export class PackagingError extends Error {
  override name = 'PackagingError';
}

/** A matcher for exclude globs (gitignore-like: a pattern without a slash matches at any depth). */
export function excludeMatcher(patterns: readonly string[]): (path: string) => boolean {
  const all = [...ALWAYS_EXCLUDED, ...patterns].map((p) => p.replace(/\/+$/, ''));
  const anywhere = all.filter((p) => !p.includes('/'));
  const rooted = all.filter((p) => p.includes('/'));
  const byName = anywhere.length > 0 ? picomatch(anywhere, { ...GLOB_OPTIONS, basename: true }) : () => false;
  const byPath = rooted.length > 0 ? picomatch(rooted, GLOB_OPTIONS) : () => false;
  return (path) => byName(path) || byPath(path);
}

export function zipDirectory(
  root: string,
  options: { exclude?: readonly string[]; maxBytes?: number } = {},
): ZippedDirectory {
  const excluded = excludeMatcher(options.exclude ?? []);
  const maxBytes = options.maxBytes ?? MAX_ZIP_BYTES;
  const files = listFiles(root, excluded).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const chunks: Uint8Array[] = [];
  let size = 0;
  let failure: Error | null = null;
  // fflate calls back synchronously with each piece of output (ZipDeflate is the synchronous kind).
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else {
      size += chunk.length;
      chunks.push(chunk);
    }
  });
  const tooLarge = () =>
    new PackagingError(
      `the zipped code is larger than ${formatBytes(maxBytes)} (AgentCore's limit for a code artifact): ` +
        'exclude what the agent does not need with code-exclude, or deploy a container image',
    );
  const elfFiles: ZippedDirectory['elfFiles'] = [];
  for (const file of files) {
    const data = readFileSync(file.absolute);
    const elf = elfMachine(data.subarray(0, ELF_HEADER_BYTES));
    if (elf) elfFiles.push({ path: file.path, machine: elf.name, aarch64: elf.aarch64 });
    const entry = new ZipDeflate(file.path, { level: 6 });
    // A streamed entry takes its metadata as properties, not constructor options.
    entry.mtime = FIXED_TIME();
    entry.os = UNIX;
    entry.attrs = ((REGULAR_FILE | (file.executable ? 0o755 : 0o644)) << 16) >>> 0;
    zip.add(entry);
    entry.push(data, true);
    if (failure) throw failure;
    if (size > maxBytes) throw tooLarge();
  }
  zip.end();
  if (failure) throw failure;
  if (size > maxBytes) throw tooLarge();
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return {
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    entries: files.map((f) => f.path),
    elfFiles,
  };
}

interface FileToZip {
  path: string;
  absolute: string;
  executable: boolean;
}

/**
 * Every regular file under root that no pattern excludes. A symlink is followed when it stays inside
 * the directory (its target's content is zipped under the link's name) and refused when it leaves it:
 * the zip would carry files from elsewhere on the runner.
 */
function listFiles(root: string, excluded: (path: string) => boolean): FileToZip[] {
  const realRoot = realpathSync(root);
  const files: FileToZip[] = [];
  const visited = new Set<string>([realRoot]);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const absolute = join(dir, name);
      const path = relative(root, absolute).split(sep).join('/');
      if (excluded(path)) continue;
      let stat = lstatSync(absolute);
      if (stat.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(absolute);
        } catch {
          throw new PackagingError(`${path} is a symbolic link to a file that does not exist`);
        }
        if (target !== realRoot && !target.startsWith(realRoot + sep))
          throw new PackagingError(
            `${path} is a symbolic link to ${target}, outside the code directory: copy what it points to into the directory, or exclude it with code-exclude`,
          );
        stat = statSync(absolute);
        if (stat.isDirectory()) {
          if (visited.has(target)) continue; // a link back up the tree would loop forever
          visited.add(target);
        }
      }
      if (stat.isDirectory()) walk(absolute);
      else if (stat.isFile()) files.push({ path, absolute, executable: (stat.mode & 0o111) !== 0 });
    }
  };
  walk(root);
  return files;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
