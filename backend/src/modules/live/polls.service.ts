import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Poll,
  pollAnswerError,
  type PollCreateRequest,
  type PollKind,
  POLL_LIMITS,
  type PollResults,
  type PollState,
  type PollStatus,
  type PollUpdateRequest,
  sortPolls,
} from '@fulcrum/shared';
import { groupBy } from 'common/batcher';
import { returnedRows } from 'common/returning';
import { appendActivity, type LiveAttendee, LiveException, seatedEventStatus } from './live-room.service';

interface PollRow {
  id: string;
  event_id: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  show_results: boolean;
  opened_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
}

interface OptionRow {
  id: string;
  poll_id: string;
  text: string;
}

/** A poll as it stands, with its options and results (the organizer view). */
export interface PollRecord {
  row: PollRow;
  poll: Poll;
}

/** The outcome of a change: the poll as it now stands, and whether anything changed. */
export interface PollChange {
  record: PollRecord;
  changed: boolean;
}

/** A recorded answer; the poll comes without results (they follow in the coalesced `poll:results-updated`). */
export interface VoteOutcome {
  poll: Poll;
  changed: boolean;
  optionIds: string[];
}

const POLL_COLUMNS = `p.id, p.event_id, p.question, p.kind, p.status, p.show_results, p.opened_at, p.closed_at, p.created_at`;

/** How long attendees joining may share counts taken for someone else (half the broadcast interval). */
const RESULTS_REUSE_MS = POLL_LIMITS.resultsBroadcastEveryMs / 2;

/** Events whose polls may be prepared: not yet over. */
const PREPARE_STATUSES = ['draft', 'scheduled', 'live'];
/** Events whose polls may be launched and answered: before and during the event, not in the replay. */
/** Event statuses whose polls take answers; when the event leaves them, its open polls close (`closeOpen`). */
export const VOTE_STATUSES: readonly string[] = ['scheduled', 'live'];

