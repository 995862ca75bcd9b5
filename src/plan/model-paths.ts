// What the official model says about a place in a runtime spec: which shape sits there, whether its
// value is sensitive, whether a list is really a set. The diff asks this instead of hard-coding fields,
// so a member added to the model is compared, ordered and (if sensitive) hidden without code changes.
import type { Member, Shape } from '../model/constraints-types.js';
import { constraints } from '../model/validate-shape.js';
import { canonicalJson, isPlainObject, put } from './canonical-json.js';

const shapes = constraints.shapes;

/**
 * The members a spec can hold, in the order users meet them in CreateAgentRuntime, then the update-only
 * ones (`metadataConfiguration`). No idempotency token, no tags (reconciled apart), no path members.
 */
export const specMembers: Readonly<Record<string, Member>> = Object.fromEntries(
  Object.entries({
    ...shapes.CreateAgentRuntimeRequest.members,
    ...shapes.UpdateAgentRuntimeRequest.members,
  }).filter(([name, m]) => !m.idempotencyToken && !m.location && name !== 'tags'),
);

/**
 * Shapes the model flags `sensitive` whose values we still show. The model marks the description
 * sensitive so that SDK loggers redact it, but it is prose the user commits to the repository next to
 * the plan; hiding it would hide a real change. Environment variables stay hidden: they carry secrets.
 */
const SHOWN_ALTHOUGH_SENSITIVE = new Set(['Description']);

/**
 * Lists whose order means nothing to the service (subnets, security groups, allow-lists, custom claims
 * and their `matchValueStringList`; the Terraform provider models all of them as sets): compared as sets,
 * so a service that returns them in another order does not produce a change on every run.
 */
const UNORDERED_LISTS = new Set([
  ...Object.entries(shapes)
    .filter(([, s]) => s.type === 'list' && s.uniqueItems)
    .map(([name]) => name),
  'SecurityGroups',
  'Subnets',
  'SubnetIds',
  'SecurityGroupIds',
  'AllowedAudienceList',
  'AllowedClientsList',
  'AllowedScopesType',
  'CustomClaimValidationsType',
  'MatchValueStringList',
]);

export interface PathInfo {
  /** Shape at the path, when the model knows the path. */
  shapeName?: string;
  shape?: Shape;
  /** Values at this path must never be shown. Unknown paths count as sensitive (fail closed). */
  sensitive: boolean;
}

/** Follows `segments` (member names and map keys) from the spec root through the model. */
export function describePath(segments: readonly string[]): PathInfo {
  let member: Member | undefined = specMembers[segments[0]];
  let sensitive = false;
  for (let i = 0; ; i++) {
    if (!member) return { sensitive: true };
    const shapeName = member.target;
    const shape: Shape | undefined = shapes[shapeName];
    sensitive ||=
      Boolean(member.sensitive) || (Boolean(shape?.sensitive) && !SHOWN_ALTHOUGH_SENSITIVE.has(shapeName));
    if (i === segments.length - 1 || !shape) return { shapeName, shape, sensitive: sensitive || !shape };
    member = childMember(shape, segments[i + 1]);
  }
}

function childMember(shape: Shape, segment: string): Member | undefined {
  if (shape.type === 'structure' || shape.type === 'union') return shape.members?.[segment];
  if (shape.type === 'map') return shape.value;
  return undefined; // lists are compared whole; nothing below them has a path
}

/** Keys of an object at `segments`, in model order for structures, sorted for maps and unknown keys. */
export function orderedKeys(segments: readonly string[], keys: Iterable<string>): string[] {
  const all = [...new Set(keys)];
  const memberOrder =
    segments.length === 0
      ? Object.keys(specMembers)
      : Object.keys(describePath(segments).shape?.members ?? {});
  const known = memberOrder.filter((k) => all.includes(k));
  const rest = all.filter((k) => !memberOrder.includes(k)).sort();
  return [...known, ...rest];
}

/**
 * The value at `segments` with every unordered list in it (at any depth: the `matchValueStringList` of
 * each custom claim, say) sorted, so two values that differ only in the order of sets compare equal.
 */
export function withSetsSorted(value: unknown, segments: readonly string[]): unknown {
  if (segments.length === 0) return sortSetsIn(value, (key) => specMembers[key]?.target);
  return sortSets(value, describePath(segments).shapeName);
}

function sortSets(value: unknown, shapeName: string | undefined): unknown {
  const shape = shapeName === undefined ? undefined : shapes[shapeName];
  if (!shape) return value;
  if (Array.isArray(value)) {
    if (shape.type !== 'list') return value;
    const items = value.map((item) => sortSets(item, shape.member?.target));
    return UNORDERED_LISTS.has(shapeName!) ? sortedByJson(items) : items;
  }
  if (shape.type === 'map') return sortSetsIn(value, () => shape.value?.target);
  return sortSetsIn(value, (key) => shape.members?.[key]?.target);
}

function sortSetsIn(value: unknown, targetOf: (key: string) => string | undefined): unknown {
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) put(out, key, sortSets(v, targetOf(key)));
  return out;
}

function sortedByJson(items: unknown[]): unknown[] {
  return items
    .map((item) => ({ item, key: canonicalJson(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item);
}

/** `a.b.c`, with map keys that are not plain identifiers quoted: `environmentVariables["MY.VAR"]`. */
export function pathOf(segments: readonly string[]): string {
  return segments
    .map((s, i) => (/^[A-Za-z_$][\w$]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`))
    .join('');
}
