import { artifactNotes } from './artifact-notes.js';
import type { FieldChange } from './diff.js';

const REPO = '123456789012.dkr.ecr.us-east-1.amazonaws.com/agent';
const A = `sha256:${'a1b2c3d4e5f6'.padEnd(64, '0')}`;
const C = `sha256:${'c3d4e5f6a7b8'.padEnd(64, '1')}`;
const uriChange = (before: string, after: string): FieldChange[] => [
  {
    path: 'agentRuntimeArtifact.containerConfiguration.containerUri',
    action: 'change',
    before,
    after,
    sensitive: false,
  },
];

test('a tag whose digest moved is a re-push', () => {
  expect(artifactNotes(uriChange(`${REPO}:v1@${A}`, `${REPO}:v1@${C}`))).toEqual([
    'image re-pushed under tag v1 (digest a1b2c3d4e5f6… -> c3d4e5f6a7b8…)',
  ]);
});

test('a runtime deployed by tag alone, now pinned', () => {
  expect(artifactNotes(uriChange(`${REPO}:v1`, `${REPO}:v1@${C}`))).toEqual([
    'image tag v1 pinned to its digest c3d4e5f6a7b8… (it was deployed by tag alone)',
  ]);
});

test('a new tag, or a tag that markdown could misread, says nothing extra (the table shows the change)', () => {
  expect(artifactNotes(uriChange(`${REPO}:v1@${A}`, `${REPO}:v2@${C}`))).toEqual([]);
  expect(artifactNotes(uriChange(`${REPO}:<b>@${A}`, `${REPO}:<b>@${C}`))).toEqual([]);
  expect(artifactNotes([])).toEqual([]);
});

describe('code', () => {
  const S3 = 'agentRuntimeArtifact.codeConfiguration.code.s3';
  const change = (field: string, before: string | undefined, after: string | undefined): FieldChange => ({
    path: `${S3}.${field}`,
    action: before === undefined ? 'add' : after === undefined ? 'clear' : 'change',
    sensitive: false,
    ...(before !== undefined && { before }),
    ...(after !== undefined && { after }),
  });
  const HASH_A = 'a1b2c3d4e5f6'.padEnd(64, '0');
  const HASH_C = 'c3d4e5f6a7b8'.padEnd(64, '1');

  test('a zip re-uploaded to the same key: its version moved', () => {
    expect(
      artifactNotes([
        change('versionId', '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrH', 'Ua8ks0g2_xnR1v7gyKCD.1pRqq8cOt4K'),
      ]),
    ).toEqual(['code re-uploaded to the same S3 key (version 3HL4kqtJlcpX… -> Ua8ks0g2_xnR…)']);
  });

  test('an object deployed by key alone, now pinned to its version', () => {
    expect(artifactNotes([change('versionId', undefined, 'Ua8ks0g2_xnR1v7gyKCD.1pRqq8cOt4K')])).toEqual([
      'code pinned to its S3 object version Ua8ks0g2_xnR… (it was deployed by key alone)',
    ]);
  });

  test('code-path: a new zip under the same prefix', () => {
    expect(
      artifactNotes([change('prefix', `agents/support/${HASH_A}.zip`, `agents/support/${HASH_C}.zip`)]),
    ).toEqual(['code changed: a new zip by content hash (a1b2c3d4e5f6… -> c3d4e5f6a7b8…)']);
  });

  test('another key, another bucket, a version dropped or one markdown could misread: nothing extra', () => {
    expect(artifactNotes([change('prefix', 'agent-v1.zip', 'agent-v2.zip')])).toEqual([]);
    expect(
      artifactNotes([change('prefix', `a/${HASH_A}.zip`, `b/${HASH_C}.zip`), change('versionId', 'x', 'y')]),
    ).toEqual([]);
    expect(
      artifactNotes([change('bucket', 'old', 'new'), change('versionId', 'v1xxxxxxxxxx', 'v2xxxxxxxxxx')]),
    ).toEqual([]);
    expect(artifactNotes([change('versionId', 'v1xxxxxxxxxx', undefined)])).toEqual([]);
    expect(artifactNotes([change('versionId', 'v1', '<b>v2')])).toEqual([]);
  });
});
