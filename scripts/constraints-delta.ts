// Compares two constraints files place by place rather than shape by shape: botocore names the shapes
// that carry member-level constraints differently from the Smithy model (LifecycleConfiguration-
// MaxLifetimeInteger vs Integer + a member range), so what matters is what each place of each
// operation's input and output allows. Used by constraints-delta.test.ts and runnable on its own:
//
//   npx tsx scripts/constraints-delta.ts
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bounds, Constraints, Member } from '../src/model/constraints-types.js';
import { generate } from './generate-constraints.js';

/** What one place allows: its type and the constraints in force there (member-level over shape-level). */
type Place = Record<string, unknown>;

/** `CreateAgentRuntime.input.lifecycleConfiguration.maxLifetime` -> what it allows. */
export function placesOf(constraints: Constraints): Map<string, Place> {
  const places = new Map<string, Place>();
  const walk = (path: string, member: Partial<Member> & { target: string }, seen: string[]): void => {
    const shape = constraints.shapes[member.target];
    const place: Place = { type: shape.type };
    const constraint = {
      required: member.required,
      location: member.location && `${member.location} ${member.locationName ?? ''}`.trim(),
      idempotencyToken: member.idempotencyToken,
      length: sayingSomething(member.length ?? shape.length),
      range: member.range ?? shape.range,
      pattern: member.pattern ?? shape.pattern,
      uniqueItems: member.uniqueItems ?? shape.uniqueItems,
      sensitive: member.sensitive ?? shape.sensitive,
      values: shape.values && [...shape.values].sort(),
      error: shape.error && `${shape.error} ${shape.httpError}`,
    };
    for (const [k, v] of Object.entries(constraint)) if (v !== undefined) place[k] = v;
    places.set(path, place);
    if (seen.includes(member.target)) return; // a recursive shape: its places are listed once
    const next = [...seen, member.target];
    for (const [name, m] of Object.entries(shape.members ?? {})) walk(`${path}.${name}`, m, next);
    if (shape.member) walk(`${path}[]`, shape.member, next);
    if (shape.key) walk(`${path}{key}`, shape.key, next);
    if (shape.value) walk(`${path}{value}`, shape.value, next);
  };
  for (const [name, op] of Object.entries(constraints.operations)) {
    places.set(name, { http: `${op.method} ${op.uri} ${op.code}`, errors: [...op.errors].sort() });
    walk(`${name}.input`, { target: op.input }, []);
    walk(`${name}.output`, { target: op.output }, []);
  }
  return places;
}

/** A length of at least 0 says nothing: the models write it in some places and not in others. */
function sayingSomething(length: Bounds | undefined): Bounds | undefined {
  if (length?.min !== 0) return length;
  const { min: _zero, ...rest } = length;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * One line per difference, the same change at the same place of several operations told once:
 * `+ place {…} (where)`, `- place {…} (where)`, or `~ place: key old -> new (where)`, where `where`
 * lists `Operation.input` / `Operation.output`.
 */
export function constraintsDelta(before: Constraints, after: Constraints): string[] {
  const old = placesOf(before);
  const now = placesOf(after);
  const changes = new Map<string, string[]>(); // change -> where
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  const note = (path: string, change: (place: string) => string) => {
    const [op, direction, ...rest] = path.split('.');
    const place = rest.join('.').replace(/^\[\]/, '') || '(whole)';
    const key = direction ? change(place) : change(op);
    changes.set(key, [...(changes.get(key) ?? []), direction ? `${op}.${direction}` : op]);
  };
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(path);
    const b = now.get(path);
    if (!a) note(path, (place) => `+ ${place} ${show(b)}`);
    else if (!b) note(path, (place) => `- ${place} ${show(a)}`);
    else
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
        if (show(a[key]) !== show(b[key]))
          note(path, (place) => `~ ${place}: ${key} ${show(a[key])} -> ${show(b[key])}`);
  }
  return [...changes].map(([change, where]) => `${change} (${where.join(', ')})`);
}

const here = dirname(fileURLToPath(import.meta.url));
export const SMITHY_MODEL = resolve(here, '../../shared/reference/bedrock-agentcore-control.smithy.json');
export const BOTOCORE_MODEL = resolve(
  here,
  '../../shared/reference/models/bedrock-agentcore-control.2023-06-05.service-2.json',
);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const read = (path: string) => generate(JSON.parse(readFileSync(path, 'utf8')));
  for (const line of constraintsDelta(read(SMITHY_MODEL), read(BOTOCORE_MODEL))) console.log(line);
}
