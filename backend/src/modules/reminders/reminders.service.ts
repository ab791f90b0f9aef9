import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegistrationMail } from 'modules/registrations/registration-mail';
import type { EventRow, RegistrationRow } from 'modules/registrations/registrations.service';

/** Registrations handled per statement; the sweep repeats until nothing is due. */
const BATCH = 500;

export interface SweepResult {
  reminders: number;
  rescheduled: number;
}

/**
 * Time-based mail for registrants, computed from the database on every sweep (DESIGN.md): nothing is
 * scheduled in memory or in the queue, so a restart never skips or repeats a message.
 *
 * - A reminder `m` minutes before the start is due from `start − m` until the start ("we are live", m = 0,
 *   until the end), for registrants who registered before that moment. When several are due at once (the
 *   sweep was down), only the nearest goes out: a delivery row for `m` also stands for every earlier one.
 * - A registrant whose calendar entry was sent for an older time of the event gets the new time.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: RegistrationMail,
  ) {}

  async sweep(now: Date = new Date()): Promise<SweepResult> {
    const result: SweepResult = { reminders: 0, rescheduled: 0 };
    for (;;) {
      const { due, sent } = await this.remindersBatch(now);
      result.reminders += sent;
      if (due < BATCH) break;
    }
    for (;;) {
      const sent = await this.rescheduledBatch();
      result.rescheduled += sent;
      if (sent < BATCH) break;
    }
    return result;
  }

  private async remindersBatch(now: Date): Promise<{ due: number; sent: number }> {
    const mailIds: string[] = [];
    const count = await this.db.transaction(async (manager) => {
      const due: Array<{ registration_id: string; event_id: string; minutes: number }> = await manager.query(
        `SELECT DISTINCT ON (r.id) r.id AS registration_id, e.id AS event_id, m.minutes
         FROM events e
         CROSS JOIN LATERAL unnest(e.reminder_minutes) AS m(minutes)
         JOIN registrations r ON r.event_id = e.id AND r.status = 'registered'
         WHERE e.status IN ('scheduled', 'live')
           AND $1 >= e.starts_at - make_interval(mins => m.minutes)
           AND $1 < CASE WHEN m.minutes = 0 THEN e.ends_at ELSE e.starts_at END
           AND r.created_at < e.starts_at - make_interval(mins => m.minutes)
           AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d
                           WHERE d.registration_id = r.id AND d.schedule_version = e.schedule_version AND d.minutes <= m.minutes)
         ORDER BY r.id, m.minutes
         LIMIT ${BATCH}`,
        [now],
      );
      let sent = 0;
      const events = new Map<string, EventRow>();
      for (const item of due) {
        if (!events.has(item.event_id)) events.set(item.event_id, (await manager.query(`SELECT * FROM events WHERE id = $1`, [item.event_id]))[0]);
        const event = events.get(item.event_id)!;
        // Another sweeper (a second worker) may have taken it: the primary key decides, once.
        const claimed: unknown[] = await manager.query(
          `INSERT INTO reminder_deliveries (registration_id, minutes, schedule_version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [item.registration_id, item.minutes, event.schedule_version],
        );
        if (claimed.length === 0) continue;
        const [registration]: RegistrationRow[] = await manager.query(`SELECT * FROM registrations WHERE id = $1`, [item.registration_id]);
        const mailId = await this.mail.reminder(manager, event, registration, item.minutes);
        if (mailId) {
          mailIds.push(mailId);
          await manager.query(`UPDATE reminder_deliveries SET mail_id = $4 WHERE registration_id = $1 AND minutes = $2 AND schedule_version = $3`, [
            item.registration_id,
            item.minutes,
            event.schedule_version,
            mailId,
          ]);
        }
        sent += 1;
      }
      return { due: due.length, sent };
    });
    for (const id of mailIds) await this.mail.enqueue(id);
    return count;
  }

  private async rescheduledBatch(): Promise<number> {
    const mailIds: string[] = [];
    const count = await this.db.transaction(async (manager) => {
      const rows: Array<RegistrationRow & { event: EventRow }> = await manager.query(
        `SELECT r.*, to_jsonb(e) AS event FROM registrations r JOIN events e ON e.id = r.event_id
         WHERE r.status = 'registered' AND r.notified_version < e.schedule_version
           AND e.status IN ('scheduled', 'live') AND e.ends_at > now()
         ORDER BY r.id LIMIT ${BATCH}
         FOR UPDATE OF r SKIP LOCKED`,
      );
      for (const row of rows) {
        const event: EventRow = { ...row.event, starts_at: new Date(row.event.starts_at), ends_at: new Date(row.event.ends_at) };
        const mailId = await this.mail.rescheduled(manager, event, row);
        if (mailId) mailIds.push(mailId);
      }
      return rows.length;
    });
    for (const id of mailIds) await this.mail.enqueue(id);
    return count;
  }
}
