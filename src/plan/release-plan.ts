// The release part of a plan: where each endpoint of the runtime stands, where a deploy would leave it,
// and whether a smoke invocation gates the move. Pure: computed from the runtime's plan, the release
// inputs and the endpoints as listed, so plan mode can show what deploy mode will do.
import type { Plan } from './plan.js';

/** The service quota: endpoints per runtime, DEFAULT included. */
export const MAX_ENDPOINTS_PER_RUNTIME = 10;

export interface ListedEndpoint {
  name?: string;
  liveVersion?: string;
  status?: string;
}

export interface EndpointLine {
  name: string;
  /** The version it serves now; undefined when it does not exist yet. */
  now?: string;
  /** The version it serves after the deploy; undefined when unknown (the deploy would fail first). */
  after?: string;
  change: 'create' | 'move' | 'stays';
  /** Who moves it: this action (`endpoint-name`), or the service (DEFAULT follows every new version). */
  movedBy?: 'action' | 'service';
  /** A status other than READY, e.g. UPDATING while another deploy moves it. */
  status?: string;
}

export interface ReleasePlan {
  endpointName?: string;
  /** `endpoint-version`: the endpoint is pointed at this version and the runtime is not touched. */
  pinnedVersion?: string;
  /** The version the release serves; undefined when the deploy would fail before making one. */
  version?: string;
  /** That version is made by this deploy (a create or an update of the runtime). */
  versionIsNew: boolean;
  smokeTest: boolean;
  /** The named endpoint first, then DEFAULT, then the others. Empty without `endpoint-name`. */
  endpoints: EndpointLine[];
  /** Why the deploy would stop before moving anything (the endpoint quota). */
  blocked?: string;
}

export function planRelease(input: {
  plan: Plan;
  endpointName?: string;
  pinnedVersion?: string;
  smokeTest: boolean;
  /** The runtime's endpoints as listed (none when it does not exist yet). */
  endpoints: ListedEndpoint[];
}): ReleasePlan | undefined {
  const { plan, endpointName, pinnedVersion, smokeTest } = input;
  if (!endpointName && !smokeTest) return undefined;
  const { version, versionIsNew } = releaseVersion(plan, pinnedVersion);
  const release: ReleasePlan = {
    ...(endpointName && { endpointName }),
    ...(pinnedVersion && { pinnedVersion }),
    ...(version && { version }),
    versionIsNew,
    smokeTest,
    endpoints: [],
  };
  if (!endpointName) return release;

  const listed = input.endpoints.filter((e): e is ListedEndpoint & { name: string } => !!e.name);
  const target = listed.find((e) => e.name === endpointName);
  const full = quotaRefusal(endpointName, listed);
  if (full) release.blocked = `creating ${endpointName} would fail before any change: ${full}`;
  release.endpoints.push(targetLine(endpointName, target, version));

  // DEFAULT is the service's: it follows every new version, and a new runtime gets it at version 1.
  const defaultEndpoint = listed.find((e) => e.name === 'DEFAULT');
  const defaultMoves = versionIsNew && !pinnedVersion && version !== undefined;
  if (defaultEndpoint || defaultMoves)
    release.endpoints.push({
      name: 'DEFAULT',
      now: defaultEndpoint?.liveVersion,
      after: defaultMoves ? version : defaultEndpoint?.liveVersion,
      change: !defaultMoves ? 'stays' : defaultEndpoint ? 'move' : 'create',
      ...(defaultMoves && { movedBy: 'service' as const }),
      ...statusOf(defaultEndpoint),
    });
  for (const other of listed)
    if (other.name !== endpointName && other.name !== 'DEFAULT')
      release.endpoints.push({
        name: other.name,
        now: other.liveVersion,
        after: other.liveVersion,
        change: 'stays',
        ...statusOf(other),
      });
  return release;
}

/**
 * Why `name` cannot be created among `endpoints` (the service's quota), or undefined when it can: the one
 * rule plan mode shows and deploy mode refuses by.
 */
export function quotaRefusal(name: string, endpoints: ListedEndpoint[]): string | undefined {
  if (endpoints.some((e) => e.name === name) || endpoints.length < MAX_ENDPOINTS_PER_RUNTIME)
    return undefined;
  return (
    `the runtime already has ${endpoints.length} endpoints, the service's limit is ${MAX_ENDPOINTS_PER_RUNTIME}. ` +
    `Existing: ${endpoints.map((e) => `${e.name} (version ${e.liveVersion ?? 'none'})`).join(', ')}`
  );
}

/** Whether the release would move anything (then the plan is worth a comment even when the runtime is unchanged). */
export function releaseMoves(release: ReleasePlan | undefined): boolean {
  return !!release?.endpoints.some((e) => e.movedBy === 'action' && e.change !== 'stays');
}

function releaseVersion(
  plan: Plan,
  pinnedVersion: string | undefined,
): { version?: string; versionIsNew: boolean } {
  if (pinnedVersion) return { version: pinnedVersion, versionIsNew: false };
  if (plan.operation === 'create') return { version: '1', versionIsNew: true };
  const current = plan.current?.version;
  // A runtime that must be replaced is not deployed: nothing would be promoted.
  if (plan.operation === 'replace') return { versionIsNew: false };
  // Versions count up by one per update (what plan-markdown's headline says too).
  if (plan.newVersion && current && /^\d+$/.test(current))
    return { version: String(Number(current) + 1), versionIsNew: true };
  return { version: current, versionIsNew: false };
}

function targetLine(
  name: string,
  target: ListedEndpoint | undefined,
  version: string | undefined,
): EndpointLine {
  const now = target?.liveVersion;
  const change = !target ? 'create' : now === version ? 'stays' : 'move';
  return {
    name,
    now,
    after: version ?? now,
    change: version === undefined ? 'stays' : change,
    ...(version !== undefined && change !== 'stays' && { movedBy: 'action' as const }),
    ...statusOf(target),
  };
}

const statusOf = (endpoint: ListedEndpoint | undefined) =>
  endpoint?.status && endpoint.status !== 'READY' ? { status: endpoint.status } : {};
