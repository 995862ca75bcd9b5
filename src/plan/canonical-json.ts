// One canonical JSON form for everything that is hashed (idempotency tokens, plan hashes): object keys
// sorted at every depth, so two equal values always give the same text whatever order they were built in.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted recursively; `undefined` members are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortedKeys(v) : v)) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function sortedKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) put(out, key, obj[key]);
  return out;
}

/**
 * Sets an own property, even for keys like `__proto__` (a legal tag key or environment variable name)
 * that a plain assignment would turn into a prototype change.
 */
export function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An own property only: `constructor` or `__proto__` on a plain object read as absent. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
