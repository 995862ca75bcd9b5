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
  // The end-to-end suites start emulators and child processes: two workers fit the 2-core machines.
  maxWorkers: 2,
};
