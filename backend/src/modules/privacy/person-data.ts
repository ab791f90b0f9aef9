import { PERSON_EXPORT_VERSION } from '@fulcrum/shared';
import { fieldSourcesSql } from 'modules/accounts/account-fields';
import { domainsOf, type Queryable } from './suppression-check';

/**
 * Where one person's data lives. Both the export ("everything held about one person") and the
 * erasure read this file, so a table that holds personal data is handled in one place:
 *
 *   A NEW TABLE WITH PERSONAL DATA (registrations, activities, invitations, answers, chat…) MUST
 *   ADD AN EXPORT SECTION AND AN ERASURE STEP BELOW, in the same change as its migration.
 *
 * A step names the table it needs; it is skipped while that table does not exist, so steps for
 * features that land later can be written before their migration runs everywhere.
 */

/** The person as the statements see them: the contact and every address and number resolved to it. */
export interface PersonSubject {
  contactId: string;
  contactEmail: string | null;
  /** Canonical e-mail addresses: the contact's own and its e-mail identities. */
  emails: string[];
  /** E.164 numbers: the contact's own and its phone identities. */
  phones: string[];
  /** Other identities (WeChat, CRM ids) long enough to look for in free text. */
  otherIdentities: string[];
}

const MIN_FREE_TEXT_IDENTITY = 6;
const PHONE_TAIL_DIGITS = 8;

