// The "report" stage: the step outputs and the job summary of a deploy, written once at the end from
// whatever the run knows by then. After a failed wait, a failure inside apply after a change, or a
// cancelled job (SIGINT or SIGTERM from the runner), later steps still learn which runtime this run
// created or changed, and in which status it was last seen.
import type { RuntimeRef } from '../aws/current-runtime.js';
import { renderDeploySummary } from '../report/deploy-summary.js';
import { writeJobSummary } from '../report/job-summary.js';
import { runtimeOutputs } from '../report/outputs.js';
import { planJson } from '../report/plan-json.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import { setOutputs } from '../report/set-outputs.js';
import type { ApplyResult } from './apply.js';

/** What a deploy has done and seen so far; each stage adds to it. */
export interface DeployRecord {
  name: string;
  region: string;
  /** The first call that changed the runtime, known before anything else can fail. */
  changed?: { operation: 'create' | 'update'; runtime: RuntimeRef };
  applied?: ApplyResult;
  /** The runtime as last seen (e.g. READY, or CREATE_FAILED after a failed wait). */
  runtime?: RuntimeRef;
  outputsWritten?: boolean;
}

/** Sets the outputs once (a second call, e.g. from a cancellation, does nothing). */
export function reportOutputs(record: DeployRecord): void {
  const { applied, changed } = record;
  if (record.outputsWritten || !(applied ?? changed)) return;
  record.outputsWritten = true;
  setOutputs({
    ...runtimeOutputs(
      record.runtime ?? changed!.runtime,
      (applied ?? changed)!.operation,
      applied?.changed ?? true,
    ),
    ...(applied && {
      'plan-markdown': renderPlanMarkdown(applied.plan),
      'plan-json': planJson(applied.plan),
    }),
  });
}

export async function reportSummary(record: DeployRecord): Promise<void> {
  const { applied, runtime } = record;
  if (!applied || !runtime) return;
  await writeJobSummary(
    renderDeploySummary({
      name: record.name,
      region: record.region,
      operation: applied.operation,
      runtime,
      previousVersion: applied.plan.current?.version,
      changesMarkdown: renderPlanMarkdown(applied.plan, { as: 'changes' }),
    }),
  );
}
