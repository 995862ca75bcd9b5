// The wait schedules of the tools our users would otherwise pick, as small poll loops that call the real
// GetAgentRuntime through the SDK against the emulator, so they can be measured on the same transitions
// and in the same run as our waiter. Each resolves when that tool would consider the runtime READY.
import {
  GetAgentRuntimeCommand,
  type BedrockAgentCoreControlClient,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { sleep } from '../../src/util/sleep.js';

export type PeerWait = (client: BedrockAgentCoreControlClient, agentRuntimeId: string) => Promise<void>;

const statusOf = async (client: BedrockAgentCoreControlClient, agentRuntimeId: string) =>
  (await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }))).status;

/**
 * Terraform's aws_bedrockagentcore_agent_runtime: the SDK v2 helper/retry StateChangeConf refresh loop
 * (terraform-plugin-sdk helper/retry/state.go, WaitForStateContext): the first refresh at once, then waits
 * of 200 ms doubling to a 10 s cap (the wait is set to 100 ms and doubled before the first sleep), not
 * doubled while the target is being confirmed; ContinuousTargetOccurence 2, i.e. READY seen twice in a
 * row (peers.md).
 */
export const terraform: PeerWait = async (client, id) => {
  let wait = 0;
  let readyInARow = 0;
  for (;;) {
    await sleep(wait);
    if (wait === 0) wait = 100;
    if ((await statusOf(client, id)) === 'READY') {
      if (++readyInARow === 2) return;
    } else readyInARow = 0;
    if (readyInARow === 0) wait *= 2;
    wait = Math.min(wait, 10_000);
  }
};

/**
 * aws-actions/amazon-ecs-deploy-task-definition: the SDK's waitUntilServicesStable with minDelay 15 s and
 * the waiter's maxDelay 120 s (peers.md). The Smithy waiter (@smithy/util-waiter poller.ts) looks at once,
 * then sleeps a random time in [min, min * 2^(attempt-1)] until that would pass max, then max.
 */
export const ecsDeploy: PeerWait = async (client, id) => {
  const minDelay = 15;
  const maxDelay = 120;
  const attemptCeiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
  for (let attempt = 1; ; attempt++) {
    if ((await statusOf(client, id)) === 'READY') return;
    const delay =
      attempt > attemptCeiling
        ? maxDelay
        : minDelay + Math.random() * (minDelay * 2 ** (attempt - 1) - minDelay);
    await sleep(delay * 1000);
  }
};

/**
 * aws-actions/aws-lambda-deploy: a fixed 5 s poll (peers.md; Lambda's FunctionUpdated waiter is defined as
 * delay 5 s, 60 attempts = 5 min), looking at once. A copy of the action's source we read passes
 * `minDelay: 2` to the JS SDK's waitUntilFunctionUpdated instead (a jittered back-off from 2 s); we simulate
 * the fixed 5 s schedule that peers.md and the issue state.
 */
export const lambdaDeploy: PeerWait = async (client, id) => {
  for (;;) {
    if ((await statusOf(client, id)) === 'READY') return;
    await sleep(5000);
  }
};
