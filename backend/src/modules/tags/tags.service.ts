import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  BulkTagRequest,
  BulkTagResult,
  RecordTag,
  SegmentGroup,
  SegmentTarget,
  SessionUser,
  Tag,
  TagCategory,
  TagColor,
  TagEntity,
  TagSource,
  TagUsage,
  createTagCategoryRequestSchema,
  createTagRequestSchema,
  updateTagCategoryRequestSchema,
  updateTagRequestSchema,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { compileSegmentFilter, SegmentFilterError, segmentFrom } from 'modules/segments/segment-compiler';
import { TAGGINGS, tagRecords, untagRecords, type RecordSelection } from './tag-records';

interface CategoryRow {
  id: string;
  name: string;
  color: TagColor;
  sort: number;
}

interface TagRow {
  id: string;
  category_id: string;
  name: string;
  color: TagColor | null;
  description: string | null;
}

interface RecordTagRow {
  tag_id: string;
  name: string;
  color: TagColor;
  category_id: string;
  category_name: string;
  source: TagSource;
  source_detail: string | null;
  created_at: Date;
  created_by_name: string | null;
}

const ENTITY_TARGET: Record<TagEntity, SegmentTarget> = { company: 'companies', contact: 'contacts' };

function toTag(row: TagRow, usage?: TagUsage): Tag {
  return { id: row.id, categoryId: row.category_id, name: row.name, color: row.color, description: row.description, ...(usage ? { usage } : {}) };
}

function toRecordTag(row: RecordTagRow): RecordTag {
  return {
    tagId: row.tag_id,
    name: row.name,
    color: row.color,
    categoryId: row.category_id,
    categoryName: row.category_name,
    source: row.source,
    sourceDetail: row.source_detail,
    createdAt: row.created_at.toISOString(),
    createdByName: row.created_by_name,
  };
}

const pgCode = (error: unknown) => (error as { code?: string }).code;
const pgConstraint = (error: unknown) => (error as { constraint?: string }).constraint;

@Injectable()
export class TagsService {
  // Every statement that returns rows is a SELECT (data-modifying ones wrapped in a CTE): TypeORM's
  // query() answers a bare UPDATE or DELETE with [rows, count] instead of the rows.
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Categories in their order, each with its tags by name; usage counts on request (they scan the taggings). */
  async catalog(withUsage: boolean): Promise<TagCategory[]> {
    const categories = (await this.db.query(`SELECT id, name, color, sort FROM tag_categories ORDER BY sort, lower(name), id`)) as CategoryRow[];
    const tags = (await this.db.query(`SELECT id, category_id, name, color, description FROM tags ORDER BY lower(name), id`)) as TagRow[];
    const usage = withUsage ? await this.usage() : null;
    return categories.map((category) => ({
      ...category,
      tags: tags
        .filter((tag) => tag.category_id === category.id)
        .map((tag) => toTag(tag, usage ? (usage.get(tag.id) ?? { companies: 0, contacts: 0, segments: 0 }) : undefined)),
    }));
  }

  private async usage(): Promise<Map<string, TagUsage>> {
    const usage = new Map<string, TagUsage>();
    const entry = (id: string) => {
      let found = usage.get(id);
      if (!found) usage.set(id, (found = { companies: 0, contacts: 0, segments: 0 }));
      return found;
    };
    // Index-only scans of the (tag, record) indexes.
    for (const [table, key] of [
      ['company_tags', 'companies'],
      ['contact_tags', 'contacts'],
    ] as const) {
      const rows = (await this.db.query(`SELECT tag_id, count(*)::int AS n FROM ${table} GROUP BY tag_id`)) as Array<{ tag_id: string; n: number }>;
      for (const row of rows) entry(row.tag_id)[key] = row.n;
    }
    // Saved segments whose tag conditions name the tag (segments are few; their filters are small).
    const segments = (await this.db.query(
      `SELECT t.id AS tag_id, count(DISTINCT s.id)::int AS n
       FROM segments s
       CROSS JOIN LATERAL jsonb_path_query(s.filter, 'lax $.** ? (@.kind == "condition" && (@.field == "contact.tags" || @.field == "company.tags")).value[*]') AS v(value)
       JOIN tags t ON t.id::text = lower(v.value #>> '{}')
       GROUP BY t.id`,
    )) as Array<{ tag_id: string; n: number }>;
    for (const row of segments) entry(row.tag_id).segments = row.n;
    return usage;
  }

