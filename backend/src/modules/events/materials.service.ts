import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MATERIAL_LIMITS, type EventMaterial, type SessionUser } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { saveUpload } from 'common/upload';
import { AuditService } from 'modules/audit/audit.service';
import { RuntimeContext } from 'runtime-context';

interface MaterialRow {
  id: string;
  event_id: string;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  stored_file: string;
  created_at: Date;
  created_by_name: string | null;
}

/** Content types by extension: browsers open or save downloads by it. Anything else is a plain download. */
const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.mp4': 'video/mp4',
  '.txt': 'text/plain; charset=utf-8',
};

const SELECT = `SELECT m.*, u.name AS created_by_name FROM event_materials m LEFT JOIN users u ON u.id = m.created_by`;

function toMaterial(row: MaterialRow): EventMaterial {
  return {
    id: row.id,
    eventId: row.event_id,
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
    downloadUrl: `/api/v1/events/${row.event_id}/materials/${row.id}/file`,
  };
}

/** A file name as given, without a path or control characters (it is shown and sent back in headers). */
function cleanFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  return Array.from(base, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '"' ? '' : c)).join('').trim() || 'file';
}

@Injectable()
export class MaterialsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly runtime: RuntimeContext,
  ) {}

  async list(eventId: string): Promise<EventMaterial[]> {
    await this.assertEvent(eventId);
    const rows: MaterialRow[] = await this.db.query(`${SELECT} WHERE m.event_id = $1 ORDER BY m.created_at, m.id`, [eventId]);
    return rows.map(toMaterial);
  }

  /** Streams the body to DATA_DIR/materials; the row is written only once the whole file is there. */
  async upload(eventId: string, body: Readable, query: { fileName: string; title?: string }, declaredBytes: number | null, actor: SessionUser): Promise<EventMaterial> {
    await this.assertEvent(eventId);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM event_materials WHERE event_id = $1`, [eventId]);
    if (n >= MATERIAL_LIMITS.perEvent) {
      throw new AppException(HttpStatus.CONFLICT, 'events.too_many_materials', `An event holds at most ${MATERIAL_LIMITS.perEvent} materials`);
    }
    const tooLarge = () => new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'events.material_too_large', `A file may be at most ${MATERIAL_LIMITS.fileBytes / 1024 / 1024} MB`);
    if (declaredBytes !== null && declaredBytes > MATERIAL_LIMITS.fileBytes) throw tooLarge();
    const fileName = cleanFileName(query.fileName);
    const id = randomUUID();
    const storedFile = path.join(eventId, id);
    const target = this.filePath(storedFile);
    const bytes = await saveUpload(body, target, MATERIAL_LIMITS.fileBytes, tooLarge);
    try {
      if (bytes === 0) throw new AppException(HttpStatus.BAD_REQUEST, 'events.material_empty', 'The file is empty');
      const contentType = CONTENT_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
      await this.db.query(
        `INSERT INTO event_materials (id, event_id, title, file_name, content_type, size_bytes, stored_file, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, eventId, query.title || fileName, fileName, contentType, bytes, storedFile, actor.id],
      );
      await this.audit.record({ actorUserId: actor.id, action: 'events.material_added', subjectType: 'event', subjectId: eventId, data: { fileName, bytes } });
      return this.get(eventId, id);
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
  }

  async rename(eventId: string, id: string, title: string, actor: SessionUser): Promise<EventMaterial> {
    const result = await this.db.query(`UPDATE event_materials SET title = $3 WHERE event_id = $1 AND id = $2`, [eventId, id, title]);
    if (!result[1]) throw this.notFound(id);
    await this.audit.record({ actorUserId: actor.id, action: 'events.material_renamed', subjectType: 'event', subjectId: eventId, data: { materialId: id, title } });
    return this.get(eventId, id);
  }

  async remove(eventId: string, id: string, actor: SessionUser): Promise<void> {
    const [row] = returnedRows<MaterialRow>(await this.db.query(`DELETE FROM event_materials WHERE event_id = $1 AND id = $2 RETURNING *`, [eventId, id]));
    if (!row) throw this.notFound(id);
    await rm(this.filePath(row.stored_file), { force: true });
    await this.audit.record({ actorUserId: actor.id, action: 'events.material_removed', subjectType: 'event', subjectId: eventId, data: { fileName: row.file_name } });
  }

  /** The file to send, with what the response headers need. */
  async file(eventId: string, id: string): Promise<{ material: EventMaterial; stream: Readable }> {
    const [row]: MaterialRow[] = await this.db.query(`${SELECT} WHERE m.event_id = $1 AND m.id = $2`, [eventId, id]);
    if (!row) throw this.notFound(id);
    return { material: toMaterial(row), stream: createReadStream(this.filePath(row.stored_file)) };
  }

  private async get(eventId: string, id: string): Promise<EventMaterial> {
    const [row]: MaterialRow[] = await this.db.query(`${SELECT} WHERE m.event_id = $1 AND m.id = $2`, [eventId, id]);
    if (!row) throw this.notFound(id);
    return toMaterial(row);
  }

  private filePath(storedFile: string): string {
    return path.join(this.runtime.config.dataDir, 'materials', storedFile);
  }

  private async assertEvent(eventId: string): Promise<void> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM events WHERE id = $1`, [eventId]);
    if (!rows.length) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${eventId}`);
  }

  private notFound(id: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, 'events.material_not_found', `No material ${id}`);
  }
}
