// `npm run bench -- <name> [options]`: builds, then runs tests/bench/<name>.bench.mjs.
// Every benchmark ends with one line `<name>: ours=<v> baseline=<v> ratio=<ours/baseline> unit=<u>`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll, run } from './lib.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'tests', 'bench');
const available = fs.readdirSync(benchDir).filter((f) => f.endsWith('.bench.mjs')).map((f) => f.replace('.bench.mjs', ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [options]\navailable: ${available.join(', ')}`);
  process.exit(2);
}
await buildAll();
process.exit(await run('node', [path.join(benchDir, `${name}.bench.mjs`), ...args], { cwd: root }));
