import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { QA_LIMITS, type QaModerateAction, type QaQuestion, type QaQuestionFull, type QaState, type QuestionStatus, sortQuestions } from '@fulcrum/shared';
import { groupBy } from 'common/batcher';
import { appendActivity, type LiveAttendee, LiveException, seatedEventStatus } from './live-room.service';

export interface QuestionRow {
  id: string;
  event_id: string;
  registration_id: string;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  answered_at: Date | null;
  answer_text: string | null;
  pinned: boolean;
  upvotes: number;
  created_at: Date;
  asker_name: string;
  asker_email: string;
  asker_title: string | null;
  asker_company: string | null;
  asker_tier: string | null;
}

/**
 * Questions with their asker: the registration's name, and the company and tier of its contact when
 * known. `source` is the table the questions come from (`questions`, or a CTE returning its rows);
 * `extra` more columns.
 */
const questionSelect = (source = 'questions', extra = '') => `
  SELECT q.id, q.event_id, q.registration_id, q.text, q.anonymous, q.status, q.answered_at, q.answer_text, q.pinned, q.upvotes, q.created_at,
         r.name AS asker_name, r.email AS asker_email, r.title AS asker_title, coalesce(co.name, r.company) AS asker_company, co.tier AS asker_tier${extra}
  FROM ${source} q
  JOIN registrations r ON r.id = q.registration_id
  LEFT JOIN contacts c ON c.id = r.contact_id
  LEFT JOIN companies co ON co.id = c.company_id`;
const QUESTION_SELECT = questionSelect();

/** One question per registration every `askEveryMs`: the refusal, per socket (QaGateway) and across tabs and processes (the database). */
export const ASK_REFUSAL = { code: 'qa.rate_limited', message: `One question every ${QA_LIMITS.askEveryMs / 1000} seconds: wait a moment before asking again` } as const;

/** Events whose Q&A takes questions and votes: before and during the event, not in the replay. */
const QA_OPEN_STATUSES = ['scheduled', 'live'];

export function publicQuestion(row: QuestionRow): QaQuestion {
  const hidden = row.status === 'hidden';
  return {
    id: row.id,
    eventId: row.event_id,
    // A hidden question reaches attendees only so their list drops it: without what it said or who said it.
    text: hidden ? '' : row.text,
    anonymous: row.anonymous,
    askerName: row.anonymous || hidden ? null : row.asker_name,
    status: row.status,
    upvotes: row.upvotes,
    pinned: row.pinned,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answerText: hidden ? null : row.answer_text,
    createdAt: row.created_at.toISOString(),
  };
}

export function fullQuestion(row: QuestionRow): QaQuestionFull {
  return {
    ...publicQuestion({ ...row, status: 'approved' }),
    status: row.status,
    askerName: row.asker_name,
    asker: {
      registrationId: row.registration_id,
      name: row.asker_name,
      email: row.asker_email,
      title: row.asker_title,
      company: row.asker_company,
      tier: row.asker_tier,
    },
  };
}

/** The outcome of a change: the question as it now stands, and whether anything changed. */
export interface QaChange {
  row: QuestionRow;
  changed: boolean;
}

/**
 * Live Q&A in the database: asking, upvoting and moderating, each committed with its activity before
 * the gateway broadcasts it.
 */
