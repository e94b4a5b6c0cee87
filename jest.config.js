/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Many suites wait on child processes (synth, npm pack, the gate CLI): two workers keep both cores busy.
  maxWorkers: 2,
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
