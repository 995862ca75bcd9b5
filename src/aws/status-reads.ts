// What one GetAgentRuntime read says about the change this run is waiting for. Right after a create or
// update, status reads can lag behind it: a read may still show the runtime as it was before (READY or
// *_FAILED of the previous version, or the previous status under the new version number). Terraform's
// waiter asks for READY twice in a row for this reason. Only this run's own outcome may end the wait.
import type { GetAgentRuntimeResponse } from '@aws-sdk/client-bedrock-agentcore-control';

export type ReadVerdict = 'ready' | 'failed' | 'pending';

const IN_PROGRESS = new Set(['CREATING', 'UPDATING']);
const FAILED = new Set(['CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED']);

export interface ExpectedChange {
  /** The version this run created: a READY or *_FAILED of an older version is a stale read. */
  atLeastVersion?: string;
  /**
   * This run has just created or updated the runtime, so a settled status (READY, *_FAILED) is believed
   * only once the change has been seen in progress, or when two reads in a row agree.
   */
  changedByThisRun?: boolean;
}

/** A judge of successive reads of one runtime (it remembers what it has seen). */
export function statusReadJudge(expected: ExpectedChange): (runtime: GetAgentRuntimeResponse) => ReadVerdict {
  let seenInProgress = false;
  let previousSettled: string | undefined;
  return (runtime) => {
    const status = runtime.status ?? '';
    // Someone deleted the runtime under the deploy: nothing to wait for.
    if (status === 'DELETING') return 'failed';
    const settled = status === 'READY' || FAILED.has(status);
    if (!settled || isOlder(runtime.agentRuntimeVersion, expected.atLeastVersion)) {
      if (IN_PROGRESS.has(status)) seenInProgress = true;
      previousSettled = undefined;
      return 'pending';
    }
    const key = `${status}@${runtime.agentRuntimeVersion}`;
    const believed = !expected.changedByThisRun || seenInProgress || previousSettled === key;
    previousSettled = key;
    if (!believed) return 'pending';
    return status === 'READY' ? 'ready' : 'failed';
  };
}

const isOlder = (version: string | undefined, wanted: string | undefined): boolean =>
  wanted !== undefined && version !== undefined && Number(version) < Number(wanted);
