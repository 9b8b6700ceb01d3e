/** Unit and integration tests (jest). e2e has its own config in e2e/. */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/core',
    '<rootDir>/server',
    '<rootDir>/testing',
    '<rootDir>/local-cloud',
    '<rootDir>/cloudfunctions',
    '<rootDir>/src',
    '<rootDir>/scripts',
  ],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2021',
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@core/(.*)$': '<rootDir>/core/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-h5/'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.ts',
  testTimeout: 60000,
}
