import { DataSource } from 'typeorm';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

describe('demo target database through the job queue, browsed through the companies API', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setupAdmin(t, { email: 'demo@example.com', name: 'Demo Admin', password: 'demo password 1', locale: 'zh-CN' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie } })).json();

  it('loads 600 companies with contacts, reporting progress until loaded', async () => {
    expect(await get('/api/v1/demo')).toMatchObject({ state: 'empty', companies: 0 });
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie }, payload: { companies: 600, seed: 7 } });
    expect(started.statusCode).toBe(201);
    expect(started.json().state).toBe('loading');
    const loaded = await waitFor(async () => {
      const status = await get('/api/v1/demo');
      return status.state === 'loaded' ? status : null;
    }, 60_000, 'demo loaded');
    expect(loaded.companies).toBe(600);
    expect(loaded.contacts).toBeGreaterThan(600 * 2 - 1);
    const [identities] = await t.app.get(DataSource).query(`SELECT count(*) FILTER (WHERE kind = 'email')::int AS emails FROM identities`);
    expect(identities.emails).toBe(loaded.contacts);
  });

  it('refuses to load the demo twice', async () => {
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie }, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('demo.already_loaded');
  });

  it('creates the demo sales owners as users without a password and assigns them', async () => {
    const page = await get('/api/v1/companies?pageSize=50');
    expect(page.items.every((company: { salesOwnerName: string | null }) => company.salesOwnerName)).toBe(true);
    const users = await get('/api/v1/users');
    expect(users.filter((user: { role: string }) => user.role === 'sales').length).toBeGreaterThanOrEqual(3);
  });

  it('searches, filters, sorts and pages on the server', async () => {
    const all = await get('/api/v1/companies?pageSize=5&page=2');
    expect(all).toMatchObject({ total: 600, page: 2, pageSize: 5 });
    expect(all.items).toHaveLength(5);

    const ka = await get('/api/v1/companies?tier=ka&pageSize=200');
    expect(ka.total).toBeGreaterThan(0);
    expect(ka.items.every((company: { tier: string }) => company.tier === 'ka')).toBe(true);

    const bySize = await get('/api/v1/companies?sort=-employees&pageSize=10');
    const sizes = bySize.items.map((company: { employees: number }) => company.employees);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));

    const first = all.items[0];
    const needle = first.name.slice(0, Math.min(4, first.name.length));
    const found = await get(`/api/v1/companies?q=${encodeURIComponent(needle)}`);
    expect(found.items.map((company: { id: string }) => company.id)).toContain(first.id);

    const wildcard = await get(`/api/v1/companies?q=${encodeURIComponent('%_%')}`);
    expect(wildcard.total).toBe(0);

    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/companies?pageSize=5000&sort=evil', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { path: string }) => d.path).sort()).toEqual(['pageSize', 'sort']);
  });
});
