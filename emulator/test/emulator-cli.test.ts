// `npm run emulator` as a newcomer runs it: a child process that prints the export lines, writes the
// port file, serves the SDK and the control API, and stops cleanly on SIGTERM.
import {
  BedrockAgentCoreControlClient,
  ListAgentRuntimesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyOf, sleep } from './agentcore-fixtures.js';

const TSX = join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
const CLI = join(process.cwd(), 'emulator/src/cli.ts');

function runCli(args: string[]): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // jest's --experimental-vm-modules is not for the child
  const child = spawn(process.execPath, [TSX, CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('prints the exports, writes the port file, serves seeded runtimes and stops on SIGTERM', async () => {
  const portFile = join(dir, 'ports.json');
  const cli = runCli([
    '--port-file',
    portFile,
    '--seed',
    '3',
    '--transition-delay',
    '10',
    '--region',
    'eu-central-1',
  ]);
  try {
    for (let waited = 0; !existsSync(portFile) || !cli.output().includes('Ctrl-C'); waited += 50) {
      if (waited > 20_000) throw new Error(`the CLI did not start:\n${cli.output()}`);
      await sleep(50);
    }
    const { urls, env } = JSON.parse(readFileSync(portFile, 'utf8'));
    expect(cli.output()).toContain(`export AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL='${urls.agentcore}'`);
    expect(cli.output()).toContain(`export AWS_ENDPOINT_URL_STS='${urls.sts}'`);
    expect(cli.output()).toContain("export AWS_REGION='eu-central-1'");
    expect(cli.output()).toMatch(/export AWS_ACCESS_KEY_ID=\S+/);
    expect(env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL).toBe(urls.agentcore);

    const client = new BedrockAgentCoreControlClient({
      endpoint: urls.agentcore,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'AKIACLITEST000000001', secretAccessKey: 's' },
    });
    try {
      const listed = await client.send(new ListAgentRuntimesCommand({}));
      expect(listed.agentRuntimes?.map((r) => r.agentRuntimeName)).toEqual([
        'seeded_agent_0001',
        'seeded_agent_0002',
        'seeded_agent_0003',
      ]);
    } finally {
      client.destroy();
    }
    const scenario = await fetch(`${urls.agentcore}/__emulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({ seed: { count: 2, namePrefix: 'more' } }),
    });
    expect((await bodyOf<{ seeded: unknown[] }>(scenario)).seeded).toHaveLength(2);
    const { requests } = await bodyOf<{ requests: { path: string }[] }>(
      await fetch(`${urls.agentcore}/__emulator/requests`),
    );
    expect(requests.map((r: { path: string }) => r.path)).toEqual(['/runtimes/']);
  } finally {
    cli.child.kill('SIGTERM');
  }
  expect(await cli.exited).toBe(0);
}, 30_000);

it('refuses a malformed flag with a usage line and exit code 1', async () => {
  const cli = runCli(['--transition-delay', 'soon']);
  expect(await cli.exited).toBe(1);
  expect(cli.output()).toContain('--transition-delay must be a whole number');
  expect(cli.output()).toContain('usage: npm run emulator');
}, 30_000);
