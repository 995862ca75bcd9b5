// clientToken semantics: a retried request (same token, same parameters) within the window gets the
// first answer again and changes nothing; the same token with different parameters is refused.
import type { EmulatorResponse } from '../http.js';

interface Remembered {
  fingerprint: string;
  response: EmulatorResponse;
  expiresAt: number;
}

export type IdempotencyLookup = { replay: EmulatorResponse } | { mismatch: true } | undefined;

export class IdempotencyCache {
  private readonly answers = new Map<string, Remembered>();

  constructor(public windowMs: number) {}

  lookup(operation: string, token: string, input: Record<string, unknown>, now: number): IdempotencyLookup {
    const remembered = this.answers.get(`${operation}\n${token}`);
    if (!remembered || now >= remembered.expiresAt) return undefined;
    return remembered.fingerprint === fingerprint(input)
      ? { replay: remembered.response }
      : { mismatch: true };
  }

  remember(
    operation: string,
    token: string,
    input: Record<string, unknown>,
    response: EmulatorResponse,
    now: number,
  ): void {
    this.answers.set(`${operation}\n${token}`, {
      fingerprint: fingerprint(input),
      response,
      expiresAt: now + this.windowMs,
    });
  }

  clear(): void {
    this.answers.clear();
  }
}

/** The request's parameters without its token, with object keys sorted so member order does not matter. */
function fingerprint(input: Record<string, unknown>): string {
  const parameters = { ...input };
  delete parameters.clientToken;
  return JSON.stringify(parameters, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}
