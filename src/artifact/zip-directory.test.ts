import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { PackagingError, zipDirectory } from './zip-directory.js';

function makeDir(files: Record<string, string | Uint8Array>, modes: Record<string, number> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'acd-zip-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    chmodSync(join(root, path), modes[path] ?? 0o600);
  }
  return root;
}

const AGENT = {
  'main.py': 'print("hello")\n',
  'lib/util.py': 'X = 1\n',
  'lib/__pycache__/util.cpython-313.pyc': 'cache',
  'stale.pyc': 'cache',
  '.git/HEAD': 'ref: refs/heads/main\n',
  'bin/run.sh': '#!/bin/sh\nexec python main.py\n',
  'README.md': '# agent\n',
};

/** The central directory's records: name, DOS time and date, creator OS and Unix mode. */
function centralDirectory(zip: Uint8Array) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const records = [];
  for (let at = 0; at + 46 <= zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    records.push({
      name: Buffer.from(zip.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
      os: zip[at + 5],
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      mode: (view.getUint32(at + 38, true) >>> 16) & 0o777,
    });
    at += 45 + nameLength;
  }
  return records;
}

test('identical content zips to identical bytes, whatever the files’ times, permissions bits and order of creation', () => {
  const first = makeDir(AGENT, { 'bin/run.sh': 0o700 });
  const reversed = Object.fromEntries(Object.entries(AGENT).reverse());
  const second = makeDir(reversed, { 'bin/run.sh': 0o755, 'main.py': 0o664 });
  utimesSync(join(second, 'main.py'), new Date('2001-02-03'), new Date('2001-02-03'));
  const a = zipDirectory(first);
  const b = zipDirectory(second);
  expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(a.sha256).toBe(b.sha256);
});

test('entries are sorted, caches and .git left out, with fixed timestamps and modes 0644/0755', () => {
  const zipped = zipDirectory(makeDir(AGENT, { 'bin/run.sh': 0o700 }));
  expect(zipped.entries).toEqual(['README.md', 'bin/run.sh', 'lib/util.py', 'main.py']);
  const records = centralDirectory(zipped.bytes);
  expect(records.map((r) => r.name)).toEqual(zipped.entries);
  for (const r of records) {
    expect(r.os).toBe(3); // Unix, so the modes are read
    expect(r.time).toBe(0); // 00:00:00
    expect(r.date).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01, the same in every time zone
    expect(r.mode).toBe(r.name === 'bin/run.sh' ? 0o755 : 0o644);
  }
  const unzipped = unzipSync(zipped.bytes);
  expect(Buffer.from(unzipped['main.py']).toString()).toBe(AGENT['main.py']);
});

test('one changed byte gives a different zip and hash', () => {
  const before = zipDirectory(makeDir(AGENT));
  const after = zipDirectory(makeDir({ ...AGENT, 'lib/util.py': 'X = 2\n' }));
  expect(after.sha256).not.toBe(before.sha256);
});

test('code-exclude globs: a pattern without a slash matches at any depth; a directory pattern drops the directory', () => {
  const root = makeDir({ ...AGENT, 'tests/test_main.py': 'x', 'docs/a/notes.md': 'x', 'lib/data.csv': 'x' });
  const zipped = zipDirectory(root, { exclude: ['*.md', 'tests', 'lib/*.csv'] });
  expect(zipped.entries).toEqual(['bin/run.sh', 'lib/util.py', 'main.py']);
});

test('a symlink inside the directory is zipped as its target’s content; one pointing outside is refused', () => {
  const root = makeDir(AGENT);
  symlinkSync('main.py', join(root, 'app.py'));
  expect(Buffer.from(unzipSync(zipDirectory(root).bytes)['app.py']).toString()).toBe(AGENT['main.py']);
  const outside = makeDir({ 'secret.txt': 'x' });
  symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
  expect(() => zipDirectory(root)).toThrow(PackagingError);
  expect(() => zipDirectory(root)).toThrow(/leak\.txt is a symbolic link to .*outside the code directory/);
});

test('a zip over the size limit is refused, naming the limit', () => {
  const root = makeDir({ 'big.bin': new Uint8Array(pseudoRandomBytes(200_000)) });
  expect(() => zipDirectory(root, { maxBytes: 100_000 })).toThrow(/larger than 97\.7 KB/);
});

test('ELF binaries are reported with the CPU they were built for', () => {
  const elf = (machine: number) => {
    const header = new Uint8Array(64);
    header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    header[18] = machine;
    return header;
  };
  const zipped = zipDirectory(makeDir({ 'main.py': 'x', 'lib/fast.so': elf(0x3e), 'lib/ok.so': elf(0xb7) }));
  expect(zipped.elfFiles).toEqual([
    { path: 'lib/fast.so', machine: 'x86-64', aarch64: false },
    { path: 'lib/ok.so', machine: 'aarch64', aarch64: true },
  ]);
});

function pseudoRandomBytes(n: number): Uint8Array {
  // Incompressible bytes without depending on crypto's randomness: a linear congruential sequence.
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
  return out;
}
