// Checks a plain JSON value against a shape of the constraints file (generated from the official
// Smithy model): types, required members, exactly-one unions, enums, patterns, lengths, ranges and
// unique items. The emulator answers with these findings as a ValidationException; the action reports
// them before any AWS call. Both therefore enforce the same rules, and neither retypes them.
import constraintsFile from './constraints.json' with { type: 'json' };
import type { Bounds, Constraints, Member, Shape } from './constraints-types.js';

export const constraints = constraintsFile as Constraints;

export interface ShapeIssue {
  /** JSON path of the offending value: `networkConfiguration.networkModeConfig.subnets[0]`. */
  path: string;
  message: string;
  /** Set when the problem is a member the shape does not have, with the members it does have. */
  unknownMember?: { name: string; allowed: string[] };
}

export interface ValidateOptions {
  /** Report members the shape does not define (the action does; the service ignores them). */
  rejectUnknownMembers?: boolean;
  /** Members to skip at the top level (e.g. path/query members already bound elsewhere). */
  skipTopLevel?: string[];
}

export function validateShape(
  value: unknown,
  shapeName: string,
  options: ValidateOptions = {},
  path = '',
): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  check(value, shapeName, {}, path, options, issues, true);
  return issues;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`);

function check(
  value: unknown,
  shapeName: string,
  member: Partial<Member>,
  path: string,
  options: ValidateOptions,
  issues: ShapeIssue[],
  topLevel = false,
): void {
  const shape: Shape | undefined = constraints.shapes[shapeName];
  if (!shape) throw new Error(`unknown shape ${shapeName}`);
  const fail = (message: string): void => void issues.push({ path: path || '(document)', message });
  // Member-level constraints refine the target shape's (the model puts some on the member).
  const pattern = member.pattern ?? shape.pattern;
  const length = member.length ?? shape.length;
  const range = member.range ?? shape.range;
  const unique = member.uniqueItems ?? shape.uniqueItems;

  switch (shape.type) {
    case 'string':
    case 'timestamp': {
      if (typeof value !== 'string') return fail(`must be a string, not ${typeName(value)}`);
      const chars = [...value].length; // Smithy counts code points
      const lengthProblem = outOf(chars, length, 'character');
      if (lengthProblem) fail(lengthProblem);
      if (pattern && !new RegExp(pattern, 'u').test(value)) fail(`must match the pattern ${pattern}`);
      return;
    }
    case 'enum':
      if (typeof value !== 'string' || !shape.values!.includes(value))
        fail(
          `must be one of ${shape.values!.join(', ')}${typeof value === 'string' ? `, not "${value}"` : ''}`,
        );
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return fail(`must be a whole number, not ${typeName(value)}`);
      if (
        range &&
        ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max))
      )
        fail(`must be between ${range.min ?? '-∞'} and ${range.max ?? '∞'}, not ${value}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, not ${typeName(value)}`);
      return;
    case 'list': {
      if (!Array.isArray(value)) return fail(`must be a list, not ${typeName(value)}`);
      const countProblem = outOf(value.length, length, 'item');
      if (countProblem) fail(countProblem);
      if (unique && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
        fail('must not contain the same item twice');
      value.forEach((item, i) =>
        check(item, shape.member!.target, shape.member!, `${path}[${i}]`, options, issues),
      );
      return;
    }
    case 'map': {
      if (!isObject(value)) return fail(`must be a map of keys to values, not ${typeName(value)}`);
      const entries = Object.entries(value);
      const countProblem = outOf(entries.length, length, 'entry', 'entries');
      if (countProblem) fail(countProblem);
      for (const [k, v] of entries) {
        const keyIssues: ShapeIssue[] = [];
        check(k, shape.key!.target, shape.key!, join(path, k), options, keyIssues);
        for (const issue of keyIssues) issues.push({ ...issue, message: `key ${issue.message}` });
        check(v, shape.value!.target, shape.value!, join(path, k), options, issues);
      }
      return;
    }
    case 'structure':
    case 'union': {
      if (!isObject(value)) return fail(`must be an object, not ${typeName(value)}`);
      const members = shape.members ?? {};
      const skip = topLevel ? (options.skipTopLevel ?? []) : [];
      const present = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== null);
      for (const name of present) {
        if (skip.includes(name)) continue;
        if (!(name in members)) {
          if (options.rejectUnknownMembers)
            issues.push({
              path: join(path, name),
              message: `is not a field of ${shapeName}`,
              unknownMember: { name, allowed: Object.keys(members).filter((m) => !skip.includes(m)) },
            });
          continue;
        }
        check(value[name], members[name].target, members[name], join(path, name), options, issues);
      }
      if (shape.type === 'union') {
        const set = present.filter((k) => k in members);
        if (set.length !== 1)
          fail(
            `must set exactly one of ${Object.keys(members).join(', ')}` +
              (set.length ? ` (it sets ${set.join(' and ')})` : ' (it sets none)'),
          );
        return;
      }
      for (const [name, m] of Object.entries(members)) {
        if (m.required && !skip.includes(name) && !present.includes(name))
          issues.push({ path: join(path, name), message: 'is required' });
      }
      return;
    }
    default:
      return;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function outOf(n: number, bounds: Bounds | undefined, unit: string, units = `${unit}s`): string | undefined {
  if (!bounds) return undefined;
  const { min, max } = bounds;
  const plural = (k: number) => `${k} ${k === 1 ? unit : units}`;
  if (min !== undefined && n < min)
    return max !== undefined
      ? `must have ${min} to ${plural(max)}, not ${n}`
      : `must have at least ${plural(min)}`;
  if (max !== undefined && n > max)
    return min !== undefined && min > 0
      ? `must have ${min} to ${plural(max)}, not ${n}`
      : `must have at most ${plural(max)}, not ${n}`;
  return undefined;
}
