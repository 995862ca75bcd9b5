// The entry point the runner executes (bundled into dist/index.js). All logic lives in main.ts.
import { run } from './main.js';

void run();
