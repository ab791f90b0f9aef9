// `npm test` runs every project; `npx nx test <project>` runs one.
module.exports = {
  projects: ['<rootDir>/shared', '<rootDir>/backend', '<rootDir>/frontend', '<rootDir>/tests'],
};
