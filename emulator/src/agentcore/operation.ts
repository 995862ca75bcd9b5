// What every operation handler gets and returns. Handlers throw ServiceError for error answers.
import { raise } from './errors.js';
import type { AgentCoreState } from './state.js';
import type { Runtime } from './store.js';

export interface OperationContext {
  state: AgentCoreState;
  /** The JSON body merged with the path labels and query members, already validated against the model. */
  input: Record<string, unknown>;
  now: number;
}

/** Returns the response body (undefined for operations that answer 204 with no body). */
export type OperationHandler = (ctx: OperationContext) => Record<string, unknown> | undefined;

export function findRuntime({ state, input }: OperationContext): Runtime {
  const id = String(input.agentRuntimeId);
  return (
    state.store.runtimes.get(id) ?? raise('ResourceNotFoundException', `Agent runtime ${id} was not found`)
  );
}

/** Copies the members the model gives an input shape, leaving out everything else. */
export function pick(input: Record<string, unknown>, members: string[]): Record<string, unknown> {
  return Object.fromEntries(
    members.filter((m) => input[m] !== undefined && input[m] !== null).map((m) => [m, input[m]]),
  );
}
