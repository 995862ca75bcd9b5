// The emulator's own control API under /__emulator/ (for the CLI case, where a test cannot reach the
// in-process state): set a scenario, read the recorded requests, list runtimes, reset.
import { json, type EmulatorRequest, type EmulatorResponse, type RecordedRequest } from '../http.js';
import type { AgentCoreState, Scenario } from './state.js';

export const CONTROL_PREFIX = '/__emulator/';

export function controlApi(
  req: EmulatorRequest,
  state: AgentCoreState,
  requests: RecordedRequest[],
): EmulatorResponse {
  const route = `${req.method} ${req.path}`;
  try {
    switch (route) {
      case 'POST /__emulator/scenario':
        return json(200, state.applyScenario(JSON.parse(req.body || '{}') as Scenario));
      case 'POST /__emulator/reset':
        state.reset();
        return json(200, { reset: true });
      case 'GET /__emulator/requests':
        return json(200, {
          requests: requests.filter((r) => !r.path.startsWith(CONTROL_PREFIX)).map(redact),
        });
      case 'GET /__emulator/runtimes':
        return json(200, { runtimes: state.runtimes() });
      default:
        return json(404, {
          message: `${route} is not part of the control API (POST scenario, POST reset, GET requests, GET runtimes)`,
        });
    }
  } catch (err) {
    return json(400, { message: (err as Error).message });
  }
}

/** Recorded requests without signatures, session tokens or bearer tokens. */
export function redact(r: RecordedRequest): RecordedRequest {
  const headers = { ...r.headers };
  const auth = headers.authorization;
  if (auth)
    headers.authorization = auth.startsWith('AWS4-HMAC-SHA256')
      ? auth.replace(/Signature=[0-9a-f]+/, 'Signature=<redacted>')
      : '<redacted>';
  if (headers['x-amz-security-token']) headers['x-amz-security-token'] = '<redacted>';
  return { ...r, headers, body: r.body.replace(/(WebIdentityToken=)[^&]*/g, '$1<redacted>') };
}
