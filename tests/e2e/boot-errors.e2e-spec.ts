import { freePort, runToFailure, tempDataDir } from '../support/app-process';

/** A bad configuration or an unreachable dependency stops the process at boot with a clear message. */
describe('boot refuses bad configuration with a message naming the problem', () => {
  const dataDir = tempDataDir('boot');

  it.each([
    [{ PORT: 'eighty' }, /PORT: .*(number|expected)/i],
    [{ DATABASE_URL: 'mysql://localhost/db' }, /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a URL starting with redis:\/\//],
    [{ ROLE: 'scheduler' }, /ROLE: /],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/db' }, /JWT_SECRET: required when NODE_ENV=production/],
  ])('%j', async (env, message) => {
    const { code, output } = await runToFailure({ DATA_DIR: dataDir, ...env });
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: Invalid configuration/);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
  });

  it('names an unreachable database', async () => {
    const port = await freePort();
    const { code, output } = await runToFailure({ DATA_DIR: dataDir, DATABASE_URL: `postgres://fulcrum@127.0.0.1:${port}/fulcrum` });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach PostgreSQL at 127.0.0.1:${port}/fulcrum (DATABASE_URL)`);
  });

  it('names an unreachable Redis', async () => {
    const port = await freePort();
    const { code, output } = await runToFailure({
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(output).toContain(`Cannot reach Redis at 127.0.0.1:${port} (REDIS_URL)`);
  });
});
