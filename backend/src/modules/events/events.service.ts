import { rm } from 'node:fs/promises';
import path from 'node:path';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  canMoveEvent,
  schedulingProblems,
  streamKindOf,
  type createEventRequestSchema,
  type EventDetail,
  type EventListItem,
  type eventListQuerySchema,
  type EventStatus,
  type Page,
  type SessionUser,
  type updateEventRequestSchema,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { RuntimeContext } from 'runtime-context';
import { sanitizeDescription } from './event-description';
import { eventSlug } from './event-slug';
import { notifyEventChanged } from './event-changes';

type CreateEvent = z.output<typeof createEventRequestSchema>;
type UpdateEvent = z.output<typeof updateEventRequestSchema>;
type ListQuery = z.output<typeof eventListQuerySchema>;

interface EventRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  format: EventDetail['format'];
  status: EventStatus;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  stream_url: string | null;
  replay_url: string | null;
  venue: EventDetail['venue'];
  capacity: number | null;
  registration_mode: EventDetail['registrationMode'];
  agenda: EventDetail['agenda'];
  speakers: EventDetail['speakers'];
  questions: EventDetail['questions'];
  reminder_minutes: number[];
  ctas: EventDetail['ctas'];
  survey: EventDetail['survey'];
  schedule_version: number;
  created_at: Date;
  updated_at: Date;
  created_by_name: string | null;
}

/** Request field → column, for the fields an organizer edits. JSON columns are written as jsonb. */
const COLUMNS = {
  title: 'title',
  description: 'description',
  format: 'format',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  timeZone: 'time_zone',
  streamUrl: 'stream_url',
  replayUrl: 'replay_url',
  venue: 'venue',
  capacity: 'capacity',
  registrationMode: 'registration_mode',
  agenda: 'agenda',
  speakers: 'speakers',
  questions: 'questions',
  reminderMinutes: 'reminder_minutes',
  ctas: 'ctas',
  survey: 'survey',
} as const satisfies Record<keyof UpdateEvent, string>;
const JSON_FIELDS = new Set<keyof UpdateEvent>(['venue', 'agenda', 'speakers', 'questions', 'ctas', 'survey']);

const SELECT = `SELECT e.*, u.name AS created_by_name FROM events e LEFT JOIN users u ON u.id = e.created_by`;

