import { normalizeEmail, type SegmentGroup, type SegmentTarget } from '@fulcrum/shared';
import { compileSegmentFilter } from 'modules/segments/segment-compiler';

export interface PastedRecipient {
  email: string;
  name: string | null;
}

export interface RejectedLine {
  line: number;
  text: string;
  reason: string;
}

/**
 * A pasted audience, one recipient per line: `email`, `Name <email>`, `email, Name` or `Name, email`
 * (comma, semicolon or tab). Blank lines are ignored; a line without a valid address, or with one an
 * earlier line already has, is rejected with its line number.
 */
export function parseRecipientLines(text: string): { recipients: PastedRecipient[]; rejected: RejectedLine[] } {
  const recipients: PastedRecipient[] = [];
  const rejected: RejectedLine[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    let address: string;
    let name: string | null;
    const angle = /^(.*)<([^>]+)>\s*$/.exec(trimmed);
    if (angle) {
      address = angle[2];
      name = angle[1].replace(/^["'\s]+|["'\s]+$/g, '') || null;
    } else {
      const parts = trimmed.split(/[,;\t]/).map((part) => part.trim()).filter(Boolean);
      const at = parts.findIndex((part) => part.includes('@'));
      address = at >= 0 ? parts[at] : trimmed;
      name = parts.filter((_, i) => i !== at).join(' ') || null;
    }
    const email = normalizeEmail(address);
    if (!email.ok) {
      rejected.push({ line, text: trimmed.slice(0, 200), reason: 'Not a valid email address' });
      return;
    }
    const earlier = seen.get(email.value);
    if (earlier !== undefined) {
      rejected.push({ line, text: trimmed.slice(0, 200), reason: `Same address as line ${earlier}` });
      return;
    }
    seen.set(email.value, line);
    recipients.push({ email: email.value, name: name?.slice(0, 200) ?? null });
  });
  return { recipients, rejected };
}

/**
 * The people of a segment with an address, as `FROM … WHERE …` over contacts `k` and companies `c`:
 * a contact segment is its contacts, a company segment the contacts of its companies.
 */
export function segmentRecipientsSql(target: SegmentTarget, filter: SegmentGroup, firstParam = 1): { from: string; where: string; params: unknown[] } {
  const compiled = compileSegmentFilter(filter, target, firstParam);
  const from = target === 'contacts' ? 'contacts k LEFT JOIN companies c ON c.id = k.company_id' : 'companies c JOIN contacts k ON k.company_id = c.id';
  return { from, where: `(${compiled.sql}) AND k.email IS NOT NULL`, params: compiled.params };
}
