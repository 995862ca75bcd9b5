// Jest runs the TypeScript sources as native ESM through ts-jest (NODE_OPTIONS in the npm script
// turns on --experimental-vm-modules). Imports keep their `.js` suffix, as NodeNext requires.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60000,
  // The end-to-end suites mostly wait (for the action's polls, on emulated transitions): deploy.test.ts
  // spends 25 s of CPU in 182 s. Four workers on a 2-core machine halve the suite's wall time; timing
  // checks in the tests are written to hold on a loaded machine.
  maxWorkers: 4,
};
