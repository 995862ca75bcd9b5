import { planJson, planJsonObject } from './plan-json.js';
import { createPlan, injectionPlan, noChangePlan, updatePlan } from './test-scenarios.js';

describe('planJson', () => {
  it('carries the decisions and every change, with before/after for visible fields', () => {
    const json = JSON.parse(planJson(updatePlan()));
    expect(json).toMatchObject({
      formatVersion: 1,
      runtimeName: 'support_agent',
      region: 'us-east-1',
      operation: 'update',
      changed: true,
      newVersion: true,
      replacementReasons: [],
      current: { id: 'support_agent-a1B2c3D4e5', version: '3', status: 'READY' },
    });
    expect(json.fieldChanges).toContainEqual({
      path: 'lifecycleConfiguration.maxLifetime',
      action: 'clear',
      sensitive: false,
      before: 3600,
    });
    expect(json.tagChanges).toEqual({
      managed: true,
      add: { 'cost-center': '4711' },
      change: { team: { before: 'support', after: 'platform' } },
      remove: ['owner'],
    });
  });

  it('says in words what a change of artifact means', () => {
    const plan = updatePlan();
    plan.artifactNotes = ['image re-pushed under tag v1 (digest a1b2c3d4e5f6… -> c3d4e5f6a7b8…)'];
    expect(JSON.parse(planJson(plan)).artifactNotes).toEqual(plan.artifactNotes);
    expect(JSON.parse(planJson(noChangePlan())).artifactNotes).toEqual([]);
  });

  it('never writes a sensitive value, even one a caller left in the plan', () => {
    const plan = injectionPlan();
    plan.fieldChanges.push({
      path: 'environmentVariables.LEAK',
      action: 'change',
      before: 'SECRET-1',
      after: 'SECRET-2',
      sensitive: true,
    });
    const text = planJson(plan);
    expect(text).not.toMatch(/SECRET/);
    expect(JSON.parse(text).fieldChanges).toContainEqual({
      path: 'environmentVariables.LEAK',
      action: 'change',
      sensitive: true,
    });
  });

  it('says current is null for a create and lists no changes when there are none', () => {
    expect(planJsonObject(createPlan()).current).toBeNull();
    expect(planJsonObject(noChangePlan())).toMatchObject({
      operation: 'none',
      changed: false,
      fieldChanges: [],
    });
  });
});
