import { sanitizeDescription } from './event-description';
import { eventSlug } from './event-slug';

describe('sanitizeDescription', () => {
  it.each([
    ['keeps formatting', '<p>Hello <strong>world</strong></p><ul><li>one</li></ul>', '<p>Hello <strong>world</strong></p><ul><li>one</li></ul>'],
    ['drops scripts with their content', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['drops event handlers', '<p onclick="alert(1)">a</p>', '<p>a</p>'],
    ['drops javascript: links', '<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['opens links in a new tab without an opener', '<a href="https://example.com">x</a>', '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">x</a>'],
    ['drops images, frames and styles', '<img src=x onerror=alert(1)><iframe src="https://evil"></iframe><style>p{}</style><p>ok</p>', '<p>ok</p>'],
    ['turns a top heading into a section heading', '<h1>Title</h1>', '<h2>Title</h2>'],
    ['keeps Chinese text', '<p>欢迎参加 <em>2026 数字化峰会</em></p>', '<p>欢迎参加 <em>2026 数字化峰会</em></p>'],
    ['escapes stray angle brackets', 'a < b & c', 'a &lt; b &amp; c'],
    ['gives blank for blank', '   ', ''],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeDescription(input)).toBe(expected);
  });
});

describe('eventSlug', () => {
  const random = Buffer.from([0, 1, 2, 3, 4, 5]);
  it.each([
    ['AI Summit 2026', 'ai-summit-2026-abcdef'],
    ['2026 数字化转型峰会', '2026-abcdef'],
    ['数字化转型峰会', 'event-abcdef'],
    ['Café Décor — Zürich!', 'cafe-decor-zurich-abcdef'],
  ])('%s → %s', (title, slug) => {
    expect(eventSlug(title, random)).toBe(slug);
  });

  it('differs between two events of one title', () => {
    expect(eventSlug('Webinar')).not.toBe(eventSlug('Webinar'));
  });

  it('stays short for a long title', () => {
    expect(eventSlug('word '.repeat(100)).length).toBeLessThanOrEqual(48 + 7);
  });
});
