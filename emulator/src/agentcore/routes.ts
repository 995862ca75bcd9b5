// Request routing derived from the model's HTTP bindings (src/model/constraints.json), so methods,
// URIs (with their trailing slashes), success codes, path labels and query names cannot drift from
// what the SDK sends.
import { constraints } from '../../../src/model/validate-shape.js';
import type { Operation } from '../../../src/model/constraints-types.js';

export interface Route {
  operation: string;
  method: string;
  successCode: number;
  inputShape: string;
  pattern: RegExp;
  labels: string[];
}

export interface MatchedRoute {
  route: Route;
  /** Path labels and query members, bound to their member names and typed as the model says. */
  input: Record<string, unknown>;
}

function compile(operation: string, op: Operation): Route {
  const labels: string[] = [];
  const source = op.uri
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const label = /^\{([^}+]+)\}$/.exec(part);
      if (!label) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label[1]);
      return '([^/]+)';
    })
    .join('');
  return {
    operation,
    method: op.method,
    successCode: op.code,
    inputShape: op.input,
    pattern: new RegExp(`^${source}$`),
    labels,
  };
}

export const routes: Route[] = Object.entries(constraints.operations).map(([name, op]) => compile(name, op));

/** Finds the operation for a method and a still-percent-encoded path (labels may contain encoded `/`). */
export function matchRoute(
  method: string,
  rawPath: string,
  query: URLSearchParams,
): MatchedRoute | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(rawPath);
    if (!m) continue;
    const input: Record<string, unknown> = {};
    route.labels.forEach((label, i) => (input[label] = safeDecode(m[i + 1])));
    Object.assign(input, bindQuery(route.inputShape, query));
    return { route, input };
  }
  return undefined;
}

function bindQuery(inputShape: string, query: URLSearchParams): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const [memberName, member] of Object.entries(constraints.shapes[inputShape].members ?? {})) {
    if (member.location !== 'query') continue;
    const values = query.getAll(member.locationName ?? memberName);
    if (values.length === 0) continue;
    const type = constraints.shapes[member.target]?.type;
    if (type === 'list') bound[memberName] = values;
    // A value that is not a number is passed on as text, so the validator names the field.
    else if (type === 'integer')
      bound[memberName] = /^-?\d+$/.test(values[0]) ? Number(values[0]) : values[0];
    else bound[memberName] = values[0];
  }
  return bound;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
