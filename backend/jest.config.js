const preset = require('../jest.preset');

module.exports = {
  ...preset,
  displayName: 'backend',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
  // Absolute imports inside the backend (`modules/...`, `common/...`) resolve from src/.
  moduleDirectories: ['node_modules', '<rootDir>/src'],
  testTimeout: 60_000,
};
