// The plans the report tests render: one per thing users will see in a PR comment.
import { computePlan, type Plan } from '../plan/plan.js';
import { containerSpec, IMAGE, runtimeAsServiceReturns } from '../plan/test-fixtures.js';
import type { AgentRuntimeSpec } from '../spec/types.js';

const REGION = 'us-east-1';
export const SUMMARY_URL = 'https://github.com/acme/support/actions/runs/123456789';

const current = (spec: AgentRuntimeSpec, tags: Record<string, string> = {}) => ({
  runtime: runtimeAsServiceReturns(spec),
  tags,
});

export function createPlan(): Plan {
  return computePlan({
    desired: containerSpec({ tags: { team: 'support', 'cost-center': '4711' } }),
    region: REGION,
  });
}

export function updatePlan(): Plan {
  const deployed = containerSpec({
    lifecycleConfiguration: { maxLifetime: 3600 },
    environmentVariables: { LOG_LEVEL: 'info', API_KEY: 'sk-live-OLD-SECRET', LEGACY_MODE: 'on' },
  });
  const desired = containerSpec({
    agentRuntimeArtifact: { containerConfiguration: { containerUri: `${IMAGE}:1.5.0` } },
    description: undefined,
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 1800 },
    environmentVariables: { LOG_LEVEL: 'debug', API_KEY: 'sk-live-NEW-SECRET', FEATURE_SEARCH: 'true' },
    requestHeaderConfiguration: { requestHeaderAllowlist: ['X-Request-Id', 'X-Tenant'] },
    tags: { team: 'platform', 'cost-center': '4711' },
  });
  return computePlan({
    desired,
    region: REGION,
    current: current(deployed, { team: 'support', owner: 'alice' }),
  });
}

export function noChangePlan(): Plan {
  const desired = containerSpec({ tags: { team: 'support' } });
  return computePlan({ desired, region: REGION, current: current(desired, { team: 'support' }) });
}

export function replacementPlan(): Plan {
  const desired = containerSpec({
    agentRuntimeArtifact: {
      codeConfiguration: {
        code: { s3: { bucket: 'acme-agent-code', prefix: 'support/agent.zip' } },
        runtime: 'PYTHON_3_13',
        entryPoint: ['main.py'],
      },
    },
  });
  return computePlan({ desired, region: REGION, current: current(containerSpec()) });
}

export function tagOnlyPlan(): Plan {
  const desired = containerSpec({ tags: { team: 'platform', env: 'prod' } });
  return computePlan({
    desired,
    region: REGION,
    current: current(desired, { team: 'support', env: 'prod', temp: 'yes' }),
  });
}

/** 50 new environment variables, 40 new tags and a 4096-character description: collapsed. */
export function hugePlan(): Plan {
  const env = Object.fromEntries(
    Array.from({ length: 50 }, (_, i) => [`SETTING_${String(i).padStart(2, '0')}`, `v${i}`]),
  );
  const tags = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [`label-${String(i).padStart(2, '0')}`, `value ${i}`]),
  );
  const desired = containerSpec({
    description: 'Lorem ipsum dolor sit amet. '.repeat(147).slice(0, 4096),
    environmentVariables: env,
    tags,
  });
  return computePlan({ desired, region: REGION, current: current(containerSpec()) });
}

/** Config values that try to break out of the table, open HTML, start a fence or mention people. */
export function injectionPlan(): Plan {
  const desired = containerSpec({
    description: '</details><img src=x onerror=alert(1)> @octocat | pipe',
    environmentVariables: { 'A|B': 'x', '`tick`': 'y', API_KEY: 'sk-live-SECRET' },
    tags: { owner: '@org/team', 'team@x': 'a b', note: 'line one\nline two' },
  });
  const deployed = containerSpec({ description: '```\nfenced\n```\n# Heading\n- [x] task & <b>bold</b>' });
  return computePlan({ desired, region: 'us-east-1', current: current(deployed, { owner: '@someone' }) });
}

/** A synthetic plan whose markdown is about `kilobytes` big: for truncation. */
export function planOfSize(kilobytes: number): Plan {
  const base = createPlan();
  const count = Math.ceil((kilobytes * 1024) / 150);
  return {
    ...base,
    operation: 'update',
    newVersion: true,
    current: { arn: 'arn:x', id: 'support_agent-a1B2c3D4e5', version: '7', status: 'READY' },
    fieldChanges: Array.from({ length: count }, (_, i) => ({
      path: `authorizerConfiguration.customJWTAuthorizer.allowedClients${i}`,
      action: 'change' as const,
      before: `client-${i}-${'a'.repeat(40)}`,
      after: `client-${i}-${'b'.repeat(40)}`,
      sensitive: false,
    })),
  };
}
