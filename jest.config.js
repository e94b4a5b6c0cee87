/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Many suites wait on child processes (synth, npm pack, the gate CLI, real servers): two workers
  // keep both cores busy.
  maxWorkers: 2,
  // Never Jest's 5 s default: on a busy machine a spawned synthesis alone may take many seconds.
  // Tests and hooks that spawn a lot say so with their own, longer timeout.
  testTimeout: 60_000,
  roots: ['<rootDir>/__tests__'],
  // One temporary folder for the run, removed at its end (see __tests__/support/temp-root.ts).
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
