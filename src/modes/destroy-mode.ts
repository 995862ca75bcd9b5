// Destroy mode: delete the runtime and its named endpoints, then report what was deleted. Like a deploy,
// the outputs are written once, at the end or on cancel, from whatever has been deleted by then.
import * as core from '@actions/core';
import type { RuntimeGateway } from '../aws/runtime-gateway.js';
import { destroyRuntime, type DestroyResult } from '../destroy/destroy.js';
import type { ActionSettings } from '../inputs/read-inputs.js';
import { renderDestroySummary } from '../report/destroy-summary.js';
import { writeJobSummary } from '../report/job-summary.js';
import type { ActionOutputs } from '../report/outputs.js';
import { setOutputs } from '../report/set-outputs.js';

export async function destroyMode(
  name: string,
  settings: ActionSettings,
  region: string,
  gateway: RuntimeGateway,
): Promise<void> {
  let seen: DestroyResult | undefined;
  let written = false;
  const writeOutputs = () => {
    if (written || !seen) return;
    written = true;
    setOutputs(destroyOutputs(seen));
  };
  const onCancel = () => {
    writeOutputs();
    setOutputs({ 'failure-reason': 'timeout' });
    process.exit(1);
  };
  process.once('SIGINT', onCancel).once('SIGTERM', onCancel);
  try {
    seen = await core.group(`Destroying ${name}`, () =>
      destroyRuntime(name, {
        gateway,
        deadline: Date.now() + settings.waitTimeoutSeconds * 1000,
        forceDestroy: settings.forceDestroy,
        log: core.info,
        warn: core.warning,
        onDeleted: (partial) => (seen = { ...partial, deletedEndpoints: [...partial.deletedEndpoints] }),
      }),
    );
  } finally {
    process.off('SIGINT', onCancel).off('SIGTERM', onCancel);
    writeOutputs();
    if (seen) await writeJobSummary(renderDestroySummary({ name, region, result: seen }));
  }
}

function destroyOutputs(result: DestroyResult): Partial<ActionOutputs> {
  const { runtime } = result;
  return {
    'agent-runtime-arn': runtime?.arn ?? '',
    'agent-runtime-id': runtime?.id ?? '',
    'agent-runtime-version': runtime?.version ?? '',
    // Once the runtime is gone, there is no service status left to report.
    status: result.gone ? 'DELETED' : result.deletedRuntime ? 'DELETING' : (runtime?.status ?? ''),
    'workload-identity-arn': runtime?.workloadIdentityArn ?? '',
    operation: result.operation,
    changed: result.operation === 'destroy' ? 'true' : 'false',
  };
}
