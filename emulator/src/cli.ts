// `npm run emulator`: starts every emulated service, prints where they listen and the lines to paste
// so the AWS SDK (and the action) use them, and runs until Ctrl-C.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './index.js';

const USAGE = `usage: npm run emulator -- [--transition-delay <ms>] [--seed <count>] [--region <region>] [--port-file <path>]`;

/** Fake keys: the emulator accepts any static key unless a scenario sets an allow-list. */
const DUMMY_KEYS = {
  AWS_ACCESS_KEY_ID: 'AKIAEMULATOREXAMPLE1',
  AWS_SECRET_ACCESS_KEY: 'emulator-dummy-secret-key',
};

function wholeNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new Error(
      `${flag} must be a whole number of ${flag === '--seed' ? 'runtimes' : 'milliseconds'}, not "${value}"\n${USAGE}`,
    );
  return Number(value);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'transition-delay': { type: 'string' },
      seed: { type: 'string' },
      region: { type: 'string' },
      'port-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const transitionDelayMs = wholeNumber(values['transition-delay'], '--transition-delay') ?? 2000;
  const seed = wholeNumber(values.seed, '--seed');
  const emulator = await startEmulator({ region: values.region, transitionDelayMs });
  if (seed) emulator.agentcore.seed({ count: seed });

  if (values['port-file'])
    writeFileSync(values['port-file'], JSON.stringify({ urls: emulator.urls, env: emulator.env }, null, 2));

  const exports = { ...emulator.env, ...DUMMY_KEYS };
  console.log(
    [
      `AgentCore emulator running (region ${emulator.agentcore.region}, account ${emulator.agentcore.accountId}, transitions ${transitionDelayMs} ms${seed ? `, ${seed} seeded runtimes` : ''})`,
      ...Object.entries(emulator.urls).map(([name, url]) => `  ${name.padEnd(10)} ${url}`),
      '',
      'Point the AWS SDK (and the action) at it:',
      ...Object.entries(exports).map(([k, v]) => `export ${k}='${v}'`),
      '',
      `Scenarios: curl -X POST ${emulator.urls.agentcore}/__emulator/scenario -d '{"throttle":3}'`,
      `Requests:  curl ${emulator.urls.agentcore}/__emulator/requests`,
      'Ctrl-C to stop.',
    ].join('\n'),
  );

  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
