import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  checkSurveyAnswers,
  type Cta,
  type CtaClickResult,
  type EngagementSummary,
  type EventStatus,
  ENGAGEMENT_LIMITS,
  type SurveyAnswers,
  type SurveyQuestion,
  type SurveyState,
  surveyClosesAt,
  surveyProblemMessage,
  surveyWindow,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { appendActivity, type LiveAttendee, ROOM_OPEN_STATUSES } from 'modules/live/live-room.service';
import { RuntimeContext } from 'runtime-context';

/** A seat holder, with the event's buttons and survey as configured now. */
interface Registrant extends LiveAttendee {
  ctas: Cta[];
  survey: SurveyQuestion[];
}

interface RegistrantRow {
  id: string;
  contact_id: string | null;
  name: string;
  status: string;
  checked_in_at: Date | null;
  check_in_method: string | null;
  event_id: string;
  slug: string;
  title: string;
  event_status: EventStatus;
  starts_at: Date;
  ends_at: Date;
  ctas: Cta[];
  survey: SurveyQuestion[];
}

export interface MaterialFile {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  stream: Readable;
}

/**
 * Downloads, calls to action and the end-of-event survey. Attendees act by their personal token (seat
 * holders only); each action is written with its activity in one transaction before anything is returned.
 */
@Injectable()
export class EngagementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: RuntimeContext,
  ) {}

  /** Records the download, then hands over the file. A file missing on disk records nothing. */
  async download(token: string, materialId: string): Promise<MaterialFile> {
    const registrant = await this.registrant(token);
    const [material]: Array<{ id: string; title: string; file_name: string; content_type: string; size_bytes: string; stored_file: string }> = UUID.test(materialId)
      ? await this.db.query(`SELECT * FROM event_materials WHERE id = $1 AND event_id = $2`, [materialId, registrant.event.id])
      : [];
    if (!material) throw new AppException(HttpStatus.NOT_FOUND, 'events.material_not_found', `No material ${materialId} for this event`);
    const file = path.join(this.runtime.config.dataDir, 'materials', material.stored_file);
    try {
      await stat(file);
    } catch {
      throw new AppException(HttpStatus.NOT_FOUND, 'events.material_not_found', `The file of material ${materialId} is missing`);
    }
    await this.db.transaction(async (manager) => {
      await manager.query(`INSERT INTO downloads (event_id, material_id, registration_id) VALUES ($1, $2, $3)`, [registrant.event.id, material.id, registrant.registrationId]);
      await appendActivity(manager, registrant, 'material.downloaded', { materialId: material.id, title: material.title, fileName: material.file_name });
    });
    return { fileName: material.file_name, contentType: material.content_type, sizeBytes: Number(material.size_bytes), stream: createReadStream(file) };
  }

  /** Records a click on one of the event's buttons and returns its address: only configured addresses ever come back. */
  async clickCta(token: string, ctaId: string): Promise<CtaClickResult> {
    const registrant = await this.registrant(token);
    const cta = registrant.ctas.find((candidate) => candidate.id === ctaId);
    if (!cta) throw new AppException(HttpStatus.NOT_FOUND, 'engagement.cta_not_found', `This event has no button ${ctaId.slice(0, 40)}`);
    await this.db.transaction(async (manager) => {
      await manager.query(`INSERT INTO cta_clicks (event_id, registration_id, cta_id, kind, label, url) VALUES ($1, $2, $3, $4, $5, $6)`, [
        registrant.event.id,
        registrant.registrationId,
        cta.id,
        cta.kind,
        cta.label,
        cta.url,
      ]);
      await appendActivity(manager, registrant, 'cta.clicked', { ctaId: cta.id, kind: cta.kind, label: cta.label, url: cta.url });
    });
    return { url: cta.url };
  }

  async survey(token: string, now = new Date()): Promise<SurveyState> {
    const registrant = await this.registrant(token);
    if (registrant.survey.length === 0) throw noSurvey();
    return this.surveyState(registrant, now);
  }

  /** Saves (or changes) the person's answers while the survey is open; each refused answer is named by its question. */
  async answerSurvey(token: string, answers: Record<string, unknown>, now = new Date()): Promise<SurveyState> {
    const registrant = await this.registrant(token);
    if (registrant.survey.length === 0) throw noSurvey();
    const window = surveyWindow({ status: registrant.event.status, endsAt: registrant.event.endsAt }, now);
    if (window === 'not_open') throw new AppException(HttpStatus.CONFLICT, 'engagement.survey_not_open', 'The survey opens when the event ends');
    if (window === 'closed') throw new AppException(HttpStatus.CONFLICT, 'engagement.survey_closed', 'The survey is closed');
    const checked = checkSurveyAnswers(registrant.survey, answers);
    if (checked.problems.length) {
      const details = checked.problems.map(({ questionId, problem }) => ({ path: `answers.${questionId}`, message: surveyProblemMessage(problem) }));
      throw new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
    }
    await this.db.transaction(async (manager) => {
      const [{ inserted }]: Array<{ inserted: boolean }> = await manager.query(
        `INSERT INTO survey_responses (registration_id, event_id, answers) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (registration_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [registrant.registrationId, registrant.event.id, JSON.stringify(checked.answers)],
      );
      await appendActivity(manager, registrant, 'survey.answered', { answered: Object.keys(checked.answers).length, questions: registrant.survey.length, changed: !inserted });
    });
    return this.surveyState(registrant, now);
  }

  /** What attendees did with the event: per material, per button, and the survey by question. */
  async summary(eventId: string): Promise<EngagementSummary> {
    const [event]: Array<{ ctas: Cta[]; survey: SurveyQuestion[] }> = UUID.test(eventId) ? await this.db.query(`SELECT ctas, survey FROM events WHERE id = $1`, [eventId]) : [];
    if (!event) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${eventId}`);
    const materials: Array<{ id: string; title: string; file_name: string; people: number; downloads: number }> = await this.db.query(
      `SELECT m.id, m.title, m.file_name, count(DISTINCT d.registration_id)::int AS people, count(d.id)::int AS downloads
       FROM event_materials m LEFT JOIN downloads d ON d.material_id = m.id
       WHERE m.event_id = $1 GROUP BY m.id ORDER BY m.created_at, m.id`,
      [eventId],
    );
    const clicks: Array<{ cta_id: string; people: number; clicks: number }> = await this.db.query(
      `SELECT cta_id, count(DISTINCT registration_id)::int AS people, count(*)::int AS clicks FROM cta_clicks WHERE event_id = $1 GROUP BY cta_id`,
      [eventId],
    );
    const [{ responses }] = await this.db.query(`SELECT count(*)::int AS responses FROM survey_responses WHERE event_id = $1`, [eventId]);
    // Ratings and choices are counted by value; text answers only by how many gave one.
    const counted = event.survey.filter((q) => q.kind !== 'text').map((q) => q.id);
    const values: Array<{ question_id: string; value: string | null; n: number }> = await this.db.query(
      `SELECT a.key AS question_id, CASE WHEN a.key = ANY($2::text[]) THEN a.value #>> '{}' END AS value, count(*)::int AS n
       FROM survey_responses r, jsonb_each(r.answers) a WHERE r.event_id = $1 GROUP BY 1, 2`,
      [eventId, counted],
    );
    return {
      materials: materials.map((m) => ({ id: m.id, title: m.title, fileName: m.file_name, people: m.people, downloads: m.downloads })),
      ctas: event.ctas.map((cta) => {
        const row = clicks.find((c) => c.cta_id === cta.id);
        return { id: cta.id, kind: cta.kind, label: cta.label, people: row?.people ?? 0, clicks: row?.clicks ?? 0 };
      }),
      survey: { responses, questions: event.survey.map((question) => summarizeQuestion(question, values.filter((v) => v.question_id === question.id))) },
    };
  }

  private async surveyState(registrant: Registrant, now: Date): Promise<SurveyState> {
    const [response]: Array<{ answers: SurveyAnswers; updated_at: Date }> = await this.db.query(
      `SELECT answers, updated_at FROM survey_responses WHERE registration_id = $1`,
      [registrant.registrationId],
    );
    return {
      window: surveyWindow({ status: registrant.event.status, endsAt: registrant.event.endsAt }, now),
      opensAt: registrant.event.endsAt.toISOString(),
      closesAt: surveyClosesAt({ endsAt: registrant.event.endsAt }).toISOString(),
      questions: registrant.survey,
      answers: response?.answers ?? null,
      answeredAt: response?.updated_at.toISOString() ?? null,
    };
  }

  /** The seat holder behind a personal token; anyone else is refused with a reason the page can show. */
  private async registrant(token: string): Promise<Registrant> {
    const [row]: RegistrantRow[] =
      token.length >= 40
        ? await this.db.query(
            `SELECT r.id, r.contact_id, r.name, r.status, r.checked_in_at, r.check_in_method,
                    e.id AS event_id, e.slug, e.title, e.status AS event_status, e.starts_at, e.ends_at, e.ctas, e.survey
             FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.token = $1`,
            [token],
          )
        : [];
    if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'registrations.not_found', 'This personal link is not valid (it may have been replaced by a newer one)');
    if (row.status !== 'registered') throw new AppException(HttpStatus.FORBIDDEN, 'engagement.not_registered', `The registration is ${row.status}: it does not hold a seat`);
    if (!ROOM_OPEN_STATUSES.includes(row.event_status)) throw new AppException(HttpStatus.CONFLICT, 'live.event_unavailable', `The event is ${row.event_status}`);
    return {
      registrationId: row.id,
      contactId: row.contact_id,
      name: row.name,
      event: { id: row.event_id, slug: row.slug, title: row.title, status: row.event_status, startsAt: row.starts_at, endsAt: row.ends_at },
      checkedInAt: row.checked_in_at,
      checkInMethod: row.check_in_method,
      ctas: row.ctas,
      survey: row.survey,
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function noSurvey(): AppException {
  return new AppException(HttpStatus.NOT_FOUND, 'engagement.no_survey', 'This event has no survey');
}

/** One question's numbers: ratings 1–5 with their average, options with their counts, text by answers given. */
function summarizeQuestion(question: SurveyQuestion, values: Array<{ value: string | null; n: number }>): EngagementSummary['survey']['questions'][number] {
  const answered = values.reduce((sum, v) => sum + v.n, 0);
  const countOf = (value: string) => values.find((v) => v.value === value)?.n ?? 0;
  if (question.kind === 'rating') {
    const counts = Array.from({ length: ENGAGEMENT_LIMITS.ratingMax - ENGAGEMENT_LIMITS.ratingMin + 1 }, (_, i) => {
      const rating = String(ENGAGEMENT_LIMITS.ratingMin + i);
      return { id: rating, label: rating, count: countOf(rating) };
    });
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const average = total ? counts.reduce((sum, c) => sum + Number(c.id) * c.count, 0) / total : null;
    return { id: question.id, kind: question.kind, prompt: question.prompt, answered: total, average: average === null ? null : Math.round(average * 100) / 100, counts };
  }
  if (question.kind === 'choice') {
    const counts = question.options.map((option) => ({ id: option.id, label: option.label, count: countOf(option.id) }));
    // Answers to options since removed do not count.
    return { id: question.id, kind: question.kind, prompt: question.prompt, answered: counts.reduce((sum, c) => sum + c.count, 0), average: null, counts };
  }
  return { id: question.id, kind: question.kind, prompt: question.prompt, answered, average: null, counts: [] };
}
