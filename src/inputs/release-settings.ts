// The inputs of a release: the named endpoint to promote (or pin), and the smoke invocation that gates
// the promotion. Checked with everything else, before any AWS call.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { AgentRuntimeSpec, SpecError } from '../spec/types.js';
import { parseDuration } from './parse.js';

export interface SmokeTestSettings {
  /** The payload's text (a JSON document). */
  payload: string;
  /** Where it came from, for messages: `smoke-test-payload` or the file. */
  source: string;
  /** The response body must match this; undefined: any successful answer. */
  expect?: RegExp;
  timeoutSeconds: number;
  /** For runtimes with a custom JWT authorizer. A secret. */
  bearerToken?: string;
}

export interface ReleaseSettings {
  endpointName?: string;
  endpointDescription?: string;
  /** Pin / roll back: point the endpoint at this existing version, leaving the runtime alone. */
  endpointVersion?: string;
  smokeTest?: SmokeTestSettings;
}

// The API model's EndpointName and AgentRuntimeVersion patterns.
const ENDPOINT_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,47}$/;
const VERSION = /^[1-9][0-9]{0,4}$/;
const MAX_DESCRIPTION = 256;
const DEFAULT_SMOKE_TIMEOUT_SECONDS = 60;

export function readReleaseSettings(
  getInput: (name: string) => string,
  workspace: string,
  options: { waitForReady: boolean },
): { release: ReleaseSettings; errors: SpecError[] } {
  const errors: SpecError[] = [];
  const error = (field: string, message: string) => void errors.push({ field, message });
  const release: ReleaseSettings = {};

  const name = getInput('endpoint-name');
  if (name) {
    release.endpointName = name;
    if (name.toUpperCase() === 'DEFAULT')
      error(
        'endpoint-name',
        'endpoint-name cannot be DEFAULT: the service moves DEFAULT to every new version itself; name an endpoint of your own, e.g. production',
      );
    else if (!ENDPOINT_NAME.test(name))
      error(
        'endpoint-name',
        `endpoint-name "${name}" is not allowed: a letter, then up to 47 letters, digits or underscores (no hyphens)`,
      );
  }

  const description = getInput('endpoint-description');
  if (description) {
    release.endpointDescription = description;
    if (!name) error('endpoint-description', 'endpoint-description needs endpoint-name');
    if (description.length > MAX_DESCRIPTION)
      error(
        'endpoint-description',
        `endpoint-description has ${description.length} characters; at most ${MAX_DESCRIPTION}`,
      );
  }

  const version = getInput('endpoint-version');
  if (version) {
    release.endpointVersion = version;
    if (!name)
      error(
        'endpoint-version',
        'endpoint-version needs endpoint-name: it says which version that endpoint serves',
      );
    if (!VERSION.test(version))
      error('endpoint-version', `endpoint-version must be a runtime version number like 3, not "${version}"`);
  }

  const payloadInput = getInput('smoke-test-payload');
  // (smoke-test-timeout has a default in action.yml, so it is always set.)
  const smokeInputs = ['smoke-test-expect', 'smoke-test-bearer-token'];
  if (payloadInput) {
    const payload = readPayload(payloadInput, workspace);
    if ('error' in payload) error('smoke-test-payload', payload.error);
    const smoke: SmokeTestSettings = {
      payload: 'text' in payload ? payload.text : '',
      source: 'source' in payload ? payload.source : 'smoke-test-payload',
      timeoutSeconds: DEFAULT_SMOKE_TIMEOUT_SECONDS,
    };
    const expect = getInput('smoke-test-expect');
    if (expect)
      try {
        smoke.expect = new RegExp(expect);
      } catch (err) {
        error(
          'smoke-test-expect',
          `smoke-test-expect is not a regular expression: ${(err as Error).message}`,
        );
      }
    const timeout = getInput('smoke-test-timeout');
    if (timeout) {
      const parsed = parseDuration(timeout, 'smoke-test-timeout');
      if (parsed.ok) smoke.timeoutSeconds = parsed.value;
      else error('smoke-test-timeout', parsed.message);
    }
    const token = getInput('smoke-test-bearer-token');
    if (token) smoke.bearerToken = token;
    release.smokeTest = smoke;
  } else
    for (const input of smokeInputs)
      if (getInput(input))
        error(input, `${input} needs smoke-test-payload: without a payload no smoke test runs`);

  if (!options.waitForReady && (name || payloadInput))
    error(
      'wait-for-ready',
      'wait-for-ready: false cannot be combined with endpoint-name or smoke-test-payload: a version is invoked and promoted only once it is READY',
    );
  return { release, errors };
}

/**
 * A runtime with a custom JWT authorizer refuses SigV4-signed invocations, so its smoke test needs the
 * bearer token. (For a pinned version the authorizer is that version's: checked once it is read.)
 */
export function checkSmokeAuth(release: ReleaseSettings, spec: AgentRuntimeSpec): SpecError[] {
  if (!release.smokeTest || release.smokeTest.bearerToken || release.endpointVersion) return [];
  if (!spec.authorizerConfiguration?.customJWTAuthorizer) return [];
  return [{ field: 'smoke-test-bearer-token', message: jwtWithoutTokenMessage() }];
}

export const jwtWithoutTokenMessage = (): string =>
  'the runtime has a custom JWT authorizer (authorizerConfiguration.customJWTAuthorizer), which refuses ' +
  'SigV4-signed invocations: smoke-test-payload needs smoke-test-bearer-token (a token the authorizer ' +
  'accepts, passed from a secret), or remove smoke-test-payload';

/** A JSON payload given inline, or `@path` of a file in the workspace. */
function readPayload(input: string, workspace: string): { text: string; source: string } | { error: string } {
  let text = input;
  let source = 'smoke-test-payload';
  if (input.startsWith('@')) {
    const path = input.slice(1).trim();
    const full = resolve(workspace, path);
    const rel = relative(workspace, full);
    if (!path || rel.startsWith('..') || isAbsolute(rel))
      return {
        error: `smoke-test-payload "${input}" must name a file inside the workspace, e.g. @smoke/payload.json`,
      };
    if (!existsSync(full) || !statSync(full).isFile())
      return { error: `smoke-test-payload names ${path}, which is not a file in the workspace` };
    text = readFileSync(full, 'utf8');
    source = path;
  }
  try {
    JSON.parse(text);
  } catch (err) {
    return { error: `smoke-test-payload (${source}) is not valid JSON: ${(err as Error).message}` };
  }
  return { text, source };
}