function toListItem(row: EventRow): EventListItem {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    format: row.format,
    status: row.status,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    timeZone: row.time_zone,
    registrationMode: row.registration_mode,
    capacity: row.capacity,
    venueName: row.venue?.name ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toDetail(row: EventRow): EventDetail {
  return {
    ...toListItem(row),
    description: row.description,
    streamUrl: row.stream_url,
    streamKind: streamKindOf(row.stream_url),
    replayUrl: row.replay_url,
    venue: row.venue,
    agenda: row.agenda,
    speakers: row.speakers,
    questions: row.questions,
    reminderMinutes: row.reminder_minutes,
    ctas: row.ctas,
    survey: row.survey,
    scheduleVersion: row.schedule_version,
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
  };
}

function notFound(id: string): AppException {
  return new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${id}`);
}

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly runtime: RuntimeContext,
  ) {}

  async list(query: ListQuery): Promise<Page<EventListItem>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`e.title ILIKE $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`e.status = $${params.length}`);
    }
    if (query.when === 'upcoming') where.push(`e.ends_at > now() AND e.status NOT IN ('ended', 'archived')`);
    if (query.when === 'past') where.push(`(e.ends_at <= now() OR e.status IN ('ended', 'archived'))`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const order = query.when === 'upcoming' ? 'e.starts_at ASC, e.id' : 'e.starts_at DESC, e.id';
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM events e ${clause}`, params);
    const rows: EventRow[] = await this.db.query(
      `${SELECT} ${clause} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toListItem) };
  }

  async get(id: string): Promise<EventDetail> {
    return toDetail(await this.find(this.db.manager, id));
  }

  async create(body: CreateEvent, actor: SessionUser): Promise<EventDetail> {
    return this.db.transaction(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO events (slug, title, description, format, starts_at, ends_at, time_zone, stream_url, replay_url, venue, capacity,
           registration_mode, agenda, speakers, questions, reminder_minutes, created_by, ctas, survey)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16::int[], $17, $18::jsonb, $19::jsonb)
         RETURNING id`,
        [
          eventSlug(body.title),
          body.title,
          sanitizeDescription(body.description),
          body.format,
          body.startsAt,
          body.endsAt,
          body.timeZone,
          body.streamUrl,
          body.replayUrl,
          JSON.stringify(body.venue),
          body.capacity,
          body.registrationMode,
          JSON.stringify(body.agenda),
          JSON.stringify(body.speakers),
          JSON.stringify(body.questions),
          body.reminderMinutes,
          actor.id,
          JSON.stringify(body.ctas),
          JSON.stringify(body.survey),
        ],
      );
      await this.audit.record({ actorUserId: actor.id, action: 'events.created', subjectType: 'event', subjectId: id, data: { title: body.title } }, manager);
      return toDetail(await this.find(manager, id));
    });
  }

  async update(id: string, body: UpdateEvent, actor: SessionUser): Promise<EventDetail> {
    return this.db.transaction(async (manager) => {
      const current = toDetail(await this.find(manager, id, true));
      const changes = { ...body, ...(body.description !== undefined ? { description: sanitizeDescription(body.description) } : {}) };
      const merged = { ...current, ...changes };
      if (Date.parse(merged.endsAt) <= Date.parse(merged.startsAt)) {
        throw new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', 'The end must come after the start', [
          { path: 'endsAt', message: 'The end must come after the start' },
        ]);
      }
      // A published event keeps what publishing required (its venue); only the "already over" check is for scheduling.
      if (current.status !== 'draft') this.assertReady(merged, ['venue']);

      const set: string[] = [];
      const params: unknown[] = [id];
      for (const [field, value] of Object.entries(changes) as Array<[keyof UpdateEvent, unknown]>) {
        params.push(JSON_FIELDS.has(field) ? JSON.stringify(value) : value);
        set.push(`${COLUMNS[field]} = $${params.length}${JSON_FIELDS.has(field) ? '::jsonb' : field === 'reminderMinutes' ? '::int[]' : ''}`);
      }
      // Only a published event has registrants whose calendars hold it.
      const moved =
        current.status !== 'draft' &&
        ((changes.startsAt !== undefined && Date.parse(changes.startsAt) !== Date.parse(current.startsAt)) ||
          (changes.endsAt !== undefined && Date.parse(changes.endsAt) !== Date.parse(current.endsAt)) ||
          (changes.timeZone !== undefined && changes.timeZone !== current.timeZone));
      // A new time moves the event in registrants' calendars: their calendar entry's SEQUENCE goes up.
      if (moved) set.push('schedule_version = schedule_version + 1');
      await manager.query(`UPDATE events SET ${set.join(', ')}, updated_at = now() WHERE id = $1`, params);
      await this.audit.record(
        { actorUserId: actor.id, action: 'events.updated', subjectType: 'event', subjectId: id, data: { fields: Object.keys(changes), rescheduled: moved } },
        manager,
      );
      return toDetail(await this.find(manager, id));
    });
  }

  async changeStatus(id: string, status: EventStatus, actor: SessionUser): Promise<EventDetail> {
    return this.db.transaction(async (manager) => {
      const current = toDetail(await this.find(manager, id, true));
      if (current.status === status) return current;
      if (!canMoveEvent(current.status, status)) {
        throw new AppException(HttpStatus.CONFLICT, 'events.bad_transition', `A ${current.status} event cannot become ${status}`);
      }
      if (status === 'scheduled') this.assertReady(current);
      await manager.query(`UPDATE events SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
      await notifyEventChanged(manager, id);
      await this.audit.record(
        { actorUserId: actor.id, action: 'events.status_changed', subjectType: 'event', subjectId: id, data: { from: current.status, to: status } },
        manager,
      );
      return toDetail(await this.find(manager, id));
    });
  }

  async remove(id: string, actor: SessionUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      const current = await this.find(manager, id, true);
      if (current.status !== 'draft') {
        throw new AppException(HttpStatus.CONFLICT, 'events.bad_transition', 'Only a draft can be deleted; end or archive a published event');
      }
      await manager.query(`DELETE FROM events WHERE id = $1`, [id]);
      await this.audit.record({ actorUserId: actor.id, action: 'events.deleted', subjectType: 'event', subjectId: id, data: { title: current.title } }, manager);
    });
    // The material rows went with the event (ON DELETE CASCADE); their files go now.
    await rm(path.join(this.runtime.config.dataDir, 'materials', id), { recursive: true, force: true });
  }

  private assertReady(event: EventDetail, only?: string[]): void {
    const problems = schedulingProblems(event).filter((problem) => !only || only.includes(problem.path));
    if (problems.length) {
      throw new AppException(HttpStatus.UNPROCESSABLE_ENTITY, 'events.not_ready', `The event cannot be published: ${problems.map((p) => p.message).join('; ')}`, problems);
    }
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<EventRow> {
    const rows: EventRow[] = await manager.query(`${SELECT} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
    if (!rows[0]) throw notFound(id);
    return rows[0];
  }
}
