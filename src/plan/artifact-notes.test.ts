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
