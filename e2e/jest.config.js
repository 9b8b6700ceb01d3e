/** Browser tests: the H5 build (dist-h5) against the local cloud, in Debian's Chromium. `npm run e2e`. */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2021' } }],
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@core/(.*)$': '<rootDir>/core/$1',
  },
  globalSetup: '<rootDir>/e2e/support/global-setup.ts',
  // one browser and one local cloud at a time: 2 cores
  maxWorkers: 1,
  testTimeout: 60_000,
}
