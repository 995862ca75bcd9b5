import {
  createPlan,
  noChangePlan,
  replacementPlan,
  tagOnlyPlan,
  updatePlan,
} from '../report/test-scenarios.js';
import { planRelease, releaseMoves } from './release-plan.js';

// updatePlan() and noChangePlan() are against version 3 of the runtime.
const ENDPOINTS = [
  { name: 'DEFAULT', liveVersion: '3', status: 'READY' },
  { name: 'production', liveVersion: '2', status: 'READY' },
  { name: 'staging', liveVersion: '3', status: 'READY' },
];

test('nothing to say without endpoint-name or a smoke test', () => {
  expect(planRelease({ plan: updatePlan(), smokeTest: false, endpoints: ENDPOINTS })).toBeUndefined();
});

test('an update: the named endpoint moves to the new version, DEFAULT follows it, the others stay', () => {
  const release = planRelease({
    plan: updatePlan(),
    endpointName: 'production',
    smokeTest: true,
    endpoints: ENDPOINTS,
  });
  expect(release).toMatchObject({ version: '4', versionIsNew: true, smokeTest: true });
  expect(release!.endpoints).toEqual([
    { name: 'production', now: '2', after: '4', change: 'move', movedBy: 'action' },
    { name: 'DEFAULT', now: '3', after: '4', change: 'move', movedBy: 'service' },
    { name: 'staging', now: '3', after: '3', change: 'stays' },
  ]);
  expect(releaseMoves(release)).toBe(true);
});

test('an unchanged runtime: the endpoint is promoted to the version already deployed; DEFAULT stays', () => {
  for (const plan of [noChangePlan(), tagOnlyPlan()]) {
    const release = planRelease({ plan, endpointName: 'production', smokeTest: false, endpoints: ENDPOINTS });
    expect(release).toMatchObject({ version: '3', versionIsNew: false });
    expect(release!.endpoints.slice(0, 2)).toEqual([
      { name: 'production', now: '2', after: '3', change: 'move', movedBy: 'action' },
      { name: 'DEFAULT', now: '3', after: '3', change: 'stays' },
    ]);
  }
});

test('an endpoint already on the version stays, and nothing moves', () => {
  const release = planRelease({
    plan: noChangePlan(),
    endpointName: 'staging',
    smokeTest: false,
    endpoints: ENDPOINTS,
  });
  expect(release!.endpoints[0]).toEqual({ name: 'staging', now: '3', after: '3', change: 'stays' });
  expect(releaseMoves(release)).toBe(false);
});

test('a new runtime: version 1, the endpoint and DEFAULT are created', () => {
  const release = planRelease({
    plan: createPlan(),
    endpointName: 'production',
    smokeTest: false,
    endpoints: [],
  });
  expect(release).toMatchObject({ version: '1', versionIsNew: true });
  expect(release!.endpoints).toEqual([
    { name: 'production', after: '1', change: 'create', movedBy: 'action' },
    { name: 'DEFAULT', after: '1', change: 'create', movedBy: 'service' },
  ]);
});

test('endpoint-version: the endpoint is pinned, DEFAULT stays even though the runtime differs', () => {
  const release = planRelease({
    plan: updatePlan(),
    endpointName: 'production',
    pinnedVersion: '1',
    smokeTest: false,
    endpoints: ENDPOINTS,
  });
  expect(release).toMatchObject({ pinnedVersion: '1', version: '1', versionIsNew: false });
  expect(release!.endpoints.slice(0, 2)).toEqual([
    { name: 'production', now: '2', after: '1', change: 'move', movedBy: 'action' },
    { name: 'DEFAULT', now: '3', after: '3', change: 'stays' },
  ]);
});

test('a runtime that must be replaced is not deployed: nothing would be promoted', () => {
  const release = planRelease({
    plan: replacementPlan(),
    endpointName: 'production',
    smokeTest: true,
    endpoints: ENDPOINTS,
  });
  expect(release!.version).toBeUndefined();
  expect(release!.endpoints[0]).toMatchObject({ name: 'production', now: '2', after: '2', change: 'stays' });
  expect(releaseMoves(release)).toBe(false);
});

test('an endpoint being moved is shown with its status', () => {
  const busy = ENDPOINTS.map((e) => (e.name === 'production' ? { ...e, status: 'UPDATING' } : e));
  const release = planRelease({
    plan: updatePlan(),
    endpointName: 'production',
    smokeTest: false,
    endpoints: busy,
  });
  expect(release!.endpoints[0]).toMatchObject({ change: 'move', status: 'UPDATING' });
});

test('an 11th endpoint: the plan says the deploy would stop, listing the existing ones', () => {
  const ten = Array.from({ length: 10 }, (_, i) => ({
    name: i === 0 ? 'DEFAULT' : `e${i}`,
    liveVersion: '3',
  }));
  const release = planRelease({
    plan: updatePlan(),
    endpointName: 'production',
    smokeTest: false,
    endpoints: ten,
  });
  expect(release!.blocked).toMatch(
    /already has 10 endpoints.*limit is 10.*DEFAULT \(version 3\), e1 \(version 3\)/,
  );
  const nine = ten.slice(0, 9);
  expect(
    planRelease({ plan: updatePlan(), endpointName: 'production', smokeTest: false, endpoints: nine })!
      .blocked,
  ).toBeUndefined();
});
