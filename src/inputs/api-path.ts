// Walks an API path as validateShape writes it (`networkConfiguration.networkModeConfig.subnets[0]`,
// `environmentVariables.MY.KEY`) through a tree. Map keys may themselves contain dots or brackets, so at
// each object the longest key that the rest of the path starts with wins.

export interface TreeAdapter<N> {
  /** The keys of an object node, or undefined when the node is not an object. */
  keys(node: N): string[] | undefined;
  /** The child of an object (string key) or a list (number index), or undefined when there is none. */
  child(node: N, key: string | number): N | undefined;
}

export interface Walk<N> {
  /** The nodes passed on the way down, root excluded; the last is the deepest one found. */
  trail: N[];
  /** Whether the whole path was found. */
  complete: boolean;
}

export function walkPath<N>(root: N, path: string, tree: TreeAdapter<N>): Walk<N> {
  const trail: N[] = [];
  let node = root;
  let rest = path;
  while (rest !== '') {
    const step = nextStep(node, rest, tree);
    if (!step) return { trail, complete: false };
    const next = tree.child(node, step.key);
    if (next === undefined) return { trail, complete: false };
    trail.push(next);
    node = next;
    rest = step.rest.startsWith('.') ? step.rest.slice(1) : step.rest;
  }
  return { trail, complete: true };
}

function nextStep<N>(node: N, rest: string, tree: TreeAdapter<N>) {
  const index = /^\[(\d+)\]/.exec(rest);
  if (index) return { key: Number(index[1]), rest: rest.slice(index[0].length) };
  const keys = (tree.keys(node) ?? []).filter(
    (k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`),
  );
  const key = keys.sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : { key, rest: rest.slice(key.length) };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The adapter for plain JSON values. */
export const plainTree: TreeAdapter<unknown> = {
  keys: (node) => (isObject(node) ? Object.keys(node) : undefined),
  child: (node, key) => {
    if (typeof key === 'number') return Array.isArray(node) ? node[key] : undefined;
    return isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  },
};

/** Whether a value sits at `path` in a plain JSON value. */
export function hasPath(root: unknown, path: string): boolean {
  return walkPath(root, path, plainTree).complete;
}

/** The value at `path`, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  const walk = walkPath(root, path, plainTree);
  return walk.complete ? walk.trail.at(-1) : undefined;
}

/** `a.b[2].c` -> `a.b[].c`: the path of a list item without its index, for per-field rules. */
export const withoutIndexes = (path: string) => path.replace(/\[\d+\]/g, '[]');
