// `npm run migration:create -- add-events-table`: writes a timestamped migration and registers it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: npm run migration:create -- <kebab-case-name>   (e.g. add-events-table)');
  process.exit(2);
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'database', 'migrations');
const stamp = Date.now();
const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()) + stamp;
const file = `${stamp}-${name}`;
fs.writeFileSync(
  path.join(dir, `${file}.ts`),
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(db: QueryRunner): Promise<void> {
    await db.query(\`\`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(\`\`);
  }
}
`,
);
const index = path.join(dir, 'index.ts');
let source = fs.readFileSync(index, 'utf8');
const imports = [...source.matchAll(/^import .*;$/gm)];
const afterImports = imports.length ? imports[imports.length - 1].index + imports[imports.length - 1][0].length : 0;
source = `${source.slice(0, afterImports)}\nimport { ${className} } from './${file}';${source.slice(afterImports)}`;
source = source.replace(/(export const MIGRATIONS = \[[^\]]*)\]/, `$1, ${className}]`);
fs.writeFileSync(index, source);
console.log(`created src/database/migrations/${file}.ts and registered it in migrations/index.ts`);
