const path = require('node:path');
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'frontend',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  moduleNameMapper: { ...preset.moduleNameMapper, '^@/(.*)$': path.join(__dirname, 'src/$1') },
};
