// The "report" stage: the step outputs and the job summary of a deploy, written once at the end from
// whatever the run knows by then. After a failed wait, a failure inside apply after a change, a failed
// smoke test or endpoint move, or a cancelled job (SIGINT or SIGTERM from the runner), later steps still
// learn which runtime this run created or changed, and which version the endpoint serves.
import type { RuntimeRef } from '../aws/current-runtime.js';
import { renderDeploySummary } from '../report/deploy-summary.js';
import { writeJobSummary } from '../report/job-summary.js';
import { runtimeOutputs, type ActionOutputs } from '../report/outputs.js';
import { planJson } from '../report/plan-json.js';
import { renderPlanMarkdown } from '../report/plan-markdown.js';
import type { ReleaseSummary } from '../report/release-summary.js';
import { setOutputs } from '../report/set-outputs.js';
import type { ApplyResult } from './apply.js';
import type { EndpointAfter, EndpointBefore } from './promote.js';
import type { PlannedDeploy } from './plan.js';

/** What a deploy has done and seen so far; each stage adds to it. */
export interface DeployRecord {
  name: string;
  region: string;
  planned?: PlannedDeploy;
  /** The first call that changed the runtime, known before anything else can fail. */
  changed?: { operation: 'create' | 'update'; runtime: RuntimeRef };
  applied?: ApplyResult;
  /** endpoint-version: the version the endpoint is pointed at, the runtime left alone. */
  pinned?: string;
  /** The runtime as last seen (e.g. READY, or CREATE_FAILED after a failed wait). */
  runtime?: RuntimeRef;
  /** The version the smoke test and the endpoint are about. */
  releaseVersion?: string;
  smoke?: { passed: boolean; response?: string; why?: string };
  endpointBefore?: EndpointBefore;
  endpoint?: EndpointAfter;
  promotionFailed?: string;
  outputsWritten?: boolean;
}

/** Sets the outputs once (a second call, e.g. from a cancellation, does nothing). */
export function reportOutputs(record: DeployRecord): void {
  if (record.outputsWritten) return;
  const outputs: Partial<ActionOutputs> = { ...releaseOutputs(record) };
  const { applied, changed } = record;
  if (applied ?? changed)
    Object.assign(
      outputs,
      runtimeOutputs(
        record.runtime ?? changed!.runtime,
        (applied ?? changed)!.operation,
        applied?.changed ?? true,
      ),
      applied && { 'plan-markdown': renderPlanMarkdown(applied.plan), 'plan-json': planJson(applied.plan) },
    );
  else if (record.pinned && record.runtime)
    Object.assign(outputs, runtimeOutputs(record.runtime, 'none', false));
  if (Object.keys(outputs).length === 0) return;
  record.outputsWritten = true;
  setOutputs(outputs);
}

function releaseOutputs(record: DeployRecord): Partial<ActionOutputs> {
  const served =
    record.endpoint ??
    (record.endpointBefore && {
      arn: record.endpointBefore.existing?.arn,
      version: record.endpointBefore.existing?.liveVersion,
    });
  return {
    ...(served && { 'endpoint-arn': served.arn ?? '', 'endpoint-version': served.version ?? '' }),
    ...(record.smoke?.response !== undefined && { 'smoke-test-response': record.smoke.response }),
  };
}

export async function reportSummary(record: DeployRecord): Promise<void> {
  const { applied, runtime } = record;
  if (!runtime || !(applied || record.pinned)) return;
  await writeJobSummary(
    renderDeploySummary({
      name: record.name,
      region: record.region,
      operation: applied?.operation ?? 'none',
      runtime,
      previousVersion: applied?.plan.current?.version,
      changesMarkdown: applied ? renderPlanMarkdown(applied.plan, { as: 'changes' }) : '',
      release: releaseSummary(record),
    }),
  );
}

function releaseSummary(record: DeployRecord): ReleaseSummary | undefined {
  if (!record.releaseVersion || !(record.smoke || record.endpointBefore)) return undefined;
  return {
    endpointName: record.endpointBefore?.name,
    version: record.releaseVersion,
    // What it served when this run moved it (a move by another deploy may have settled in between).
    previousVersion: record.endpoint?.previousVersion ?? record.endpointBefore?.existing?.liveVersion,
    servedVersion: record.endpoint?.version,
    pinned: Boolean(record.pinned),
    smoke: record.smoke,
    promotionFailed: record.promotionFailed,
  };
}