  async createCategory(body: z.output<typeof createTagCategoryRequestSchema>, actor: SessionUser): Promise<TagCategory> {
    return this.db.transaction(async (manager) => {
      const [row] = (await this.unique(() =>
        manager.query(
          `INSERT INTO tag_categories (name, color, sort)
           VALUES ($1, $2, COALESCE($3, (SELECT COALESCE(max(sort), 0) + 10 FROM tag_categories)))
           RETURNING id, name, color, sort`,
          [body.name, body.color, body.sort ?? null],
        ),
      )) as CategoryRow[];
      await this.audit.record({ actorUserId: actor.id, action: 'tags.category_created', subjectType: 'tag_category', subjectId: row.id, data: { name: row.name } }, manager);
      return { ...row, tags: [] };
    });
  }

  async updateCategory(id: string, body: z.output<typeof updateTagCategoryRequestSchema>, actor: SessionUser): Promise<TagCategory> {
    return this.db.transaction(async (manager) => {
      const [row] = (await this.unique(() =>
        manager.query(
          `WITH updated AS (
             UPDATE tag_categories SET name = COALESCE($2, name), color = COALESCE($3, color), sort = COALESCE($4, sort), updated_at = now()
             WHERE id = $1 RETURNING id, name, color, sort
           ) SELECT * FROM updated`,
          [id, body.name ?? null, body.color ?? null, body.sort ?? null],
        ),
      )) as CategoryRow[];
      if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'tags.category_not_found', `No tag category ${id}`);
      await this.audit.record({ actorUserId: actor.id, action: 'tags.category_updated', subjectType: 'tag_category', subjectId: id, data: { ...body } }, manager);
      const tags = (await manager.query(`SELECT id, category_id, name, color, description FROM tags WHERE category_id = $1 ORDER BY lower(name), id`, [id])) as TagRow[];
      return { ...row, tags: tags.map((tag) => toTag(tag)) };
    });
  }

  async deleteCategory(id: string, actor: SessionUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      let deleted: Array<{ name: string }>;
      try {
        deleted = (await manager.query(`WITH deleted AS (DELETE FROM tag_categories WHERE id = $1 RETURNING name) SELECT name FROM deleted`, [id])) as Array<{
          name: string;
        }>;
      } catch (error) {
        if (pgCode(error) !== '23503') throw error;
        throw new AppException(HttpStatus.CONFLICT, 'tags.category_not_empty', 'This category still has tags; delete them or move them to another category first');
      }
      if (!deleted.length) throw new AppException(HttpStatus.NOT_FOUND, 'tags.category_not_found', `No tag category ${id}`);
      await this.audit.record({ actorUserId: actor.id, action: 'tags.category_deleted', subjectType: 'tag_category', subjectId: id, data: { name: deleted[0].name } }, manager);
    });
  }

  async createTag(body: z.output<typeof createTagRequestSchema>, actor: SessionUser): Promise<Tag> {
    return this.db.transaction(async (manager) => {
      const [row] = (await this.unique(() =>
        manager.query(
          `INSERT INTO tags (category_id, name, color, description) VALUES ($1, $2, $3, $4)
           RETURNING id, category_id, name, color, description`,
          [body.categoryId, body.name, body.color, body.description],
        ),
      )) as TagRow[];
      await this.audit.record({ actorUserId: actor.id, action: 'tags.created', subjectType: 'tag', subjectId: row.id, data: { name: row.name, categoryId: row.category_id } }, manager);
      return toTag(row);
    });
  }

  async updateTag(id: string, body: z.output<typeof updateTagRequestSchema>, actor: SessionUser): Promise<Tag> {
    return this.db.transaction(async (manager) => {
      // `color` and `description` may be set to null on purpose, so "absent" is told apart from null.
      const [row] = (await this.unique(() =>
        manager.query(
          `WITH updated AS (
             UPDATE tags SET
               category_id = COALESCE($2, category_id),
               name = COALESCE($3, name),
               color = CASE WHEN $4 THEN $5 ELSE color END,
               description = CASE WHEN $6 THEN $7 ELSE description END,
               updated_at = now()
             WHERE id = $1 RETURNING id, category_id, name, color, description
           ) SELECT * FROM updated`,
          [id, body.categoryId ?? null, body.name ?? null, 'color' in body, body.color ?? null, 'description' in body, body.description ?? null],
        ),
      )) as TagRow[];
      if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'tags.not_found', `No tag ${id}`);
      await this.audit.record({ actorUserId: actor.id, action: 'tags.updated', subjectType: 'tag', subjectId: id, data: { ...body } }, manager);
      return toTag(row);
    });
  }

  /** Deleting a tag removes it from every record (ON DELETE CASCADE); the audit row keeps how many. */
  async deleteTag(id: string, actor: SessionUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      const [usage] = (await manager.query(
        `SELECT (SELECT count(*) FROM company_tags WHERE tag_id = $1)::int AS companies, (SELECT count(*) FROM contact_tags WHERE tag_id = $1)::int AS contacts`,
        [id],
      )) as Array<{ companies: number; contacts: number }>;
      const deleted = (await manager.query(`WITH deleted AS (DELETE FROM tags WHERE id = $1 RETURNING name) SELECT name FROM deleted`, [id])) as Array<{ name: string }>;
      if (!deleted.length) throw new AppException(HttpStatus.NOT_FOUND, 'tags.not_found', `No tag ${id}`);
      await this.audit.record({ actorUserId: actor.id, action: 'tags.deleted', subjectType: 'tag', subjectId: id, data: { name: deleted[0].name, ...usage } }, manager);
    });
  }

  async recordTags(entity: TagEntity, id: string): Promise<RecordTag[]> {
    const { table, key, records } = TAGGINGS[entity];
    const [{ found }] = (await this.db.query(`SELECT EXISTS (SELECT 1 FROM ${records} WHERE id = $1) AS found`, [id])) as Array<{ found: boolean }>;
    if (!found) throw this.recordNotFound(entity, id);
    const rows = (await this.db.query(
      `SELECT x.tag_id, t.name, COALESCE(t.color, g.color) AS color, g.id AS category_id, g.name AS category_name,
              x.source, x.source_detail, x.created_at, u.name AS created_by_name
       FROM ${table} x
       JOIN tags t ON t.id = x.tag_id
       JOIN tag_categories g ON g.id = t.category_id
       LEFT JOIN users u ON u.id = x.created_by
       WHERE x.${key} = $1
       ORDER BY g.sort, lower(g.name), lower(t.name)`,
      [id],
    )) as RecordTagRow[];
    return rows.map(toRecordTag);
  }

  /** Manual tagging of one record; returns its tags afterwards. */
  async addRecordTags(entity: TagEntity, id: string, tagIds: string[], actor: SessionUser): Promise<RecordTag[]> {
    await this.db.transaction(async (manager) => {
      const result = await tagRecords(manager, { entity, tagIds, select: { ids: [id] }, source: 'manual', actorId: actor.id });
      if (result.matched === 0) throw this.recordNotFound(entity, id);
      if (result.changed > 0) {
        await this.audit.record({ actorUserId: actor.id, action: 'tags.added', subjectType: entity, subjectId: id, data: { tagIds, added: result.changed } }, manager);
      }
    });
    return this.recordTags(entity, id);
  }

  /** Removing a tag the record does not have is not an error (the outcome is the same). */
  async removeRecordTag(entity: TagEntity, id: string, tagId: string, actor: SessionUser): Promise<void> {
    await this.db.transaction(async (manager) => {
      const result = await untagRecords(manager, { entity, tagIds: [tagId], select: { ids: [id] } });
      if (result.matched === 0) throw this.recordNotFound(entity, id);
      if (result.changed > 0) {
        await this.audit.record({ actorUserId: actor.id, action: 'tags.removed', subjectType: entity, subjectId: id, data: { tagIds: [tagId] } }, manager);
      }
    });
  }

  /** Tags or untags many records in one statement, from ids, a saved segment or an unsaved filter. */
  async bulk(request: BulkTagRequest, actor: SessionUser): Promise<BulkTagResult> {
    const select = await this.bulkSelection(request);
    return this.db.transaction(async (manager) => {
      const options = { entity: request.entity, tagIds: request.tagIds, select };
      const result =
        request.action === 'tag'
          ? await tagRecords(manager, { ...options, source: 'manual', sourceDetail: request.selection.kind === 'segment' ? `segment:${request.selection.segmentId}` : null, actorId: actor.id })
          : await untagRecords(manager, options);
      const { selection } = request;
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: request.action === 'tag' ? 'tags.bulk_tagged' : 'tags.bulk_untagged',
          subjectType: request.entity,
          data: {
            tagIds: request.tagIds,
            selection: selection.kind === 'ids' ? { kind: 'ids', count: selection.ids.length } : selection,
            matched: result.matched,
            changed: result.changed,
          },
        },
        manager,
      );
      return { action: request.action, ...result };
    });
  }

  private async bulkSelection(request: BulkTagRequest): Promise<RecordSelection> {
    const { selection, entity } = request;
    if (selection.kind === 'ids') return { ids: selection.ids };
    const target = ENTITY_TARGET[entity];
    let filter: SegmentGroup;
    if (selection.kind === 'segment') {
      const [segment] = (await this.db.query(`SELECT target, filter FROM segments WHERE id = $1`, [selection.segmentId])) as Array<{ target: SegmentTarget; filter: SegmentGroup }>;
      if (!segment) throw new AppException(HttpStatus.NOT_FOUND, 'segments.not_found', `No segment ${selection.segmentId}`);
      if (segment.target !== target) {
        throw new AppException(HttpStatus.BAD_REQUEST, 'tags.target_mismatch', `This segment holds ${segment.target}, not ${target}`, [{ path: 'entity', message: `Use the segment's own target (${segment.target})` }]);
      }
      filter = segment.filter;
    } else {
      filter = selection.filter;
    }
    try {
      const compiled = compileSegmentFilter(filter, target);
      return { sql: `SELECT ${target === 'contacts' ? 'k' : 'c'}.id FROM ${segmentFrom(target)} WHERE ${compiled.sql}`, params: compiled.params };
    } catch (error) {
      if (!(error instanceof SegmentFilterError)) throw error;
      throw new AppException(
        HttpStatus.BAD_REQUEST,
        'segments.bad_filter',
        `The segment filter is not valid: ${error.message}`,
        error.problems.map((problem) => ({ path: `selection.${problem.path}`, message: problem.message })),
      );
    }
  }

  private recordNotFound(entity: TagEntity, id: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, 'tags.record_not_found', `No ${entity} ${id}`);
  }

  /** Maps the unique indexes and the category reference to their error codes. */
  private async unique<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const code = pgCode(error);
      const constraint = pgConstraint(error);
      if (code === '23505' && constraint === 'tag_categories_name_key') {
        throw new AppException(HttpStatus.CONFLICT, 'tags.category_name_taken', 'Another category already has this name', [{ path: 'name', message: 'Choose another name' }]);
      }
      if (code === '23505' && constraint === 'tags_category_name_key') {
        throw new AppException(HttpStatus.CONFLICT, 'tags.name_taken', 'This category already has a tag with this name', [{ path: 'name', message: 'Choose another name' }]);
      }
      if (code === '23503' && constraint === 'tags_category_id_fkey') {
        throw new AppException(HttpStatus.NOT_FOUND, 'tags.category_not_found', 'No such tag category', [{ path: 'categoryId', message: 'Choose an existing category' }]);
      }
      throw error;
    }
  }
}
