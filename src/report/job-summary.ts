// Writing the step summary. A missing GITHUB_STEP_SUMMARY (a local run) or a full disk must not turn a
// successful deploy into a failed step: the summary is a report, not the work.
import * as core from '@actions/core';

export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(fitSummary(markdown)).write();
  } catch (err) {
    core.warning(`Could not write the job summary: ${(err as Error).message}`);
  }
}

/** GitHub rejects a step summary over 1 MiB; keep a margin for the runner's own additions. */
const SUMMARY_LIMIT_BYTES = 1_000_000;

/** Cuts a summary on a line boundary so it stays under the step-summary limit. */
export function fitSummary(markdown: string, limit = SUMMARY_LIMIT_BYTES): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note =
    '\n\n_The summary was cut to fit GitHub’s 1 MiB step-summary limit; see `plan-json` for everything._\n';
  let size = Buffer.byteLength(note);
  const kept: string[] = [];
  for (const line of markdown.split('\n')) {
    size += Buffer.byteLength(line) + 1;
    if (size > limit) break;
    kept.push(line);
  }
  return kept.join('\n') + note;
}
