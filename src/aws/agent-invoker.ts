// The one data-plane call the action makes: InvokeAgentRuntime, for the smoke test. The data-plane client
// is loaded only when a smoke test runs (a dynamic import, which ncc emits as a separate chunk), so a
// plain deploy neither loads nor parses it.
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { MAX_ATTEMPTS } from './runtime-gateway.js';

export interface InvokeRequest {
  runtimeArn: string;
  /** A version number (or an endpoint name). */
  qualifier: string;
  payload: string;
  /** 33 to 256 characters (the service's minimum and maximum). */
  sessionId: string;
  /** Sent as `Authorization: Bearer …` instead of a SigV4 signature (custom JWT authorizers). */
  bearerToken?: string;
  /** Aborts the call, including reading the answer. */
  signal: AbortSignal;
}

export interface InvokeAnswer {
  statusCode: number;
  contentType?: string;
  /** The answer's text, at most `MAX_ANSWER_BYTES` of it. */
  body: string;
}

export interface AgentInvoker {
  invoke(request: InvokeRequest): Promise<InvokeAnswer>;
}

/** Enough of a streamed answer to match an expectation against; the rest is not read. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export function createAgentInvoker(options: {
  region: string;
  credentials?: AwsCredentialIdentityProvider;
  userAgent: string;
}): AgentInvoker {
  return {
    async invoke(request) {
      // Endpoint: AWS_ENDPOINT_URL_BEDROCK_AGENTCORE, the SDK's standard variable, redirects it.
      const { BedrockAgentCoreClient, InvokeAgentRuntimeCommand } =
        await import('@aws-sdk/client-bedrock-agentcore');
      const client = new BedrockAgentCoreClient({
        region: options.region,
        // With a bearer token no AWS identity is involved: the signature is replaced below.
        credentials: request.bearerToken
          ? { accessKeyId: 'unused', secretAccessKey: 'unused' }
          : options.credentials,
        maxAttempts: Math.min(3, MAX_ATTEMPTS),
        retryMode: 'standard',
        customUserAgent: options.userAgent,
      });
      if (request.bearerToken) useBearerToken(client.middlewareStack, request.bearerToken);
      try {
        const answer = await client.send(
          new InvokeAgentRuntimeCommand({
            agentRuntimeArn: request.runtimeArn,
            qualifier: request.qualifier,
            runtimeSessionId: request.sessionId,
            contentType: 'application/json',
            accept: 'application/json, text/event-stream',
            payload: new TextEncoder().encode(request.payload),
          }),
          { abortSignal: request.signal },
        );
        return {
          statusCode: answer.statusCode ?? answer.$metadata.httpStatusCode ?? 200,
          contentType: answer.contentType,
          body: await readText(answer.response, request.signal),
        };
      } finally {
        client.destroy();
      }
    },
  };
}

interface MiddlewareStackLike {
  addRelativeTo(
    middleware: (
      next: (args: { request: unknown }) => Promise<unknown>,
    ) => (args: { request: unknown }) => Promise<unknown>,
    options: { name: string; relation: 'after'; toMiddleware: string },
  ): void;
}

/** Replaces the SigV4 signature with `Authorization: Bearer <token>` once the request is signed. */
function useBearerToken(stack: unknown, token: string): void {
  (stack as MiddlewareStackLike).addRelativeTo(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers;
      if (headers) {
        for (const name of Object.keys(headers))
          if (/^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i.test(name))
            delete headers[name];
        headers.authorization = `Bearer ${token}`;
      }
      return next(args);
    },
    { name: 'agentcoreDeployBearerToken', relation: 'after', toMiddleware: 'httpSigningMiddleware' },
  );
}

/** Reads the answer's text, up to MAX_ANSWER_BYTES, and stops reading when `signal` aborts. */
async function readText(body: unknown, signal: AbortSignal): Promise<string> {
  if (!body) return '';
  const stream = body as AsyncIterable<Uint8Array> & { destroy?: (err?: Error) => void };
  const abort = () => stream.destroy?.(new Error('aborted'));
  signal.addEventListener('abort', abort, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= MAX_ANSWER_BYTES) {
        stream.destroy?.();
        break;
      }
    }
  } finally {
    signal.removeEventListener('abort', abort);
  }
  signal.throwIfAborted();
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}