export async function loadSubject(db: Queryable, contactId: string, lock = false): Promise<PersonSubject | null> {
  const [contact]: Array<{ id: string; email: string | null; phone: string | null }> = await db.query(
    `SELECT id, email, phone FROM contacts WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [contactId],
  );
  if (!contact) return null;
  const identities: Array<{ kind: string; value: string }> = await db.query(`SELECT kind, value FROM identities WHERE contact_id = $1`, [contactId]);
  const emails = new Set<string>(contact.email ? [contact.email.toLowerCase()] : []);
  const phones = new Set<string>(contact.phone ? [contact.phone] : []);
  const others = new Set<string>();
  for (const { kind, value } of identities) {
    if (kind === 'email') emails.add(value.toLowerCase());
    else if (kind === 'phone') phones.add(value);
    else if (value.length >= MIN_FREE_TEXT_IDENTITY) others.add(value);
  }
  return { contactId: contact.id, contactEmail: contact.email, emails: [...emails], phones: [...phones], otherIdentities: [...others] };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * How an import report row "mentions" a person: its detail (the rejected or trimmed cell, as typed)
 * contains one of their addresses or identities (case-insensitive), or its digits contain the last
 * eight digits of one of their numbers (a cell like `138 0013 8000` for +8613800138000). Names are
 * not matched: the same name is held by many people.
 */
export function importMentionFilter(subject: PersonSubject, alias: string, first: number): { sql: string; params: unknown[] } {
  const texts = [...subject.emails, ...subject.otherIdentities].map((value) => `%${likeEscape(value.toLowerCase())}%`);
  const digits = subject.phones.map((phone) => phone.replace(/\D/g, '')).filter((d) => d.length >= PHONE_TAIL_DIGITS).map((d) => `%${d.slice(-PHONE_TAIL_DIGITS)}%`);
  return {
    sql: `(${alias}.detail IS NOT NULL AND (lower(${alias}.detail) LIKE ANY($${first}::text[])
           OR (cardinality($${first + 1}::text[]) > 0 AND regexp_replace(${alias}.detail, '\\D', '', 'g') LIKE ANY($${first + 1}::text[]))))`,
    params: [texts, digits],
  };
}

async function tableExists(db: Queryable, table: string): Promise<boolean> {
  const [{ found }]: Array<{ found: boolean }> = await db.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [`public.${table}`]);
  return found;
}

async function columnExists(db: Queryable, table: string, column: string): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

/**
 * merge_log rows about the contact (`$1`): it survived them, or it was merged away in them (one
 * `merged_id`, or one of `merged_ids` where manual merges of several duplicates record them).
 */
async function mergeLogFilter(db: Queryable, alias: string): Promise<string> {
  const several = await columnExists(db, 'merge_log', 'merged_ids');
  return `${alias}.entity = 'contact' AND (${alias}.survivor_id = $1 OR ${alias}.merged_id = $1${several ? ` OR ${alias}.merged_ids @> ARRAY[$1::uuid]` : ''})`;
}

/** The suppressions that cover the person: their addresses, numbers and e-mail domains. */
async function suppressionsOf(db: Queryable, subject: PersonSubject): Promise<unknown[]> {
  const domains = [...new Set(subject.emails.flatMap(domainsOf))];
  return db.query(
    `SELECT kind, value, reason, source, created_at AS "createdAt" FROM suppressions
     WHERE (kind = 'email' AND value = ANY($1::text[])) OR (kind = 'phone' AND value = ANY($2::text[])) OR (kind = 'domain' AND value = ANY($3::text[]))
     ORDER BY created_at`,
    [subject.emails, subject.phones, domains],
  );
}

/** One section of the export: a key in the JSON document and how to read it. */
interface ExportSection {
  key: string;
  /** Skipped (and left out of the document) while this table does not exist. */
  table?: string;
  read(db: Queryable, subject: PersonSubject): Promise<unknown>;
}

const EXPORT_SECTIONS: ExportSection[] = [
  {
    key: 'contact',
    // Every column, so a column added later is exported without a change here.
    read: async (db, s) => (await db.query(`SELECT to_jsonb(c) - 'field_sources' AS row FROM contacts c WHERE c.id = $1`, [s.contactId]))[0]?.row ?? null,
  },
  {
    key: 'fieldProvenance',
    read: async (db, s) => (await db.query(`SELECT ${fieldSourcesSql('contact', 'c')} AS field_sources FROM contacts c WHERE c.id = $1`, [s.contactId]))[0]?.field_sources ?? {},
  },
  {
    key: 'company',
    read: async (db, s) =>
      (
        await db.query(
          `SELECT co.id, co.name, co.domain, co.industry, co.city, co.province, co.country
           FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.id = $1`,
          [s.contactId],
        )
      )[0] ?? null,
  },
  {
    key: 'identities',
    read: (db, s) =>
      db.query(`SELECT kind, value, source, created_at AS "createdAt" FROM identities WHERE contact_id = $1 ORDER BY kind, value`, [s.contactId]),
  },
  { key: 'suppressions', read: suppressionsOf },
  {
    key: 'tags',
    table: 'contact_tags',
    read: async (db, s) => {
      // Read through JSON so the statement parses whatever the tag tables' columns are.
      const hasTags = await tableExists(db, 'tags');
      const hasCategories = hasTags && (await tableExists(db, 'tag_categories'));
      const rows: Array<{ tag: unknown }> = await db.query(
        `SELECT jsonb_build_object('tag', ${hasTags ? `to_jsonb(t)->>'name'` : 'NULL'}, 'category', ${hasCategories ? `to_jsonb(tc)->>'name'` : 'NULL'})
           || (to_jsonb(ct) - 'contact_id' - 'created_by') AS tag
         FROM contact_tags ct
         ${hasTags ? `LEFT JOIN tags t ON t.id = (to_jsonb(ct)->>'tag_id')::uuid` : ''}
         ${hasCategories ? `LEFT JOIN tag_categories tc ON tc.id = (to_jsonb(t)->>'category_id')::uuid` : ''}
         WHERE ct.contact_id = $1`,
        [s.contactId],
      );
      return rows.map((row) => row.tag);
    },
  },
  {
    key: 'mergeHistory',
    // Whole rows (snapshots for undo included), so columns added later are exported too.
    read: async (db, s) =>
      (
        await db.query(
          `SELECT to_jsonb(ml) || jsonb_build_object('import_file', i.file_name) AS row
           FROM merge_log ml LEFT JOIN imports i ON i.id = ml.import_id
           WHERE ${await mergeLogFilter(db, 'ml')} ORDER BY ml.id`,
          [s.contactId],
        )
      ).map((r: { row: unknown }) => r.row),
  },
  {
    key: 'importMentions',
    read: (db, s) => {
      const filter = importMentionFilter(s, 'ie', 1);
      return db.query(
        `SELECT ie.import_id AS "importId", i.file_name AS "importFile", ie.line, ie.reason, ie.severity, ie.detail
         FROM import_errors ie JOIN imports i ON i.id = ie.import_id WHERE ${filter.sql} ORDER BY i.created_at, ie.line`,
        filter.params,
      );
    },
  },
  {
    key: 'mail',
    read: (db, s) =>
      db.query(
        `SELECT id, template, locale, to_address AS "to", context, status, created_at AS "createdAt", sent_at AS "sentAt"
         FROM mail_messages WHERE lower(to_address) = ANY($1::text[]) ORDER BY created_at`,
        [s.emails],
      ),
  },
  {
    key: 'registrations',
    table: 'registrations',
    // The personal link and share code are credentials, not data about the person: left out.
    read: async (db, s) =>
      (
        await db.query(
          `SELECT to_jsonb(r) - 'token' - 'share_code' || jsonb_build_object('event', e.title) AS row
           FROM registrations r JOIN events e ON e.id = r.event_id
           WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY r.created_at`,
          [s.contactId, s.emails],
        )
      ).map((r: { row: unknown }) => r.row),
  },
  {
    key: 'invitations',
    table: 'invitations',
    // The personal link is a credential: left out.
    read: (db, s) =>
      db.query(
        `SELECT m.name AS campaign, e.title AS event, i.email, i.name, i.variant, i.status, i.error,
                i.sent_at AS "sentAt", i.opened_at AS "openedAt", i.clicked_at AS "clickedAt",
                i.registered_at AS "registeredAt", i.unsubscribed_at AS "unsubscribedAt", i.created_at AS "createdAt"
         FROM invitations i JOIN campaigns m ON m.id = i.campaign_id JOIN events e ON e.id = m.event_id
         WHERE i.contact_id = $1 OR i.email = ANY($2::text[]) ORDER BY i.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'attendance',
    table: 'attendance_sessions',
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, a.mode, a.joined_at AS "joinedAt", a.last_seen_at AS "lastSeenAt", a.left_at AS "leftAt"
         FROM attendance_sessions a JOIN registrations r ON r.id = a.registration_id JOIN events e ON e.id = a.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY a.joined_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'questions',
    table: 'questions',
    // Asked anonymously or not: the organizers always knew who asked.
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, q.text, q.anonymous, q.status, q.pinned, q.upvotes, q.answered_at AS "answeredAt", q.answer_text AS "answerText",
                q.created_at AS "createdAt"
         FROM questions q JOIN registrations r ON r.id = q.registration_id JOIN events e ON e.id = q.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY q.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'questionVotes',
    table: 'question_votes',
    // Which questions they upvoted; the questions themselves are other people's words.
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, v.question_id AS "questionId", v.created_at AS "votedAt"
         FROM question_votes v JOIN registrations r ON r.id = v.registration_id JOIN events e ON e.id = r.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY v.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'pollAnswers',
    table: 'poll_votes',
    // Each poll they answered, with the options they chose, in words.
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, p.question, v.created_at AS "answeredAt",
                array(SELECT o.text FROM poll_options o WHERE o.id = ANY(v.option_ids) ORDER BY o.position) AS answer
         FROM poll_votes v JOIN polls p ON p.id = v.poll_id JOIN registrations r ON r.id = v.registration_id JOIN events e ON e.id = p.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY v.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'downloads',
    table: 'downloads',
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, m.title AS material, m.file_name AS "fileName", d.created_at AS "downloadedAt"
         FROM downloads d JOIN registrations r ON r.id = d.registration_id JOIN events e ON e.id = d.event_id JOIN event_materials m ON m.id = d.material_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY d.id`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'ctaClicks',
    table: 'cta_clicks',
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, c.kind, c.label, c.url, c.created_at AS "clickedAt"
         FROM cta_clicks c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY c.id`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'surveyResponses',
    table: 'survey_responses',
    // The answers with the questions as they stand, so the export reads on its own.
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, e.survey AS questions, sr.answers, sr.created_at AS "answeredAt", sr.updated_at AS "updatedAt"
         FROM survey_responses sr JOIN registrations r ON r.id = sr.registration_id JOIN events e ON e.id = sr.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY sr.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'chatMessages',
    table: 'chat_messages',
    // Shown, waiting or hidden by a moderator: all of them were theirs.
    read: (db, s) =>
      db.query(
        `SELECT e.title AS event, m.text, m.status, m.created_at AS "createdAt"
         FROM chat_messages m JOIN registrations r ON r.id = m.registration_id JOIN events e ON e.id = m.event_id
         WHERE r.contact_id = $1 OR r.email = ANY($2::text[]) ORDER BY m.created_at`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'activities',
    table: 'activities',
    read: (db, s) =>
      db.query(
        `SELECT a.kind, a.occurred_at AS "at", a.event_id AS "eventId", a.data FROM activities a
         WHERE a.contact_id = $1 OR a.registration_id IN (SELECT id FROM registrations WHERE email = ANY($2::text[])) ORDER BY a.id`,
        [s.contactId, s.emails],
      ),
  },
  {
    key: 'audit',
    read: (db, s) =>
      db.query(`SELECT action, data, created_at AS "at" FROM audit_log WHERE subject_type = 'contact' AND subject_id = $1 ORDER BY id`, [s.contactId]),
  },
];

/** Everything held about one person, as one JSON document. */
export async function exportPerson(db: Queryable, subject: PersonSubject): Promise<Record<string, unknown>> {
  const document: Record<string, unknown> = {
    format: 'fulcrum.person-export',
    version: PERSON_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
  };
  for (const section of EXPORT_SECTIONS) {
    if (section.table && !(await tableExists(db, section.table))) continue;
    document[section.key] = await section.read(db, subject);
  }
  return document;
}

/** One erasure statement: removes or scrubs the person's rows in one table and counts them. */
interface ErasureStep {
  /** Its key in the erasure result and the audit record. */
  key: string;
  /** Skipped while this table does not exist. */
  table: string;
  /** A data-modifying statement ending in `SELECT count(*)::int AS n …`, and its parameters. */
  statement(subject: PersonSubject, db: Queryable): Promise<{ sql: string; params: unknown[] }> | { sql: string; params: unknown[] };
}

/** Audit data keys that may hold personal data; erasure drops them from the entries about the person. */
const PERSONAL_AUDIT_KEYS = ['email', 'phone', 'name', 'value', 'address', 'toAddress', 'detail'];

/**
 * Run in this order, in one transaction, after the caller has locked the contact. The contact row
 * goes last: tables without ON DELETE CASCADE are emptied first, and the counts say what each held.
 * Suppressions are handled by the erasure service (kept or removed, as the admin chose).
 */
export const ERASURE_STEPS: readonly ErasureStep[] = [
  {
    key: 'mailMessages',
    table: 'mail_messages',
    // Mail not sent yet is dropped (the sending job finds nothing and stops); sent mail keeps its row
    // (status, dedupe key, counts) without the address, the template context or an error naming it.
    statement: (s) => ({
      sql: `WITH del AS (DELETE FROM mail_messages WHERE lower(to_address) = ANY($1::text[]) AND status = 'queued' RETURNING 1),
            upd AS (UPDATE mail_messages SET to_address = '[erased]', context = '{}'::jsonb, last_error = NULL
                    WHERE lower(to_address) = ANY($1::text[]) AND status <> 'queued' RETURNING 1)
            SELECT ((SELECT count(*) FROM del) + (SELECT count(*) FROM upd))::int AS n`,
      params: [s.emails],
    }),
  },
  {
    key: 'tags',
    table: 'contact_tags',
    statement: (s) => ({ sql: `WITH d AS (DELETE FROM contact_tags WHERE contact_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, params: [s.contactId] }),
  },
  {
    key: 'mergeLog',
    table: 'merge_log',
    // Before/after snapshots of the person's record: history of a record that no longer exists.
    statement: async (s, db) => ({
      sql: `WITH d AS (DELETE FROM merge_log ml WHERE ${await mergeLogFilter(db, 'ml')} RETURNING 1) SELECT count(*)::int AS n FROM d`,
      params: [s.contactId],
    }),
  },
  {
    key: 'importErrorDetails',
    table: 'import_errors',
    // The report keeps the line and the reason; the cell text that named the person goes.
    statement: (s) => {
      const filter = importMentionFilter(s, 'ie', 1);
      return { sql: `WITH u AS (UPDATE import_errors ie SET detail = NULL WHERE ${filter.sql} RETURNING 1) SELECT count(*)::int AS n FROM u`, params: filter.params };
    },
  },
  {
    key: 'auditDetails',
    table: 'audit_log',
    // Entries about the person stay (what was done, by whom, when) without personal fields.
    statement: (s) => ({
      sql: `WITH u AS (UPDATE audit_log SET data = data - $2::text[]
                       WHERE subject_type = 'contact' AND subject_id = $1 AND data ?| $2::text[] RETURNING 1)
            SELECT count(*)::int AS n FROM u`,
      params: [s.contactId, PERSONAL_AUDIT_KEYS],
    }),
  },
  {
    key: 'activities',
    table: 'activities',
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM activities WHERE contact_id = $1 OR registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'invitations',
    table: 'invitations',
    // Campaign totals lose the person, as erasure means (their address stays suppressed if the admin keeps it so).
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM invitations WHERE contact_id = $1 OR email = ANY($2::text[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'questionVotes',
    table: 'question_votes',
    // Their votes go, and the questions they voted for count one vote less (the counter follows the rows).
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM question_votes WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[]))
                       RETURNING question_id),
            u AS (UPDATE questions q SET upvotes = greatest(q.upvotes - c.n, 0), updated_at = now()
                  FROM (SELECT question_id, count(*)::int AS n FROM d GROUP BY question_id) c WHERE q.id = c.question_id RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'pollAnswers',
    table: 'poll_votes',
    // Their answers go; poll results are counted from the answers, so the counts follow.
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM poll_votes WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'questions',
    table: 'questions',
    // The questions they asked, with the votes others gave them.
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM questions WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'downloads',
    table: 'downloads',
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM downloads WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'ctaClicks',
    table: 'cta_clicks',
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM cta_clicks WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'surveyResponses',
    table: 'survey_responses',
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM survey_responses WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'chatMessages',
    table: 'chat_messages',
    // Their messages leave the conversation for everyone (the organizer's own posts stay).
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM chat_messages WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'attendance',
    table: 'attendance_sessions',
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM attendance_sessions WHERE registration_id IN (SELECT id FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[])) RETURNING 1)
            SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'registrations',
    table: 'registrations',
    // The registrations go with their answers; event totals lose the person, as erasure means.
    statement: (s) => ({
      sql: `WITH d AS (DELETE FROM registrations WHERE contact_id = $1 OR email = ANY($2::text[]) RETURNING 1) SELECT count(*)::int AS n FROM d`,
      params: [s.contactId, s.emails],
    }),
  },
  {
    key: 'identities',
    table: 'identities',
    statement: (s) => ({ sql: `WITH d AS (DELETE FROM identities WHERE contact_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, params: [s.contactId] }),
  },
  {
    key: 'contact',
    table: 'contacts',
    statement: (s) => ({ sql: `WITH d AS (DELETE FROM contacts WHERE id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, params: [s.contactId] }),
  },
];

/** Runs every erasure step whose table exists; returns the rows each removed or scrubbed. */
export async function runErasureSteps(db: Queryable, subject: PersonSubject): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const step of ERASURE_STEPS) {
    if (!(await tableExists(db, step.table))) continue;
    const { sql, params } = await step.statement(subject, db);
    const [{ n }]: Array<{ n: number }> = await db.query(sql, params);
    removed[step.key] = n;
  }
  return removed;
}
