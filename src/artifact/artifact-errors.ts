// How the artifact step reports: a refusal names the input at fault (like an input error, and before
// any change), and what it has to say goes through a small log so tests can read it.

/** The artifact cannot run on AgentCore, or does not exist: refused before anything is changed. */
export class ArtifactRefusedError extends Error {
  override name = 'ArtifactRefusedError';
  /** The failure-reason output: the input names an artifact that cannot be deployed. */
  readonly failureReason = 'invalid-input' as const;

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export interface ArtifactLog {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
}
