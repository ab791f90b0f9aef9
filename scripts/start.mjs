// `npm start`: build what changed, then run Fulcrum (api + worker in one process) on the
// embedded default unless DATABASE_URL / REDIS_URL / SMTP_URL say otherwise.
// `npm start -- --demo` loads the demo target database on an empty installation.
import { buildAll, run } from './lib.mjs';

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes('--demo')) env.DEMO = 'load';

await buildAll();
const child = run('node', ['backend/dist/main.js'], { env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {});
process.exit(await child);
