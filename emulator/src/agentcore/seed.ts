// Runtimes that exist before a test starts, in any status and with any number of versions, built
// through the same store operations the API uses so they behave exactly like deployed ones.
import { validateShape } from '../../../src/model/validate-shape.js';
import type { Partition } from './ids.js';
import {
  DEFAULT_ENDPOINT,
  VERSION_MEMBERS,
  type AgentCoreStore,
  type RuntimeConfig,
  type RuntimeStatus,
  type Transition,
} from './store.js';

export interface SeedOptions {
  /** How many runtimes (default 1). */
  count?: number;
  /** Exact name when count is 1; otherwise names are `<namePrefix>_0001`, `<namePrefix>_0002`, … */
  name?: string;
  namePrefix?: string;
  /** Version members (CreateAgentRuntime/UpdateAgentRuntime body fields) over a minimal container spec. */
  spec?: RuntimeConfig;
  tags?: Record<string, string>;
  /** Status of the latest version (default READY). */
  status?: RuntimeStatus;
  /** Number of versions (default 1; at least 2 for UPDATING/UPDATE_FAILED). */
  versions?: number;
  failureReason?: string;
  /** Named endpoints to create, each READY on the given version. */
  endpoints?: Record<string, number>;
  /** Created before the S3-endpoint rollout, so updates may set `requireServiceS3Endpoint`. */
  legacyNetworking?: boolean;
}

export interface SeededRuntime {
  agentRuntimeId: string;
  agentRuntimeName: string;
  agentRuntimeArn: string;
}

interface SeedContext extends Partition {
  store: AgentCoreStore;
  transitionDelayMs: number;
}

const SETTLED = 0;
const STATUSES: RuntimeStatus[] = [
  'CREATING',
  'CREATE_FAILED',
  'UPDATING',
  'UPDATE_FAILED',
  'READY',
  'DELETING',
];

export function seedRuntimes(ctx: SeedContext, options: SeedOptions, now: number): SeededRuntime[] {
  const count = options.count ?? 1;
  const status = options.status ?? 'READY';
  if (!Number.isInteger(count) || count < 1 || count > 10_000)
    throw new Error('seed: count must be a whole number from 1 to 10000');
  if (options.versions !== undefined && (!Number.isInteger(options.versions) || options.versions < 1))
    throw new Error('seed: versions must be a whole number >= 1');
  if (!STATUSES.includes(status)) throw new Error(`seed: status must be one of ${STATUSES.join(', ')}`);
  const minVersions = status === 'UPDATING' || status === 'UPDATE_FAILED' ? 2 : 1;
  const versions =
    status === 'CREATING' || status === 'CREATE_FAILED' ? 1 : Math.max(options.versions ?? 1, minVersions);
  const names = seedNames(ctx.store, options, count);
  const failureReason = options.failureReason ?? 'Seeded failure';

  return names.map((name) => {
    const config = seedConfig(ctx, name, options.spec);
    const last = (kind: Transition['kind']): Transition => {
      if (status === 'CREATING' || status === 'UPDATING')
        return { kind, settlesAt: now + ctx.transitionDelayMs };
      if (status.endsWith('_FAILED')) return { kind, settlesAt: SETTLED, failureReason };
      return { kind, settlesAt: SETTLED };
    };
    const runtime = ctx.store.createRuntime(
      name,
      config,
      versions === 1 ? last('CREATE') : { kind: 'CREATE', settlesAt: SETTLED },
      {
        now,
        tags: options.tags,
        legacyNetworking: options.legacyNetworking,
      },
    );
    for (let v = 2; v <= versions; v++)
      ctx.store.addVersion(
        runtime,
        config,
        v === versions ? last('UPDATE') : { kind: 'UPDATE', settlesAt: SETTLED },
        now,
      );
    for (const [endpointName, version] of Object.entries(options.endpoints ?? {})) {
      if (endpointName === DEFAULT_ENDPOINT || !runtime.versions.has(version))
        throw new Error(`seed: endpoint ${endpointName} cannot point to version ${version}`);
      ctx.store.addEndpoint(runtime, endpointName, version, { kind: 'CREATE', settlesAt: SETTLED }, now);
    }
    if (status === 'DELETING') runtime.deletingUntil = now + ctx.transitionDelayMs;
    return { agentRuntimeId: runtime.id, agentRuntimeName: runtime.name, agentRuntimeArn: runtime.arn };
  });
}

function seedNames(store: AgentCoreStore, options: SeedOptions, count: number): string[] {
  if (count === 1 && options.name) {
    if (store.findByName(options.name))
      throw new Error(`seed: a runtime named ${options.name} already exists`);
    return [options.name];
  }
  const prefix = options.namePrefix ?? options.name ?? 'seeded_agent';
  const names: string[] = [];
  for (let i = 1; names.length < count; i++) {
    const name = `${prefix}_${String(i).padStart(4, '0')}`;
    if (!store.findByName(name)) names.push(name);
  }
  return names;
}

function seedConfig(p: Partition, name: string, spec: RuntimeConfig = {}): RuntimeConfig {
  const config: RuntimeConfig = {
    agentRuntimeArtifact: {
      containerConfiguration: {
        containerUri: `${p.accountId}.dkr.ecr.${p.region}.amazonaws.com/${name.toLowerCase()}:v1`,
      },
    },
    roleArn: `arn:aws:iam::${p.accountId}:role/AgentCoreRuntimeRole`,
    networkConfiguration: { networkMode: 'PUBLIC' },
    ...spec,
  };
  const unknown = Object.keys(config).filter((k) => !VERSION_MEMBERS.includes(k));
  const issues = validateShape({ ...config, agentRuntimeId: 'seed-0000000000' }, 'UpdateAgentRuntimeRequest');
  if (unknown.length || issues.length)
    throw new Error(
      `seed: invalid spec: ${[...unknown.map((k) => `${k} is not a version member`), ...issues.map((i) => `${i.path} ${i.message}`)].join('; ')}`,
    );
  return config;
}
