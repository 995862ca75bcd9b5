import { MARKER_TAG_KEY } from '../plan/marker-tag.js';
import { checkSpecRules } from './spec-rules.js';

const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v']));

test('the marker tag key is reserved', () => {
  expect(checkSpecRules({ tags: { team: 'a', [MARKER_TAG_KEY]: 'false' } })).toEqual([
    expect.objectContaining({ path: `tags.${MARKER_TAG_KEY}`, message: expect.stringContaining('reserved') }),
  ]);
});

test('49 tags leave room for the marker; 50 do not', () => {
  expect(checkSpecRules({ tags: tags(49) })).toEqual([]);
  expect(checkSpecRules({ tags: tags(50) })).toEqual([
    expect.objectContaining({ path: 'tags', message: expect.stringContaining('at most 49 tags, not 50') }),
  ]);
});
