/**
 * The weapp runtime tests: the built mini-program (dist/) under WeChat's own template compiler and
 * component framework, against a local cloud. `npm run test:weapp` (builds first; --no-build skips it).
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e/weapp'],
  testMatch: ['<rootDir>/e2e/weapp/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2021' } }],
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@core/(.*)$': '<rootDir>/core/$1',
  },
  globalSetup: '<rootDir>/e2e/weapp/support/global-setup.ts',
  setupFiles: ['<rootDir>/e2e/weapp/support/render-layer.ts'],
  setupFilesAfterEnv: ['<rootDir>/e2e/weapp/support/setup-after-env.ts'],
  // one local cloud at a time: 2 cores
  maxWorkers: 1,
  testTimeout: 60_000,
}
