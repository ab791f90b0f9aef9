import fs from 'node:fs';
import path from 'node:path';
import type { EventDetail } from '@fulcrum/shared';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';

describe('event materials: upload, list, rename, download, delete', () => {
  let t: TestApp;
  let cookie: string;
  let sales: string;
  let event: EventDetail;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setupAdmin(t, { email: 'mat@example.com', name: 'Mat Erial', password: 'materials password', locale: 'en' });
    sales = await createUserAndSignIn(t, cookie, { email: 'sue@example.com', name: 'Sue Sales', role: 'sales', password: 'sales password 1' });
    const start = Date.now() + 7 * 86400_000;
    event = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/events',
        headers: { cookie },
        payload: { title: 'Materials day', format: 'online', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3600_000).toISOString(), timeZone: 'Asia/Shanghai' },
      })
    ).json();
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (fileName: string, body: Buffer, as = cookie, title?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/materials?fileName=${encodeURIComponent(fileName)}${title ? `&title=${encodeURIComponent(title)}` : ''}`,
      headers: { cookie: as, 'content-type': 'application/octet-stream' },
      payload: body,
    });

  it('stores a file under DATA_DIR, lists it, serves it back byte for byte, renames and deletes it', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300_000, 7)]);
    const created = await upload('..\\..\\白皮书 2026.pdf', bytes, cookie, '智能制造白皮书');
    expect(created.statusCode).toBe(201);
    const material = created.json();
    expect(material).toMatchObject({ title: '智能制造白皮书', fileName: '白皮书 2026.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, createdByName: 'Mat Erial' });
    expect(fs.existsSync(path.join(t.dataDir, 'materials', event.id, material.id))).toBe(true);

    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}/materials`, headers: { cookie: sales } });
    expect(listed.json().map((m: { id: string }) => m.id)).toEqual([material.id]);
    const download = await t.app.inject({ method: 'GET', url: material.downloadUrl, headers: { cookie: sales } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('白皮书 2026.pdf')}`);
    expect(download.rawPayload.equals(bytes)).toBe(true);

    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/events/${event.id}/materials/${material.id}`, headers: { cookie }, payload: { title: 'Whitepaper' } });
    expect(renamed.json().title).toBe('Whitepaper');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/events/${event.id}/materials/${material.id}`, headers: { cookie } })).statusCode).toBe(204);
    expect(fs.existsSync(path.join(t.dataDir, 'materials', event.id, material.id))).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: material.downloadUrl, headers: { cookie } })).json().code).toBe('events.material_not_found');
  });

  it('refuses empty files, sales uploads and unknown events, leaving no file behind', async () => {
    const empty = await upload('empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('events.material_empty');
    expect((await upload('slides.pptx', Buffer.from('x'), sales)).statusCode).toBe(403);
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/00000000-0000-4000-8000-000000000000/materials?fileName=a.pdf`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('x'),
    });
    expect(unknown.json().code).toBe('events.not_found');
    const left = fs.existsSync(path.join(t.dataDir, 'materials', event.id)) ? fs.readdirSync(path.join(t.dataDir, 'materials', event.id)) : [];
    expect(left).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/events/${event.id}/materials`, headers: { cookie } })).json()).toEqual([]);
  });

  it('refuses a file over the limit as soon as it says so, and removes the files of a deleted draft', async () => {
    const declared = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/materials?fileName=huge.mp4`,
      headers: { cookie, 'content-type': 'application/octet-stream', 'content-length': String(300 * 1024 * 1024) },
      payload: Buffer.from('x'),
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().code).toBe('events.material_too_large');
    const kept = await upload('agenda.txt', Buffer.from('09:00 welcome'));
    expect(kept.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/events/${event.id}`, headers: { cookie } })).statusCode).toBe(204);
    expect(fs.existsSync(path.join(t.dataDir, 'materials', event.id))).toBe(false);
  });
});
