// Bundle size: the entry and every chunk ncc emits into dist/ (code a plain deploy may not need is in
// lazy chunks, loaded by `await import()` when used), raw and gzipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../run-action.js';
import { printTable, verdict } from './report.js';

/** The target for dist/index.js. */
const ENTRY_TARGET_BYTES = 1.4e6;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** What a lazy chunk holds, recognised by a string only that code contains (the entry holds the rest). */
const CHUNK_MARKERS: [string, string][] = [
  ['@aws-sdk/client-ecr', 'AmazonEC2ContainerRegistry_V20150921'],
  ['@aws-sdk/client-s3', 'AmazonS3'],
  ['@aws-sdk/client-bedrock-agentcore', 'InvokeAgentRuntime'],
  ['fflate', 'zipSync'],
  ['picomatch', 'picomatch'],
  ['code packaging', 'packageCode'],
  ['yaml', 'YAMLParseError'],
  ['config-file reading', 'config-file is resolved against'],
  ['@actions/github (Octokit)', 'before-after-hook'],
  ['plan mode', 'Plan mode: read-only calls'],
  ['require-reviewed-plan', 'require-reviewed-plan'],
];

export async function bundle(): Promise<void> {
  const dist = join(repoRoot, 'dist');
  const files = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(join(dist, file));
      const text = content.toString('utf8');
      const holds = CHUNK_MARKERS.filter(([, marker]) => text.includes(marker)).map(([name]) => name);
      return { file, bytes: statSync(join(dist, file)).size, gzip: gzipSync(content).length, holds };
    })
    .sort((a, b) => (a.file === 'index.js' ? -1 : b.file === 'index.js' ? 1 : b.bytes - a.bytes));
  const entry = files.find((f) => f.file === 'index.js')!;
  const total = files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzip }), {
    bytes: 0,
    gzip: 0,
  });
  printTable(
    'Bundle (dist/*.js)',
    ['file', 'size', 'gzipped', 'kind', 'holds'],
    [
      ...files.map((f) => [
        f.file,
        mb(f.bytes),
        mb(f.gzip),
        f.file === 'index.js' ? 'entry' : 'lazy chunk',
        f.file === 'index.js' ? 'everything else' : f.holds.join(', ') || '?',
      ]),
      ['all', mb(total.bytes), mb(total.gzip), '', ''],
    ],
    [
      `dist/index.js target <= ${mb(ENTRY_TARGET_BYTES)}: ${verdict(entry.bytes <= ENTRY_TARGET_BYTES)} (${mb(entry.bytes)})`,
      'peers (peers.md): ecs-deploy 2.6 MB, lambda-deploy 3.9 MB, cloudformation-deploy 3.4 MB',
    ],
  );
}
