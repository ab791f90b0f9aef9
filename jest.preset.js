// Shared by every project's jest.config.js: TypeScript through swc with decorator metadata on
// (Nest and TypeORM need it), `@fulcrum/shared` from source.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: { '^@fulcrum/shared$': path.join(__dirname, 'shared/src/index.ts') },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
