import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import { HttpClient } from '../support/http-client';

const field = (page: Page, path: string) => page.getByTestId(`field-${path}`);
const input = (page: Page, path: string) => field(page, path).locator('input, select, textarea').first();

/** The scripts a page loads and their size, to prove the attendee pages stay light and never pull the console's code. */
function scriptsOf(page: Page): { names: string[]; bytes(): Promise<number> } {
  const names: string[] = [];
  const sizes: Array<Promise<number>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    names.push(new URL(response.url()).pathname);
    sizes.push(response.body().then((body) => body.length, () => 0));
  });
  return { names, bytes: async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0) };
}

/**
 * Attendees on phones (WeChat's browser, zh-CN): the public page of an event, registering with the
 * form's own checks and the server's, the registrant's page with their status and share link, a
 * colleague registering through that link, cancelling, and the waitlist of a full event.
 */
describe('public event pages and registration in Chromium, on a phone', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  const contexts: BrowserContext[] = [];

  async function phone(locale: string, timezoneId: string): Promise<Page> {
    const { context, page } = await phoneContext(session.browser, { locale, timezoneId });
    contexts.push(context);
    return page;
  }

  async function registrations(eventId: string): Promise<any[]> {
    const list = await api.get(`/api/v1/events/${eventId}/registrations`);
    expect(list.status).toBe(200);
    return list.body.items;
  }

  beforeAll(async () => {
    session = await startConsole({ label: 'registration' });
    ({ app, api } = session);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await session?.close();
  });

  it('registers from a WeChat link, checks the fields, lands on the personal page, refers a colleague and cancels', async () => {
    const event = await scheduleEvent(api, {
      title: 'AI 创新峰会 2026',
      description: '<p>与行业领袖一起探讨 <strong>生成式 AI</strong> 在制造业的落地。</p><ul><li>主题演讲</li><li>圆桌讨论</li></ul>',
      format: 'hybrid',
      ...nextMonth(3),
      timeZone: 'Asia/Shanghai',
      venue: { name: '上海国际会议中心', address: '上海市浦东新区滨江大道 2727 号', directions: '地铁 2 号线陆家嘴站 1 号口' },
      agenda: [
        { time: '14:00', title: '开场致辞', speaker: null },
        { time: '14:15', title: '主题演讲：工厂里的大模型', speaker: '李伟' },
      ],
      speakers: [{ name: '李伟', title: 'CTO', company: '华东自动化', bio: '二十年工业软件经验。', photoUrl: null }],
      questions: [
        { key: 'role', label: '您的角色', type: 'select', required: true, options: ['IT', '业务', '管理层'] },
        { key: 'topics', label: '感兴趣的话题', type: 'multiselect', required: false, options: ['AI', '云', '数据'] },
      ],
    });

    const page = await phone('zh-CN', 'Asia/Shanghai');
    const scripts = scriptsOf(page);
    await page.goto(`${app.url}/e/${event.slug}?utm_source=wechat&utm_campaign=launch`);
    await page.getByTestId('event-title').filter({ hasText: 'AI 创新峰会 2026' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('AI 创新峰会 2026');
    expect(await page.getByTestId('event-format').textContent()).toBe('线下 + 线上');
    expect(await page.getByTestId('event-time').textContent()).toContain('14:00–17:00');
    expect(await page.getByTestId('event-time').textContent()).toContain('Asia/Shanghai, GMT+8');
    // The visitor is in the event's zone: one time, not two.
    expect(await page.getByTestId('visitor-time').count()).toBe(0);
    expect(await page.getByTestId('event-venue').textContent()).toContain('滨江大道 2727 号');
    expect(await page.getByTestId('event-description').locator('strong').textContent()).toBe('生成式 AI');
    expect(await page.getByTestId('event-agenda').textContent()).toContain('主题演讲：工厂里的大模型');
    expect(await page.getByTestId('event-speakers').textContent()).toContain('华东自动化');
    expect(await page.getByTestId('registration-submit').textContent()).toBe('提交报名');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-landing.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-landing-full.png'), fullPage: true });
    // A light page: none of the console's code (antd, its router, its entry) came with it; React and zod are most of it.
    expect(scripts.names.some((name) => name.includes('/attend-'))).toBe(true);
    expect(scripts.names.filter((name) => /vendor-antd|vendor-router|\/index-/.test(name))).toEqual([]);
    expect(await scripts.bytes()).toBeLessThan(420_000);

    // A mistyped address and no answer to the required question: both said on their fields, nothing sent.
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/registrations')) posted++;
    });
    await input(page, 'name').fill('王伟');
    await input(page, 'email').fill('wang.wei@example');
    await input(page, 'company').fill('东方制造');
    await page.getByTestId('registration-submit').click();
    await page.getByTestId('problem-email').waitFor();
    expect(await page.getByTestId('problem-email').textContent()).toContain('请输入有效的邮箱地址');
    expect(await page.getByTestId('problem-answers.role').textContent()).toBe('请选择一个选项');
    expect(await field(page, 'email').getAttribute('data-invalid')).toBe('true');
    expect(await page.getByTestId('registration-banner').textContent()).toBe('请修改标出的字段。');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('attend-email');
    expect(posted).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-errors.png') });

    // Fixing a field clears its problem as the visitor types.
    await input(page, 'email').fill('wang.wei@example.com');
    await page.getByTestId('problem-email').waitFor({ state: 'detached' });
    await input(page, 'answers.role').selectOption('IT');
    await page.getByTestId('problem-answers.role').waitFor({ state: 'detached' });
    await field(page, 'answers.topics').getByText('AI', { exact: true }).click();

    // The connection drops on sending: a banner says what to do, and nothing typed is lost.
    await page.route('**/api/v1/public/events/*/registrations', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('registration-submit').click();
    await page.getByTestId('registration-banner').filter({ hasText: '无法连接服务器' }).waitFor();
    expect(await input(page, 'email').inputValue()).toBe('wang.wei@example.com');
    expect(await input(page, 'answers.role').inputValue()).toBe('IT');
    // A field problem from the server lands on its field, too.
    await page.unroute('**/api/v1/public/events/*/registrations');
    await page.route('**/api/v1/public/events/*/registrations', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 400, code: 'validation.failed', message: 'x', details: [{ path: 'answers.role', message: 'Choose one of the options' }] }),
      }),
    );
    await page.getByTestId('registration-submit').click();
    await page.getByTestId('problem-answers.role').filter({ hasText: '请选择一个选项' }).waitFor();
    expect(await input(page, 'name').inputValue()).toBe('王伟');
    await page.unroute('**/api/v1/public/events/*/registrations');

    await page.getByTestId('registration-submit').click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{40,}$/);
    const firstLink = page.url();
    const status = page.getByTestId('registration-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('registered');
    expect(await status.textContent()).toContain('报名成功');
    expect(await page.getByTestId('registration-explain').textContent()).toContain('wang.wei@example.com');
    await page.getByTestId('calendar-outlook').waitFor();
    expect(new URL((await page.getByTestId('calendar-google').getAttribute('href')) ?? '').searchParams.get('text')).toBe('AI 创新峰会 2026');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-mine.png'), fullPage: true });

    const [first] = await registrations(event.id);
    expect(first).toMatchObject({
      email: 'wang.wei@example.com',
      name: '王伟',
      company: '东方制造',
      status: 'registered',
      source: 'open',
      utm: { source: 'wechat', campaign: 'launch' },
      answers: { role: 'IT', topics: ['AI'] },
    });

    // The share link: copied with the button, opened by a colleague in London on an English phone.
    const shareLink = await page.getByTestId('share-link').inputValue();
    expect(shareLink).toMatch(new RegExp(`^${app.url}/e/${event.slug}\\?ref=[A-Za-z0-9_-]+$`));
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await page.getByTestId('share-copy').click();
    await page.getByTestId('share-copy').filter({ hasText: '已复制' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shareLink);

    const colleague = await phone('en-GB', 'Europe/London');
    await colleague.goto(shareLink);
    await colleague.getByTestId('event-title').waitFor();
    expect(await colleague.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await colleague.getByTestId('registration-submit').textContent()).toBe('Register');
    // Her own clock as well as the event's.
    expect(await colleague.getByTestId('visitor-time').textContent()).toMatch(/Your time \(Europe\/London, GMT\+[01]\).*0[67]:00–(09|10):00/);
    await colleague.screenshot({ path: path.join(ARTIFACTS, 'registration-landing-en.png') });
    await input(colleague, 'name').fill('Li Na');
    await input(colleague, 'email').fill('li.na@example.com');
    await input(colleague, 'answers.role').selectOption('业务');
    await colleague.getByTestId('registration-submit').click();
    await colleague.waitForURL(/\/r\/[A-Za-z0-9_-]{40,}$/);
    await colleague.getByTestId('registration-status').waitFor();
    expect(await colleague.getByTestId('registration-status').textContent()).toContain('Registered');
    const second = (await registrations(event.id)).find((r) => r.email === 'li.na@example.com');
    expect(second).toMatchObject({ source: 'referral', referredByName: '王伟', status: 'registered' });

    // The same address again: nothing new, the confirmation goes out again, and no personal link is shown.
    await colleague.goto(shareLink);
    await input(colleague, 'name').fill('Wang Wei');
    await input(colleague, 'email').fill('WANG.WEI@example.com');
    await input(colleague, 'answers.role').selectOption('IT');
    await colleague.getByTestId('registration-submit').click();
    await colleague.getByTestId('registration-already').waitFor();
    expect(await colleague.getByTestId('registration-already').textContent()).toContain('You are already registered');
    expect(colleague.url()).toBe(shareLink);
    await colleague.screenshot({ path: path.join(ARTIFACTS, 'registration-already.png') });
    expect(await registrations(event.id)).toHaveLength(2);

    // The switch changes the language.
    await colleague.getByTestId('language-switch').click();
    await colleague.getByTestId('registration-already').filter({ hasText: '您已报名' }).waitFor();

    // Cancelling asks first; keeping it changes nothing.
    await page.goto(firstLink);
    await page.getByTestId('cancel-start').click();
    expect(await page.getByTestId('cancel').textContent()).toContain('AI 创新峰会 2026');
    await page.getByTestId('cancel-keep').click();
    await page.getByTestId('cancel-start').click();
    await page.getByTestId('cancel-confirm').click();
    await page.locator('[data-testid="registration-status"][data-status="cancelled"]').waitFor();
    expect(await page.getByTestId('cancel').count()).toBe(0);
    await page.getByTestId('register-again').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-cancelled.png'), fullPage: true });
    expect((await registrations(event.id)).find((r) => r.email === 'wang.wei@example.com')).toMatchObject({ status: 'cancelled' });

    // A link that is not (or no longer) valid, and an event that does not exist.
    await page.goto(`${app.url}/r/${'x'.repeat(43)}`);
    await page.getByTestId('token-invalid').filter({ hasText: '此链接无效' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-bad-link.png') });
    await page.goto(`${app.url}/e/no-such-event-abc234`);
    await page.getByTestId('event-not-found').filter({ hasText: '未找到活动' }).waitFor();
  });

  it('puts the next person on the waitlist of a full event, and moves them up when a seat frees', async () => {
    const event = await scheduleEvent(api, { title: 'Executive roundtable', format: 'onsite', ...nextMonth(), timeZone: 'Asia/Shanghai', capacity: 1, venue: { name: 'Fulcrum HQ', address: null, directions: null } });
    const public_ = new HttpClient(app.url);
    const seated = await public_.post(`/api/v1/public/events/${event.slug}/registrations`, { name: 'Zhao Min', email: 'zhao.min@example.com' });
    expect(seated.status).toBe(201);
    expect(seated.body).toMatchObject({ status: 'registered', created: true });

    const page = await phone('zh-CN', 'Asia/Shanghai');
    await page.goto(`${app.url}/e/${event.slug}`);
    await page.getByTestId('registration-full').waitFor();
    expect(await page.getByTestId('registration-full').textContent()).toContain('候补');
    expect(await page.getByTestId('registration-submit').textContent()).toBe('加入候补');
    await input(page, 'name').fill('孙丽');
    await input(page, 'email').fill('sun.li@example.com');
    await input(page, 'phone').fill('138 0013 8000');
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-full.png'), fullPage: true });
    await page.getByTestId('registration-submit').click();
    await page.waitForURL(/\/r\/[A-Za-z0-9_-]{40,}$/);
    await page.locator('[data-testid="registration-status"][data-status="waitlisted"]').waitFor();
    expect(await page.getByTestId('registration-explain').textContent()).toContain('排第 1 位');
    // A waitlisted person gets no calendar links yet, but may still share and cancel.
    expect(await page.getByTestId('calendar').count()).toBe(0);
    await page.getByTestId('share-link').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-waitlist.png'), fullPage: true });
    expect((await registrations(event.id)).find((r) => r.email === 'sun.li@example.com')).toMatchObject({ status: 'waitlisted', phone: '+8613800138000' });

    // The seated person cancels: the first on the waitlist gets the seat.
    expect((await public_.post(`/api/v1/public/registrations/${seated.body.token}/cancel`)).status).toBe(200);
    await page.reload();
    await page.locator('[data-testid="registration-status"][data-status="registered"]').waitFor();
  });

  it('explains approval, invitation-only and ended events', async () => {
    const page = await phone('zh-CN', 'Asia/Shanghai');

    const approval = await scheduleEvent(api, { title: 'Partner day', format: 'online', ...nextMonth(), timeZone: 'Asia/Shanghai', registrationMode: 'approval' });
    await page.goto(`${app.url}/e/${approval.slug}`);
    await page.getByTestId('registration-approval').waitFor();
    expect(await page.getByTestId('registration-submit').textContent()).toBe('提交报名申请');
    await input(page, 'name').fill('周杰');
    await input(page, 'email').fill('zhou.jie@example.com');
    await page.getByTestId('registration-submit').click();
    await page.locator('[data-testid="registration-status"][data-status="pending"]').waitFor();
    expect(await page.getByTestId('registration-explain').textContent()).toContain('审核');

    const invite = await scheduleEvent(api, { title: 'Board dinner', format: 'online', ...nextMonth(), timeZone: 'Asia/Shanghai', registrationMode: 'invite' });
    await page.goto(`${app.url}/e/${invite.slug}`);
    await page.getByTestId('registration-closed').filter({ hasText: '仅限受邀' }).waitFor();
    expect(await page.getByTestId('registration-form').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'registration-invite-only.png') });

    const ended = await scheduleEvent(api, { title: 'Last year’s webinar', format: 'online', ...nextMonth(), timeZone: 'Asia/Shanghai' });
    for (const status of ['live', 'ended']) expect((await api.post(`/api/v1/events/${ended.id}/status`, { status })).status).toBe(200);
    await page.goto(`${app.url}/e/${ended.slug}`);
    await page.getByTestId('registration-closed').filter({ hasText: '活动已结束' }).waitFor();
    expect(await page.getByTestId('register-cta').count()).toBe(0);
  });
});
