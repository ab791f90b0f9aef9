import path from 'node:path';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('runs with nothing configured: the embedded default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, ROLE: 'all', LOG_LEVEL: 'info' });
    expect([config.DATABASE_URL, config.REDIS_URL, config.SMTP_URL]).toEqual([undefined, undefined, undefined]);
    expect(config.dataDir).toBe(path.resolve('.fulcrum'));
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('treats empty strings as unset and trims a trailing slash of PUBLIC_URL', () => {
    const config = loadConfig({ DATABASE_URL: '', REDIS_URL: ' ', PUBLIC_URL: 'https://events.example.com/' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.publicUrl).toBe('https://events.example.com');
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://redis' }, 'REDIS_URL'],
    [{ SMTP_URL: 'mail.example.com:25' }, 'SMTP_URL'],
    [{ ROLE: 'both' }, 'ROLE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/fulcrum' }, 'JWT_SECRET'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.join('\n')).toMatch(new RegExp(`^${variable}: `, 'm'));
    }
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: 'x', ROLE: 'y' })).toThrow(/PORT: [\s\S]*ROLE: /);
  });
});
