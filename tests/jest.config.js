module.exports = {
  ...require('../jest.preset'),
  displayName: 'tests',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts', '<rootDir>/browser/**/*.e2e-spec.ts'],
  testTimeout: 120_000,
};
