import sanitizeHtml from 'sanitize-html';

/**
 * The markup an event description may keep: text formatting, lists, headings, quotes, code and links.
 * No scripts, styles, frames, forms, images or event handlers — the public page renders the result
 * as HTML, so whatever an organizer pastes (from Word, a CMS, a hostile colleague) must be inert.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'title'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
    h1: 'h2',
  },
};

/** Safe HTML of a description (see OPTIONS); blank input gives ''. */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, { ...OPTIONS, allowedAttributes: { a: ['href', 'title', 'target', 'rel'] } }).trim();
}
