import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CreateEventRequest, EventDetail } from '@fulcrum/shared';
import type { HttpClient } from './http-client';

/** A phone in WeChat's in-app browser, about the size of an iPhone 14: how most attendees open the event pages. */
const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

export interface PhoneOptions {
  locale: string;
  timezoneId: string;
}

/** A fresh browser context (no console cookie) at a phone viewport, in the visitor's language and zone. */
export async function phoneContext(browser: Browser, options: PhoneOptions): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale,
    timezoneId: options.timezoneId,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: WECHAT_ANDROID_UA,
  });
  return { context, page: await context.newPage() };
}

/** An event an organizer created and scheduled through the API (its public page and registration open). */
export async function scheduleEvent(api: HttpClient, body: CreateEventRequest): Promise<EventDetail> {
  const created = await api.post('/api/v1/events', body);
  if (created.status !== 201) throw new Error(`creating the event failed: ${created.status} ${JSON.stringify(created.body)}`);
  const scheduled = await api.post(`/api/v1/events/${created.body.id}/status`, { status: 'scheduled' });
  if (scheduled.status !== 200) throw new Error(`scheduling the event failed: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  return scheduled.body;
}

/** The start and end of an event some weeks from now, on the hour. */
export function nextMonth(hours = 2): { startsAt: string; endsAt: string } {
  const start = new Date(Date.now() + 30 * 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  start.setUTCHours(6);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + hours * 3600_000).toISOString() };
}
