// The desired state of one Agent Runtime: the CreateAgentRuntime request without its idempotency token,
// plus the update-only `metadataConfiguration`, exactly as users write it in a config file (camelCase).
import type {
  CreateAgentRuntimeRequest,
  RuntimeMetadataConfiguration,
} from '@aws-sdk/client-bedrock-agentcore-control';

export type AgentRuntimeSpec = Omit<CreateAgentRuntimeRequest, 'clientToken'> & {
  metadataConfiguration?: RuntimeMetadataConfiguration;
};

/** One problem with the user's input: where it is, what is wrong, and what is allowed. */
export interface SpecError {
  /** Input name (`agent-runtime-name`) or API path (`networkConfiguration.networkModeConfig.subnets[0]`). */
  field: string;
  message: string;
  /** Where in the config file the value sits, when it came from the file. */
  file?: string;
  line?: number;
  column?: number;
}
