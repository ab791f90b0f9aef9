// `npm test` runs every project; `npx nx test <project>` runs one. testTimeout is a global option
// (ignored inside projects): integration and end-to-end tests start real processes.
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/backend', '<rootDir>/frontend', '<rootDir>/tests'],
  testTimeout: 120_000,
};