function toPoll(row: PollRow, options: OptionRow[], results: PollResults | null): Poll {
  return {
    id: row.id,
    eventId: row.event_id,
    question: row.question,
    kind: row.kind,
    status: row.status,
    showResults: row.show_results,
    options: options.map((option) => ({ id: option.id, text: option.text })),
    results,
    openedAt: row.opened_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** What attendees see of a poll: results only while the organizers show them. */
export function attendeePoll(poll: Poll): Poll {
  return poll.showResults ? poll : { ...poll, results: null };
}

/**
 * Live polls in the database: preparing, launching, closing and answering, each committed (with its
 * activity) before the gateway broadcasts it. Results are always counted from `poll_votes`.
 */
@Injectable()
export class PollsService {
  /** The last counts of each poll, for attendees joining (see `attendeeState`). */
  private readonly recentResults = new Map<string, { until: number; results: PollResults }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new draft; at most `pollsPerEvent` per event. */
  async create(userId: string, request: PollCreateRequest): Promise<PollChange> {
    return this.db.transaction(async (manager) => {
      // Locks the event row: two concurrent creates cannot both pass the count check.
      const [event]: Array<{ status: string }> = await manager.query(`SELECT status FROM events WHERE id = $1 FOR UPDATE`, [request.eventId]);
      if (!event) throw new LiveException('events.not_found', `No event ${request.eventId}`);
      if (!PREPARE_STATUSES.includes(event.status)) throw new LiveException('poll.bad_state', `The event is ${event.status}: it takes no new polls`);
      const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM polls WHERE event_id = $1`, [request.eventId]);
      if (n >= POLL_LIMITS.pollsPerEvent) throw new LiveException('poll.too_many', `An event holds at most ${POLL_LIMITS.pollsPerEvent} polls: delete a draft first`);
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO polls (event_id, question, kind, show_results, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [request.eventId, request.question, request.kind, request.showResults ?? false, userId],
      );
      await this.insertOptions(manager, id, request.options);
      return { record: await this.load(manager, id), changed: true };
    });
  }

  /** Edits a draft; `options` replaces them all. A launched poll is not edited: answers refer to its options. */
  async update(request: PollUpdateRequest): Promise<PollChange> {
    return this.db.transaction(async (manager) => {
      const current = await this.lock(manager, request.pollId);
      if (current.status !== 'draft') throw new LiveException('poll.bad_state', `The poll is ${current.status}: only drafts can be edited`);
      await manager.query(
        `UPDATE polls SET question = coalesce($2, question), kind = coalesce($3, kind), show_results = coalesce($4, show_results), updated_at = now() WHERE id = $1`,
        [request.pollId, request.question ?? null, request.kind ?? null, request.showResults ?? null],
      );
      if (request.options) {
        await manager.query(`DELETE FROM poll_options WHERE poll_id = $1`, [request.pollId]);
        await this.insertOptions(manager, request.pollId, request.options);
      }
      return { record: await this.load(manager, request.pollId), changed: true };
    });
  }

  /** Opens a draft, or reopens a closed poll; an open poll stays as it is. */
  async launch(pollId: string): Promise<PollChange> {
    return this.db.transaction(async (manager) => {
      const current = await this.lock(manager, pollId);
      if (current.status === 'open') return { record: await this.load(manager, pollId), changed: false };
      const [event]: Array<{ status: string }> = await manager.query(`SELECT status FROM events WHERE id = $1`, [current.event_id]);
      if (!VOTE_STATUSES.includes(event.status)) throw new LiveException('poll.bad_state', `The event is ${event.status}: polls can be launched while it is scheduled or live`);
      await manager.query(
        `UPDATE polls SET status = 'open', launched_at = coalesce(launched_at, now()), opened_at = now(), closed_at = NULL, updated_at = now() WHERE id = $1`,
        [pollId],
      );
      return { record: await this.load(manager, pollId), changed: true };
    });
  }

  /** Stops an open poll taking answers; closing a closed poll changes nothing. */
  async close(pollId: string): Promise<PollChange> {
    return this.db.transaction(async (manager) => {
      const current = await this.lock(manager, pollId);
      if (current.status === 'draft') throw new LiveException('poll.bad_state', 'The poll is a draft: launch it before closing it');
      if (current.status === 'closed') return { record: await this.load(manager, pollId), changed: false };
      await manager.query(`UPDATE polls SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1`, [pollId]);
      return { record: await this.load(manager, pollId), changed: true };
    });
  }

  /**
   * Closes the event's open polls (the event ended: they take no more answers). Returns the polls this
   * call closed — none when another process closed them first, so each is announced once.
   */
  async closeOpen(eventId: string): Promise<PollRecord[]> {
    return this.db.transaction(async (manager) => {
      const rows = returnedRows<PollRow>(
        await manager.query(`UPDATE polls p SET status = 'closed', closed_at = now(), updated_at = now() WHERE p.event_id = $1 AND p.status = 'open' RETURNING ${POLL_COLUMNS}`, [
          eventId,
        ]),
      );
      return this.assemble(manager, rows);
    });
  }

  /** Shows or hides the results to attendees (a draft may be prepared either way). */
  async showResults(pollId: string, show: boolean): Promise<PollChange> {
    return this.db.transaction(async (manager) => {
      const current = await this.lock(manager, pollId);
      if (current.show_results === show) return { record: await this.load(manager, pollId), changed: false };
      await manager.query(`UPDATE polls SET show_results = $2, updated_at = now() WHERE id = $1`, [pollId, show]);
      return { record: await this.load(manager, pollId), changed: true };
    });
  }

  /** Deletes a draft (a launched poll has been seen, and perhaps answered: it stays). Returns its event. */
  async delete(pollId: string): Promise<{ eventId: string }> {
    return this.db.transaction(async (manager) => {
      const current = await this.lock(manager, pollId);
      if (current.status !== 'draft') throw new LiveException('poll.bad_state', `The poll is ${current.status}: only drafts can be deleted`);
      await manager.query(`DELETE FROM polls WHERE id = $1`, [pollId]);
      return { eventId: current.event_id };
    });
  }

  /**
   * Records an attendee's answer to an open poll: once per registration (the primary key of
   * `poll_votes`). The same answer again changes nothing; a different one is refused.
   */
  async vote(attendee: LiveAttendee, pollId: string, optionIds: string[]): Promise<VoteOutcome> {
    return this.db.transaction(async (manager) => {
      // FOR SHARE: a close waits for the votes in flight, and a vote after a close sees it closed.
      const [poll]: PollRow[] = await manager.query(`SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1 AND p.event_id = $2 FOR SHARE`, [
        pollId,
        attendee.event.id,
      ]);
      // Drafts are not shown to attendees: for them such a poll does not exist.
      if (!poll || poll.status === 'draft') throw new LiveException('poll.not_found', 'No such poll in this event');
      if (poll.status === 'closed') throw new LiveException('poll.closed', 'The poll is closed: it takes no more answers');
      const status = await seatedEventStatus(manager, attendee);
      if (!status || !VOTE_STATUSES.includes(status)) throw new LiveException('poll.closed', `The event is ${status ?? 'gone'}: polls take no more answers`);
      const options: OptionRow[] = await manager.query(`SELECT id, poll_id, text FROM poll_options WHERE poll_id = $1 ORDER BY position`, [pollId]);
      const invalid = pollAnswerError({ kind: poll.kind, options }, optionIds);
      if (invalid) throw new LiveException('poll.invalid_answer', `Invalid answer: ${invalid}`);
      // Stored in the poll's option order, so an answer reads the same however it was sent.
      const ordered = options.map((option) => option.id).filter((id) => optionIds.includes(id));
      const inserted: unknown[] = await manager.query(
        `INSERT INTO poll_votes (poll_id, registration_id, option_ids) VALUES ($1, $2, $3::uuid[]) ON CONFLICT DO NOTHING RETURNING poll_id`,
        [pollId, attendee.registrationId, ordered],
      );
      if (!inserted.length) {
        const [existing]: Array<{ option_ids: string[] }> = await manager.query(`SELECT option_ids FROM poll_votes WHERE poll_id = $1 AND registration_id = $2`, [
          pollId,
          attendee.registrationId,
        ]);
        if (existing.option_ids.join() !== ordered.join()) throw new LiveException('poll.already_answered', 'You have already answered this poll: answers are final');
        return { poll: toPoll(poll, options, null), changed: false, optionIds: existing.option_ids };
      }
      await appendActivity(manager, attendee, 'poll.answered', { pollId, optionIds: ordered, kind: poll.kind });
      // Not counted here: counting on every vote would cost the room a scan per answer.
      return { poll: toPoll(poll, options, null), changed: true, optionIds: ordered };
    });
  }

  /**
   * What a (re)joining attendee sees: open polls, closed polls whose results are shown or that they
   * answered; and their answers.
   */
  async attendeeState(attendee: LiveAttendee): Promise<PollState> {
    const [state] = await this.attendeeStates(attendee.event.id, [attendee.registrationId]);
    return state as PollState;
  }

  /** `attendeeState` for several attendees of one event, the polls read and counted once (one state per registration id, in order). */
  async attendeeStates(eventId: string, registrationIds: string[]): Promise<PollState[]> {
    const answers: Array<{ registration_id: string; poll_id: string; option_ids: string[] }> = await this.db.query(
      `SELECT v.registration_id, v.poll_id, v.option_ids FROM poll_votes v JOIN polls p ON p.id = v.poll_id WHERE v.registration_id = ANY($1::uuid[]) AND p.event_id = $2`,
      [registrationIds, eventId],
    );
    const rows: PollRow[] = await this.db.query(
      `SELECT ${POLL_COLUMNS} FROM polls p
       WHERE p.event_id = $1 AND (p.status = 'open' OR (p.status = 'closed' AND (p.show_results OR p.id = ANY($2::uuid[]))))`,
      [eventId, [...new Set(answers.map((answer) => answer.poll_id))]],
    );
    // Counted only where shown, and at most once per `RESULTS_REUSE_MS` for everyone joining: a room of
    // thousands (re)joining at once must not count a large poll once per person. Counts a little older
    // than the answers are followed by the next `poll:results-updated`.
    const reused = new Map<string, PollResults>();
    for (const row of rows) {
      const results = row.show_results ? this.reusableResults(row.id) : null;
      if (results) reused.set(row.id, results);
    }
    const records = await this.assemble(this.db.manager, rows, (row) => row.show_results && !reused.has(row.id));
    const polls = records.map(({ row, poll }) => ({ row, poll: attendeePoll({ ...poll, results: reused.get(row.id) ?? poll.results }) }));
    const answered = groupBy(answers, (answer) => answer.registration_id);
    return registrationIds.map((registrationId) => {
      const mine = answered.get(registrationId) ?? [];
      const own = new Set(mine.map((answer) => answer.poll_id));
      return {
        eventId,
        // A closed poll whose results are hidden is shown only to those who answered it.
        polls: sortPolls(polls.filter(({ row }) => row.status === 'open' || row.show_results || own.has(row.id)).map(({ poll }) => poll)),
        myAnswers: Object.fromEntries(mine.map((answer) => [answer.poll_id, answer.option_ids])),
      };
    });
  }

  /** Every poll of the event with its results, drafts included, for organizers. */
  async organizerState(eventId: string): Promise<PollState> {
    const rows: PollRow[] = await this.db.query(`SELECT ${POLL_COLUMNS} FROM polls p WHERE p.event_id = $1`, [eventId]);
    const polls = await this.assemble(this.db.manager, rows);
    return { eventId, polls: sortPolls(polls.map((record) => record.poll)), myAnswers: {} };
  }

  /** A poll as it stands now (committed), or null when it is gone. */
  async poll(pollId: string): Promise<PollRecord | null> {
    const rows: PollRow[] = await this.db.query(`SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1`, [pollId]);
    const [record] = await this.assemble(this.db.manager, rows);
    return record ?? null;
  }

  private async insertOptions(manager: EntityManager, pollId: string, texts: string[]): Promise<void> {
    await manager.query(`INSERT INTO poll_options (poll_id, position, text) SELECT $1, t.ord - 1, t.text FROM unnest($2::text[]) WITH ORDINALITY AS t(text, ord)`, [
      pollId,
      texts,
    ]);
  }

  private async lock(manager: EntityManager, pollId: string): Promise<PollRow> {
    const [row]: PollRow[] = await manager.query(`SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1 FOR UPDATE`, [pollId]);
    if (!row) throw new LiveException('poll.not_found', 'No such poll');
    return row;
  }

  private async load(manager: EntityManager, pollId: string): Promise<PollRecord> {
    const rows: PollRow[] = await manager.query(`SELECT ${POLL_COLUMNS} FROM polls p WHERE p.id = $1`, [pollId]);
    const [record] = await this.assemble(manager, rows);
    return record;
  }

  /**
   * Polls with their options and results, counted from the answers in one pass per table. `count`
   * chooses the polls to count: the others come with `results` null.
   */
  private async assemble(manager: EntityManager, rows: PollRow[], count: (row: PollRow) => boolean = () => true): Promise<PollRecord[]> {
    if (!rows.length) return [];
    const options: OptionRow[] = await manager.query(`SELECT id, poll_id, text FROM poll_options WHERE poll_id = ANY($1::uuid[]) ORDER BY poll_id, position`, [
      rows.map((row) => row.id),
    ]);
    const counted = rows.filter(count);
    const ids = counted.map((row) => row.id);
    const counts: Array<{ poll_id: string; option_id: string; votes: number }> = ids.length
      ? await manager.query(
          `SELECT poll_id, option_id, count(*)::int AS votes FROM poll_votes, unnest(option_ids) AS option_id WHERE poll_id = ANY($1::uuid[]) GROUP BY poll_id, option_id`,
          [ids],
        )
      : [];
    const respondents: Array<{ poll_id: string; n: number }> = ids.length
      ? await manager.query(`SELECT poll_id, count(*)::int AS n FROM poll_votes WHERE poll_id = ANY($1::uuid[]) GROUP BY poll_id`, [ids])
      : [];
    const audience = new Map<string, number>();
    for (const eventId of new Set(counted.map((row) => row.event_id))) {
      const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL`, [eventId]);
      audience.set(eventId, n);
    }
    const votes = new Map(counts.map((row) => [`${row.poll_id}:${row.option_id}`, row.votes]));
    const answered = new Map(respondents.map((row) => [row.poll_id, row.n]));
    const at = new Date().toISOString();
    return rows.map((row) => {
      const own = options.filter((option) => option.poll_id === row.id);
      if (!ids.includes(row.id)) return { row, poll: toPoll(row, own, null) };
      const results: PollResults = {
        pollId: row.id,
        eventId: row.event_id,
        counts: own.map((option) => ({ optionId: option.id, votes: votes.get(`${row.id}:${option.id}`) ?? 0 })),
        respondents: answered.get(row.id) ?? 0,
        audience: audience.get(row.event_id) ?? 0,
        at,
      };
      if (this.recentResults.size > 1_000) this.recentResults.clear();
      this.recentResults.set(row.id, { until: Date.now() + RESULTS_REUSE_MS, results });
      return { row, poll: toPoll(row, own, results) };
    });
  }

  /** Counts taken within the last `RESULTS_REUSE_MS`, else null. */
  private reusableResults(pollId: string): PollResults | null {
    const recent = this.recentResults.get(pollId);
    if (recent && recent.until > Date.now()) return recent.results;
    this.recentResults.delete(pollId);
    return null;
  }
}
