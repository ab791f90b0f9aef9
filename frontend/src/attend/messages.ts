import type { Locale } from '@fulcrum/shared';

/**
 * The attendee pages' own dictionary: a few dozen strings, bundled with the page rather than the
 * console's i18next locales (which would bring i18next and every console string to a phone).
 * `{name}` placeholders are filled by `translate`.
 */
const en = {
  'app.language': '中文',
  'app.languageLabel': 'Switch to Chinese',
  'app.loading': 'Loading…',
  'app.retry': 'Try again',
  'app.loadFailed': 'The page could not be loaded. Check your connection and try again.',

  'notFound.title': 'Event not found',
  'notFound.text': 'This event does not exist or is not published yet. Check the link you were sent.',
  'badToken.title': 'This link is not valid',
  'badToken.text':
    'Your personal link may have been replaced by a newer one (after registering again). Use the link in your latest confirmation email, or register again from the event page.',

  'format.online': 'Online',
  'format.onsite': 'On-site',
  'format.hybrid': 'On-site and online',
  'when.eventZone': 'Event time ({zone})',
  'when.visitorZone': 'Your time ({zone})',
  'venue.title': 'Venue',
  'venue.directions': 'Getting there',
  'about.title': 'About this event',
  'agenda.title': 'Agenda',
  'speakers.title': 'Speakers',

  'register.cta': 'Register',
  'register.title': 'Register',
  'register.submit': 'Register',
  'register.submitWaitlist': 'Join the waitlist',
  'register.submitApproval': 'Send my registration',
  'register.submitting': 'Sending…',
  'register.required': 'Required',
  'register.full': 'This event is full — you will join the waitlist, and we will email you if a seat frees up.',
  'register.approval': 'Your registration will be reviewed by the organizer; we will email you the decision.',
  'register.closed.ended': 'This event has ended, so registration is closed.',
  'register.closed.invite': 'This event is by invitation only: register from the personal link in your invitation email.',
  'register.closed.other': 'Registration for this event is closed.',
  'register.fixErrors': 'Please correct the highlighted fields.',
  'register.multiselectHint': 'Choose all that apply',
  'register.selectPlaceholder': 'Choose…',

  'field.name': 'Name',
  'field.email': 'Email',
  'field.company': 'Company',
  'field.title': 'Job title',
  'field.phone': 'Mobile phone',
  'field.optional': 'optional',

  'problem.nameRequired': 'Enter your name',
  'problem.emailRequired': 'Enter your email address',
  'problem.emailInvalid': 'Enter a valid email address, e.g. name@company.com',
  'problem.phoneInvalid': 'Enter a valid phone number, e.g. 138 0013 8000 or +44 20 7946 0000',
  'problem.answerRequired': 'This answer is required',
  'problem.chooseOne': 'Choose one of the options',
  'problem.chooseAtLeastOne': 'Choose at least one option',
  'problem.confirm': 'Please tick to confirm',
  'problem.tooLong': 'At most {max} characters',
  'problem.invalid': 'Check this answer',

  'error.closed': 'Registration closed a moment ago. Reload the page to see the event’s current state.',
  'error.inviteOnly': 'This event is by invitation only: register from the personal link in your invitation email.',
  'error.notFound': 'This event is no longer available. Reload the page.',
  'error.network': 'We could not reach the server. Check your connection and send the form again — what you typed is kept.',
  'error.throttled': 'Too many attempts. Wait a minute and send the form again.',
  'error.server': 'Something went wrong on our side. Send the form again in a moment — what you typed is kept.',
  'error.cancelFailed': 'The registration could not be cancelled. Try again in a moment.',
  'error.cancelOver': 'The event is over, so the registration can no longer be cancelled.',

  'already.title': 'You are already registered',
  'already.text': 'This email address registered for this event before. We’ve sent your confirmation email again — your personal link is in it.',
  'already.back': 'Register someone else',

  'mine.hello': 'Hello, {name}',
  'mine.status': 'Your registration',
  'mine.status.registered': 'Registered',
  'mine.status.waitlisted': 'On the waitlist',
  'mine.status.pending': 'Pending approval',
  'mine.status.rejected': 'Not accepted',
  'mine.status.cancelled': 'Cancelled',
  'mine.explain.registered': 'Your seat is reserved. The confirmation, with a calendar entry, has been sent to {email}.',
  'mine.explain.waitlisted': 'You are number {position} on the waitlist. We will email {email} as soon as a seat frees up.',
  'mine.explain.pending': 'The organizer reviews each registration. We will email {email} when it is decided.',
  'mine.explain.rejected': 'The organizer could not accept your registration for this event.',
  'mine.explain.cancelled': 'You cancelled this registration.',
  'mine.checkedIn': 'Checked in at {time}',
  'mine.registerAgain': 'Register again',
  'mine.viewEvent': 'Event page',
  'mine.calendar': 'Add to calendar',
  'mine.calendarGoogle': 'Google Calendar',
  'mine.calendarOutlook': 'Outlook',
  'mine.share': 'Invite colleagues',
  'mine.shareText': 'Share this link: people who register through it are counted as your referrals.',
  'mine.copy': 'Copy link',
  'mine.copied': 'Copied',
  'mine.copyManual': 'Select the link and copy it',
  'mine.cancel': 'Cancel my registration',
  'mine.cancelConfirm': 'Cancel your registration for “{title}”? Your seat goes to the next person on the waitlist.',
  'mine.cancelYes': 'Yes, cancel it',
  'mine.cancelNo': 'Keep my registration',
  'mine.cancelling': 'Cancelling…',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const zhCN: Messages = {
  'app.language': 'EN',
  'app.languageLabel': 'Switch to English',
  'app.loading': '加载中…',
  'app.retry': '重试',
  'app.loadFailed': '页面加载失败，请检查网络后重试。',

  'notFound.title': '未找到活动',
  'notFound.text': '该活动不存在或尚未发布，请核对您收到的链接。',
  'badToken.title': '此链接无效',
  'badToken.text': '您的个人链接可能已被新的链接取代（例如重新报名后）。请使用最新确认邮件中的链接，或从活动页面重新报名。',

  'format.online': '线上',
  'format.onsite': '线下',
  'format.hybrid': '线下 + 线上',
  'when.eventZone': '活动时间（{zone}）',
  'when.visitorZone': '您当地时间（{zone}）',
  'venue.title': '地点',
  'venue.directions': '交通指引',
  'about.title': '活动介绍',
  'agenda.title': '议程',
  'speakers.title': '嘉宾',

  'register.cta': '立即报名',
  'register.title': '报名',
  'register.submit': '提交报名',
  'register.submitWaitlist': '加入候补',
  'register.submitApproval': '提交报名申请',
  'register.submitting': '提交中…',
  'register.required': '必填',
  'register.full': '本场名额已满——报名后您将进入候补名单，有空位时我们会邮件通知您。',
  'register.approval': '您的报名需经主办方审核，审核结果将通过邮件通知您。',
  'register.closed.ended': '活动已结束，报名已关闭。',
  'register.closed.invite': '本活动仅限受邀参加：请通过邀请邮件中的个人链接报名。',
  'register.closed.other': '本活动报名已关闭。',
  'register.fixErrors': '请修改标出的字段。',
  'register.multiselectHint': '可多选',
  'register.selectPlaceholder': '请选择…',

  'field.name': '姓名',
  'field.email': '邮箱',
  'field.company': '公司',
  'field.title': '职位',
  'field.phone': '手机号',
  'field.optional': '选填',

  'problem.nameRequired': '请输入您的姓名',
  'problem.emailRequired': '请输入邮箱地址',
  'problem.emailInvalid': '请输入有效的邮箱地址，例如 name@company.com',
  'problem.phoneInvalid': '请输入有效的手机号，例如 138 0013 8000',
  'problem.answerRequired': '此项为必填',
  'problem.chooseOne': '请选择一个选项',
  'problem.chooseAtLeastOne': '请至少选择一项',
  'problem.confirm': '请勾选确认',
  'problem.tooLong': '最多 {max} 个字符',
  'problem.invalid': '请检查此项',

  'error.closed': '报名刚刚已关闭。请刷新页面查看活动的最新状态。',
  'error.inviteOnly': '本活动仅限受邀参加：请通过邀请邮件中的个人链接报名。',
  'error.notFound': '该活动已无法访问，请刷新页面。',
  'error.network': '无法连接服务器。请检查网络后再次提交——您填写的内容已保留。',
  'error.throttled': '尝试次数过多，请稍等一分钟后再提交。',
  'error.server': '服务器出了点问题。请稍后再次提交——您填写的内容已保留。',
  'error.cancelFailed': '暂时无法取消报名，请稍后重试。',
  'error.cancelOver': '活动已结束，报名无法再取消。',

  'already.title': '您已报名',
  'already.text': '该邮箱此前已报名本活动。我们已重新发送确认邮件——您的个人链接就在邮件中。',
  'already.back': '为其他人报名',

  'mine.hello': '{name}，您好',
  'mine.status': '您的报名',
  'mine.status.registered': '报名成功',
  'mine.status.waitlisted': '候补中',
  'mine.status.pending': '待审核',
  'mine.status.rejected': '未通过',
  'mine.status.cancelled': '已取消',
  'mine.explain.registered': '已为您保留席位。确认邮件（含日历邀请）已发送至 {email}。',
  'mine.explain.waitlisted': '您在候补名单中排第 {position} 位。一有空位，我们会立即邮件通知 {email}。',
  'mine.explain.pending': '主办方会逐一审核报名，结果将邮件通知 {email}。',
  'mine.explain.rejected': '很抱歉，主办方未能接受您本次的报名。',
  'mine.explain.cancelled': '您已取消本次报名。',
  'mine.checkedIn': '已于 {time} 签到',
  'mine.registerAgain': '重新报名',
  'mine.viewEvent': '活动页面',
  'mine.calendar': '添加到日历',
  'mine.calendarGoogle': 'Google 日历',
  'mine.calendarOutlook': 'Outlook',
  'mine.share': '邀请同事',
  'mine.shareText': '分享此链接：通过它报名的人会记为您的推荐。',
  'mine.copy': '复制链接',
  'mine.copied': '已复制',
  'mine.copyManual': '请选中链接后复制',
  'mine.cancel': '取消报名',
  'mine.cancelConfirm': '确定取消“{title}”的报名吗？您的席位将让给候补名单中的下一位。',
  'mine.cancelYes': '确定取消',
  'mine.cancelNo': '保留报名',
  'mine.cancelling': '取消中…',
};

export const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[locale][key];
  return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
}

/** A zh-* browser language (zh-CN, zh-TW, zh_CN from some in-app browsers) gets Chinese; anything else English. */
export function localeForLanguage(language: string | undefined): Locale {
  return language && /^zh(?:$|[-_])/i.test(language) ? 'zh-CN' : 'en';
}
