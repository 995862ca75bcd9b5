// The marker tag: every runtime this action creates carries it, and only a runtime that carries it is
// deleted by `mode: destroy` (unless `force-destroy`). It is the action's own tag, not the user's: tag
// reconciliation never removes it and plans never show it.

/** A namespaced key, so it cannot clash with a team's own `managed-by` convention. */
export const MARKER_TAG_KEY = 'agentcore-deploy:managed';
export const MARKER_TAG_VALUE = 'true';

/** The tags a runtime is created with: the user's, plus the marker. */
export function withMarker(tags: Record<string, string> | undefined): Record<string, string> {
  return { ...tags, [MARKER_TAG_KEY]: MARKER_TAG_VALUE };
}

/** A runtime's tags as the user sees and manages them: without the marker. */
export function withoutMarker(tags: Record<string, string>): Record<string, string> {
  const { [MARKER_TAG_KEY]: _marker, ...rest } = tags;
  return rest;
}

/** Whether this action created the runtime with these tags. */
export function carriesMarker(tags: Record<string, string>): boolean {
  return Object.hasOwn(tags, MARKER_TAG_KEY) && tags[MARKER_TAG_KEY] === MARKER_TAG_VALUE;
}
