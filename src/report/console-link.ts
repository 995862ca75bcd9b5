// Where a runtime is in the AWS console. The one place the URL is built, so that when the console moves
// only this changes.

/**
 * The runtime's page in the AgentCore console, in the form public tools link to
 * (`https://<region>.console.aws.amazon.com/bedrock-agentcore/agents/<runtimeId>`).
 */
export function runtimeConsoleUrl(region: string, runtimeId: string): string {
  return `https://${encodeURIComponent(region)}.console.aws.amazon.com/bedrock-agentcore/agents/${encodeURIComponent(runtimeId)}`;
}