@Injectable()
export class QaService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new pending question; at most one per registration per `askEveryMs`, across tabs and processes. */
  async ask(attendee: LiveAttendee, text: string, anonymous: boolean): Promise<QaChange> {
    return this.db.transaction(async (manager) => {
      await this.assertOpen(manager, attendee);
      // Serializes one registration's asks, so two tabs cannot both pass the rate check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('qa.ask:' || $1))`, [attendee.registrationId]);
      const [recent]: unknown[] = await manager.query(
        `SELECT 1 FROM questions WHERE registration_id = $1 AND created_at > now() - make_interval(secs => $2) LIMIT 1`,
        [attendee.registrationId, QA_LIMITS.askEveryMs / 1000],
      );
      if (recent) throw new LiveException(ASK_REFUSAL.code, ASK_REFUSAL.message);
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO questions (event_id, registration_id, text, anonymous) VALUES ($1, $2, $3, $4) RETURNING id`,
        [attendee.event.id, attendee.registrationId, text, anonymous],
      );
      await this.activity(manager, attendee, 'question.asked', { questionId: id, anonymous });
      return { row: await this.row(manager, id), changed: true };
    });
  }

  /** One vote per registration: a repeat vote changes nothing. Only approved questions take votes. */
  async upvote(attendee: LiveAttendee, questionId: string): Promise<QaChange> {
    return this.db.transaction(async (manager) => {
      await this.assertOpen(manager, attendee);
      const [question]: Array<{ status: QuestionStatus }> = await manager.query(`SELECT status FROM questions WHERE id = $1 AND event_id = $2`, [
        questionId,
        attendee.event.id,
      ]);
      if (!question) throw new LiveException('qa.not_found', 'No such question in this event');
      if (question.status !== 'approved') throw new LiveException('qa.bad_state', `The question is ${question.status}: it takes no votes`);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO question_votes (question_id, registration_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING question_id`,
        [questionId, attendee.registrationId],
      );
      if (inserted.length) {
        await manager.query(`UPDATE questions SET upvotes = upvotes + 1, updated_at = now() WHERE id = $1`, [questionId]);
        await this.activity(manager, attendee, 'question.upvoted', { questionId });
      }
      return { row: await this.row(manager, questionId), changed: inserted.length > 0 };
    });
  }

  /**
   * A moderator's action; a repeat (approving an approved question…) changes nothing. One statement
   * (a burst of approvals while the room is being broadcast to must not wait on round trips): the
   * update, and the question as it then stands.
   */
  async moderate(questionId: string, action: QaModerateAction, answer: string | undefined): Promise<QaChange> {
    // Each action: what it sets, and when the question already stands so (then nothing is written).
    const statements: Record<QaModerateAction, { set: string; done: string }> = {
      approve: { set: `status = 'approved'`, done: `status = 'approved'` },
      // A hidden question leaves the pinned spot too.
      hide: { set: `status = 'hidden', pinned = false`, done: `status = 'hidden' AND NOT pinned` },
      // Pinning puts a question on screen, so it approves it (a hidden one must be approved first).
      pin: { set: `pinned = true, status = 'approved'`, done: `(pinned AND status = 'approved') OR status = 'hidden'` },
      unpin: { set: `pinned = false`, done: `NOT pinned` },
      // Answered live (no text) or in writing; answering approves, so the answer is seen.
      answer: {
        set: `answered_at = coalesce(answered_at, now()), answer_text = coalesce($2, answer_text), status = 'approved'`,
        done: `(answered_at IS NOT NULL AND answer_text IS NOT DISTINCT FROM coalesce($2, answer_text) AND status = 'approved') OR status = 'hidden'`,
      },
    };
    const { set, done } = statements[action];
    const rows: Array<QuestionRow & { changed: boolean }> = await this.db.query(
      `WITH changed AS (UPDATE questions SET ${set}, updated_at = now() WHERE id = $1 AND NOT (${done}) RETURNING *)
       ${questionSelect('changed', ', true AS changed')}
       UNION ALL
       ${questionSelect('questions', ', false')} WHERE q.id = $1 AND NOT EXISTS (SELECT 1 FROM changed)`,
      action === 'answer' ? [questionId, answer ?? null] : [questionId],
    );
    const [row] = rows;
    if (!row) throw new LiveException('qa.not_found', 'No such question');
    const { changed, ...question } = row;
    if (!changed && question.status === 'hidden' && (action === 'pin' || action === 'answer')) {
      throw new LiveException('qa.bad_state', 'The question is hidden: approve it first');
    }
    return { row: question, changed };
  }

  /** What a (re)joining attendee needs: approved questions, their own, their votes. */
  async attendeeState(attendee: LiveAttendee): Promise<QaState> {
    const [state] = await this.attendeeStates(attendee.event.id, [attendee.registrationId]);
    return state as QaState;
  }

  /** `attendeeState` for several attendees of one event, in two queries (one state per registration id, in order). */
  async attendeeStates(eventId: string, registrationIds: string[]): Promise<QaState[]> {
    const rows: QuestionRow[] = await this.db.query(
      `${QUESTION_SELECT} WHERE q.event_id = $1 AND (q.status = 'approved' OR q.registration_id = ANY($2::uuid[])) ORDER BY q.created_at, q.id`,
      [eventId, registrationIds],
    );
    const votes: Array<{ registration_id: string; question_id: string }> = await this.db.query(
      `SELECT v.registration_id, v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id
       WHERE v.registration_id = ANY($1::uuid[]) AND q.event_id = $2 AND q.status = 'approved'`,
      [registrationIds, eventId],
    );
    const questions = sortQuestions(rows.filter((row) => row.status === 'approved').map(publicQuestion));
    const asked = groupBy(rows, (row) => row.registration_id);
    const voted = groupBy(votes, (vote) => vote.registration_id);
    return registrationIds.map((registrationId) => ({
      eventId,
      questions,
      myQuestions: (asked.get(registrationId) ?? []).map((row) => ({ ...publicQuestion(row), text: row.text, answerText: row.answer_text })),
      myVotes: (voted.get(registrationId) ?? []).map((vote) => vote.question_id),
    }));
  }

  /** Every question of the event with its asker, for organizers. */
  async organizerState(eventId: string): Promise<QaState> {
    const rows: QuestionRow[] = await this.db.query(`${QUESTION_SELECT} WHERE q.event_id = $1 ORDER BY q.created_at, q.id`, [eventId]);
    return { eventId, questions: sortQuestions(rows.map(fullQuestion)), myQuestions: [], myVotes: [] };
  }

  /** A question as it stands now (committed), or null when it is gone. */
  async question(id: string): Promise<QuestionRow | null> {
    const [row]: QuestionRow[] = await this.db.query(`${QUESTION_SELECT} WHERE q.id = $1`, [id]);
    return row ?? null;
  }

  private async row(manager: EntityManager, id: string): Promise<QuestionRow> {
    const [row]: QuestionRow[] = await manager.query(`${QUESTION_SELECT} WHERE q.id = $1`, [id]);
    return row;
  }

  private async assertOpen(manager: EntityManager, attendee: LiveAttendee): Promise<void> {
    const status = await seatedEventStatus(manager, attendee);
    if (!status || !QA_OPEN_STATUSES.includes(status)) throw new LiveException('qa.closed', `The event is ${status ?? 'gone'}: questions are closed`);
  }

  private activity(manager: EntityManager, attendee: LiveAttendee, kind: string, data: Record<string, unknown>): Promise<void> {
    return appendActivity(manager, attendee, kind, data);
  }
}
