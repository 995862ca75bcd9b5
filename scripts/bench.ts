// `npm run bench`: prints the figures we promise (BENCHMARKS.md) as Markdown tables, measured against the
// embedded emulator. Figures, not assertions: tests assert behaviour.
//   npm run bench                 every section, in the order below (about 11 minutes)
//   npm run bench -- ready noop   only those sections
// BENCH_TRANSITIONS=5,30 and BENCH_READY_RUNS / BENCH_NOOP_RUNS shorten runs while working on the bench.
import { bundle } from './bench/bundle.js';
import { matrix } from './bench/matrix.js';
import { noop } from './bench/noop.js';
import { ready } from './bench/ready.js';
import { scale } from './bench/scale.js';

const SECTIONS: Record<string, { about: string; run: () => Promise<void> }> = {
  bundle: { about: 'dist/*.js sizes', run: bundle },
  ready: { about: 'READY detection lag and call rate, ours beside the peers (about 6 min)', run: ready },
  noop: { about: 'no-op deploy of the bundle vs bare node, time to first AWS request', run: noop },
  scale: {
    about: 'lookup among 10 / 1,000 / 5,000 runtimes; API calls per operation vs the minimum',
    run: scale,
  },
  matrix: { about: '20 bundled deploys at once under an account-wide rate limit', run: matrix },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown section(s) ${unknown.join(', ')}; sections:`);
  for (const [name, { about }] of Object.entries(SECTIONS)) console.error(`  ${name.padEnd(8)} ${about}`);
  process.exit(2);
}
for (const [name, section] of Object.entries(SECTIONS))
  if (asked.length === 0 || asked.includes(name)) {
    const started = Date.now();
    await section.run();
    console.error(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
