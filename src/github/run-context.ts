// What the runner tells about this run: the repository and the link to the run (its job summary).
import * as github from '@actions/github';

/** owner/repo of this run, when the runner says (github.context.repo throws otherwise). */
export function repository(): { owner: string; repo: string } | undefined {
  try {
    return github.context.repo;
  } catch {
    return undefined;
  }
}

/** The link to this run's job summary, when the runner gives enough to build it. */
export function runUrl(): string | undefined {
  const repo = repository();
  if (!repo || !github.context.runId) return undefined;
  return `${github.context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${github.context.runId}`;
}
