// The HTTP plumbing every emulated service shares: one node:http server per service on 127.0.0.1 with a
// random port, every request recorded for assertions, and the transport-level faults (added latency,
// dropped connections) applied before the service's own handler sees the request. Faults that must be
// answered in a service's own error format (throttling, 5xx) are counted here and formatted by the service.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServiceName = 'agentcore' | 'dataplane' | 'sts' | 'github' | 'oidc' | 'ecr' | 's3';

export interface EmulatorRequest {
  service: ServiceName;
  method: string;
  /** Decoded path without the query string, e.g. `/runtimes/my_agent-abcdefghij/`. */
  path: string;
  /** The path exactly as sent (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes, for services that take binary uploads (S3). */
  rawBody: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Handler = (req: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface RecordedRequest {
  service: ServiceName;
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  body: string;
  /** Status the emulator answered with; 0 when the connection was dropped. */
  status: number;
  time: number;
}

/** Faults that can be set for one service at any time; counters are consumed as requests arrive. */
export interface ServiceFaults {
  /** Milliseconds added before every answer. */
  latencyMs: number;
  /** The next N requests have their connection destroyed without an answer. */
  dropConnections: number;
  /** The next N requests are answered with a throttling error (429) in the service's format. */
  throttle: number;
  /** The next N requests are answered with a server error (500, or `serverErrorStatus`). */
  serverErrors: number;
  serverErrorStatus: number;
  /**
   * In-process only: when set, the faults above are met only by requests it accepts (e.g. only
   * `PUT /runtimes/`), so a test can aim a burst at one call of a sequence.
   */
  onlyFor?: (req: { method: string; path: string }) => boolean;
}

export const noFaults = (): ServiceFaults => ({
  latencyMs: 0,
  dropConnections: 0,
  throttle: 0,
  serverErrors: 0,
  serverErrorStatus: 500,
});

const aimedAt = (faults: ServiceFaults, req?: { method: string; path: string }): boolean =>
  !faults.onlyFor || (req !== undefined && faults.onlyFor(req));

/** Consumes one injected throttling or server error, if any is pending, and says which. */
export function takeInjectedError(
  faults: ServiceFaults,
  req?: { method: string; path: string },
): { kind: 'throttle' | 'server'; status: number } | undefined {
  if (!aimedAt(faults, req)) return undefined;
  if (faults.throttle > 0) {
    faults.throttle--;
    return { kind: 'throttle', status: 429 };
  }
  if (faults.serverErrors > 0) {
    faults.serverErrors--;
    return { kind: 'server', status: faults.serverErrorStatus };
  }
  return undefined;
}

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function listen(
  service: ServiceName,
  handler: Handler,
  options: { log: RecordedRequest[]; faults: ServiceFaults },
): Promise<RunningService> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rawPath = url.pathname;
      let path: string;
      try {
        path = decodeURIComponent(rawPath);
      } catch {
        path = rawPath;
      }
      const rawBody = Buffer.concat(chunks);
      const request: EmulatorRequest = {
        service,
        method: req.method ?? 'GET',
        path,
        rawPath,
        query: url.searchParams,
        headers: req.headers,
        body: rawBody.toString('utf8'),
        rawBody,
      };
      const record: RecordedRequest = {
        service,
        method: request.method,
        path,
        query: groupQuery(url.searchParams),
        headers: req.headers,
        // A binary upload (an S3 object) is recorded by its size, not as mangled text.
        body: service === 's3' && rawBody.length > 0 ? `<${rawBody.length} bytes>` : request.body,
        status: 0,
        time: Date.now(),
      };
      options.log.push(record);
      if (options.faults.latencyMs > 0) await sleep(options.faults.latencyMs);
      if (options.faults.dropConnections > 0 && aimedAt(options.faults, request)) {
        options.faults.dropConnections--;
        req.socket.destroy();
        return;
      }
      let response: EmulatorResponse;
      try {
        response = await handler(request);
      } catch (err) {
        response = json(500, { message: `emulator bug: ${(err as Error).stack ?? err}` });
      }
      record.status = response.status;
      res.writeHead(response.status, response.headers ?? {});
      res.end(response.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function groupQuery(params: URLSearchParams): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of params) (out[k] ??= []).push(v);
  return out;
}
