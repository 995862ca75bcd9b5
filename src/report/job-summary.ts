// Writing the step summary. A missing GITHUB_STEP_SUMMARY (a local run) or a full disk must not turn a
// successful deploy into a failed step: the summary is a report, not the work.
import * as core from '@actions/core';
import { fitSummary } from './deploy-summary.js';

export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(fitSummary(markdown)).write();
  } catch (err) {
    core.warning(`Could not write the job summary: ${(err as Error).message}`);
  }
}
