// The "smoke" stage: READY does not mean healthy (a container that crashes on start is only reported
// when someone calls it), so before any named endpoint moves, the new version itself is invoked through
// the data plane: by version number as the qualifier, never through the endpoint, in a fresh session.
import { randomUUID } from 'node:crypto';
import type { AgentInvoker, InvokeAnswer } from '../aws/agent-invoker.js';
import { errorMessage, errorName } from '../aws/errors.js';
import { formatSeconds } from '../aws/wait.js';
import type { SmokeTestSettings } from '../inputs/release-settings.js';

/** The smoke-test-response output: the first 4 KB of the answer. */
export const RESPONSE_OUTPUT_BYTES = 4096;
/** Lines of the answer quoted in a failure message. */
const QUOTED_LINES = 10;

export interface SmokeResult {
  statusCode: number;
  /** The first 4 KB of the answer's text. */
  response: string;
}

export class SmokeTestFailedError extends Error {
  constructor(
    readonly version: string,
    readonly why: string,
    readonly statusCode?: number,
    readonly response?: string,
  ) {
    super(
      `The smoke test of version ${version} failed: ${why}` +
        (statusCode !== undefined ? ` (status ${statusCode})` : '') +
        (response ? `. The answer began:\n${firstLines(response)}` : ''),
    );
    this.name = 'SmokeTestFailedError';
  }
}

/** A runtime session id of the service's minimum length or more (33-256 characters), fresh each run. */
export const freshSessionId = (): string => `agentcore-deploy-smoke-${randomUUID()}`;

export async function smokeTest(
  invoker: AgentInvoker,
  target: { runtimeArn: string; version: string },
  settings: SmokeTestSettings,
  log: (message: string) => void,
): Promise<SmokeResult> {
  const { version } = target;
  const sessionId = freshSessionId();
  log(`Invoking version ${version} with ${settings.source} (session ${sessionId}).`);
  // The SDK's requestTimeout alone only logs a warning for a hung call: the abort really ends it.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutSeconds * 1000);
  let answer: InvokeAnswer;
  try {
    answer = await invoker.invoke({
      runtimeArn: target.runtimeArn,
      qualifier: version,
      payload: settings.payload,
      sessionId,
      bearerToken: settings.bearerToken,
      signal: controller.signal,
    });
  } catch (err) {
    if (controller.signal.aborted)
      throw new SmokeTestFailedError(
        version,
        `no answer within ${formatSeconds(settings.timeoutSeconds)} (smoke-test-timeout)`,
      );
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    throw new SmokeTestFailedError(version, `${errorName(err)}: ${errorMessage(err)}`, status);
  } finally {
    clearTimeout(timer);
  }
  const response = firstBytes(answer.body, RESPONSE_OUTPUT_BYTES);
  if (answer.statusCode >= 400)
    throw new SmokeTestFailedError(
      version,
      'the runtime answered with an error',
      answer.statusCode,
      answer.body,
    );
  if (settings.expect && !settings.expect.test(answer.body))
    throw new SmokeTestFailedError(
      version,
      `the answer does not match smoke-test-expect /${settings.expect.source}/`,
      answer.statusCode,
      answer.body,
    );
  log(
    `Version ${version} answered (status ${answer.statusCode})${settings.expect ? ` matching /${settings.expect.source}/` : ''}.`,
  );
  return { statusCode: answer.statusCode, response };
}

/** At most `bytes` bytes of UTF-8 text, cut on a character boundary. */
export function firstBytes(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return text;
  return new TextDecoder().decode(buffer.subarray(0, bytes)).replace(/\uFFFD$/, '');
}

function firstLines(text: string): string {
  const lines = firstBytes(text, 2000).split('\n');
  return (
    lines
      .slice(0, QUOTED_LINES)
      .map((l) => `  ${l}`)
      .join('\n') + (lines.length > QUOTED_LINES ? '\n  …' : '')
  );
}
