// Field-by-field comparison of two normalised specs, and of two tag sets. Objects are walked down to
// their leaves, lists are compared whole (as sets where order means nothing), map entries one by one.
import { canonicalJson, isPlainObject, own, put } from './canonical-json.js';
import { describePath, orderedKeys, pathOf, withSetsSorted } from './model-paths.js';

export interface FieldChange {
  /** Where the value sits: `lifecycleConfiguration.maxLifetime`, `environmentVariables.API_KEY`. */
  path: string;
  /** `clear`: the runtime has it, the config does not; the full-replace update WILL remove it. */
  action: 'add' | 'change' | 'clear';
  before?: unknown;
  after?: unknown;
  /** Environment variables and anything else the model marks secret: before/after are never set. */
  sensitive: boolean;
}

export interface TagChanges {
  add: Record<string, string>;
  change: Record<string, { before: string; after: string }>;
  remove: string[];
  /** False when the config says nothing about tags: the runtime's tags are then left alone. */
  managed: boolean;
}

/** Every leaf that differs between `before` (the runtime) and `after` (the config), in model order. */
export function diffSpecs(before: object, after: object): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(before: unknown, after: unknown, segments: string[], out: FieldChange[]): void {
  if (sameValue(before, after, segments)) return;
  const bothObjects =
    (isPlainObject(before) || before === undefined) && (isPlainObject(after) || after === undefined);
  if (bothObjects) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    for (const key of orderedKeys(segments, [...Object.keys(b), ...Object.keys(a)]))
      walk(own(b, key), own(a, key), [...segments, key], out);
    return;
  }
  const { sensitive } = describePath(segments);
  const action = before === undefined ? 'add' : after === undefined ? 'clear' : 'change';
  out.push({
    path: pathOf(segments),
    action,
    sensitive,
    ...(sensitive || before === undefined ? {} : { before }),
    ...(sensitive || after === undefined ? {} : { after }),
  });
}

function sameValue(before: unknown, after: unknown, segments: string[]): boolean {
  return canonicalJson(withSetsSorted(before, segments)) === canonicalJson(withSetsSorted(after, segments));
}

/** What makes the runtime's tags exactly the desired set; nothing when tags are not managed. */
export function diffTags(
  current: Record<string, string>,
  desired: Record<string, string> | undefined,
): TagChanges {
  const changes: TagChanges = { add: {}, change: {}, remove: [], managed: desired !== undefined };
  if (desired === undefined) return changes;
  for (const key of Object.keys(desired).sort()) {
    const before = own(current, key) as string | undefined;
    const after = desired[key];
    if (before === undefined) put(changes.add, key, after);
    else if (before !== after) put(changes.change, key, { before, after });
  }
  changes.remove = Object.keys(current)
    .filter((key) => !Object.hasOwn(desired, key))
    .sort();
  return changes;
}

export function tagChangeCount(tags: TagChanges): number {
  return Object.keys(tags.add).length + Object.keys(tags.change).length + tags.remove.length;
}
