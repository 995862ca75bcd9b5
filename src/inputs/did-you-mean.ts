// Suggests the field a user most likely meant when a config file has a key the API does not know.

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** `agent_runtime_name`, `AgentRuntimeName` and `agent-runtime-name` all fold to `agentruntimename`. */
const fold = (name: string) => name.replace(/[-_\s]/g, '').toLowerCase();

/** The allowed name closest to `name`, or undefined when none is close enough to be a plausible typo. */
export function didYouMean(name: string, allowed: readonly string[]): string | undefined {
  const sameWord = allowed.find((candidate) => fold(candidate) === fold(name));
  if (sameWord) return sameWord;
  // A shortened name: `metadataConfig`, `networkConfig`, `lifecycle`.
  const shortened = allowed.find(
    (candidate) => fold(name).length >= 6 && fold(candidate).startsWith(fold(name)),
  );
  if (shortened) return shortened;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = levenshtein(fold(name), fold(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // A third of the word may be mistyped (at least 2 edits), so `netwrokMode` finds `networkMode`
  // but `foo` does not find `tags`.
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return best && best.distance <= tolerance ? best.candidate : undefined;
}
