module.exports = { ...require('../jest.preset'), displayName: 'shared', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
