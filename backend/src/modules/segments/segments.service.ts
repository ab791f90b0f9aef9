import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SaveSegmentRequest, Segment, SegmentGroup, SegmentMember, SegmentPreview, SegmentTarget, SessionUser } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { csvLine } from 'common/csv';
import { compileSegmentFilter, SegmentFilterError, segmentFrom, type CompiledFilter } from './segment-compiler';
import { SegmentEntity } from './segment.entity';

/** A segment query that runs longer than this is cancelled with a clear error instead of piling up. */
const STATEMENT_TIMEOUT_MS = 15_000;
const EXPORT_BATCH = 5_000;

const MEMBER_SELECT: Record<SegmentTarget, string> = {
  contacts: `k.id, k.name, k.email, k.title, c.name AS company_name, c.city, c.tier`,
  companies: `c.id, c.name, NULL AS email, NULL AS title, c.name AS company_name, c.city, c.tier`,
};

interface SampleRow {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  company_name: string | null;
  city: string | null;
  tier: string | null;
}

const EXPORT_COLUMNS: Record<SegmentTarget, { header: string[]; select: string }> = {
  contacts: {
    header: ['name', 'email', 'phone', 'title', 'department', 'seniority', 'consent', 'company', 'domain', 'industry', 'city', 'province', 'country', 'tier'],
    select: `k.id, k.name, k.email, k.phone, k.title, k.department, k.seniority, k.consent, c.name AS company, c.domain, c.industry, c.city, c.province, c.country, c.tier`,
  },
  companies: {
    header: ['name', 'domain', 'credit_code', 'industry', 'sub_industry', 'employees', 'revenue_band', 'country', 'province', 'city', 'ownership', 'tier', 'tech_tags'],
    select: `c.id, c.name, c.domain, c.credit_code, c.industry, c.sub_industry, c.employees, c.revenue_band, c.country, c.province, c.city, c.ownership, c.tier, c.tech_tags`,
  },
};

function toSegment(entity: SegmentEntity): Segment {
  return {
    id: entity.id,
    name: entity.name,
    target: entity.target,
    filter: entity.filter,
    cachedCount: entity.cachedCount,
    countedAt: entity.countedAt?.toISOString() ?? null,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}

@Injectable()
export class SegmentsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<Segment[]> {
    return (await this.db.getRepository(SegmentEntity).find({ order: { updatedAt: 'DESC' } })).map(toSegment);
  }

  async get(id: string): Promise<Segment> {
    return toSegment(await this.find(id));
  }

  async create(request: SaveSegmentRequest, actor: SessionUser): Promise<Segment> {
    const count = await this.count(request.target, request.filter);
    const repository = this.db.getRepository(SegmentEntity);
    const entity = repository.create({ ...request, cachedCount: count, countedAt: new Date(), createdBy: actor.id });
    return toSegment(await this.saveUnique(() => repository.save(entity)));
  }

  async update(id: string, request: SaveSegmentRequest): Promise<Segment> {
    const entity = await this.find(id);
    const count = await this.count(request.target, request.filter);
    Object.assign(entity, request, { cachedCount: count, countedAt: new Date() });
    return toSegment(await this.saveUnique(() => this.db.getRepository(SegmentEntity).save(entity)));
  }

  async remove(id: string): Promise<void> {
    const result = await this.db.getRepository(SegmentEntity).delete({ id });
    if (!result.affected) throw new AppException(HttpStatus.NOT_FOUND, 'segments.not_found', `No segment ${id}`);
  }

  /**
   * The live count and a sample of members, as the filter is being built. Both run at once on two
   * connections, so the preview takes as long as the slower of them, not their sum. The sample
   * follows the primary key, so the database stops after `sampleSize` matches instead of sorting them all.
   */
  async preview(target: SegmentTarget, filter: SegmentGroup, sampleSize: number): Promise<SegmentPreview> {
    const started = performance.now();
    const compiled = this.compile(target, filter);
    const [count, rows] = await Promise.all([
      this.withTimeout((manager) => this.countWith(manager, target, compiled)),
      sampleSize === 0
        ? []
        : this.withTimeout(
            (manager): Promise<SampleRow[]> =>
              manager.query(
                `SELECT ${MEMBER_SELECT[target]} FROM ${segmentFrom(target)} WHERE ${compiled.sql}
                 ORDER BY ${target === 'contacts' ? 'k' : 'c'}.id LIMIT ${sampleSize}`,
                compiled.params,
              ),
          ),
    ]);
    const sample: SegmentMember[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      title: row.title,
      companyName: row.company_name,
      city: row.city,
      tier: row.tier,
    }));
    return { count, sample, tookMs: Math.round(performance.now() - started) };
  }

  async count(target: SegmentTarget, filter: SegmentGroup): Promise<number> {
    const compiled = this.compile(target, filter);
    return this.withTimeout((manager) => this.countWith(manager, target, compiled));
  }

  /**
   * The segment's members as CSV lines (header first), read in keyset-paged batches so a
   * million-row export streams with flat memory. Also refreshes the cached count.
   */
  async *exportCsv(id: string): AsyncGenerator<string> {
    const segment = await this.find(id);
    const compiled = this.compile(segment.target, segment.filter);
    const { header, select } = EXPORT_COLUMNS[segment.target];
    const alias = segment.target === 'contacts' ? 'k' : 'c';
    yield csvLine(header);
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      const afterParam = compiled.params.length + 1;
      const rows: Array<Record<string, unknown>> = await this.db.query(
        `SELECT ${select} FROM ${segmentFrom(segment.target)} WHERE (${compiled.sql}) AND ${alias}.id > $${afterParam}
         ORDER BY ${alias}.id LIMIT ${EXPORT_BATCH}`,
        [...compiled.params, after],
      );
      if (rows.length === 0) break;
      yield rows.map((row) => csvLine(Object.entries(row).filter(([key]) => key !== 'id').map(([, value]) => value))).join('');
      total += rows.length;
      after = String(rows[rows.length - 1].id);
      if (rows.length < EXPORT_BATCH) break;
    }
    await this.db.getRepository(SegmentEntity).update({ id }, { cachedCount: total, countedAt: new Date() });
  }

  async fileName(id: string): Promise<string> {
    const segment = await this.find(id);
    return `${segment.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'segment'}-${new Date().toISOString().slice(0, 10)}.csv`;
  }

  private compile(target: SegmentTarget, filter: SegmentGroup): CompiledFilter {
    try {
      return compileSegmentFilter(filter, target);
    } catch (error) {
      if (!(error instanceof SegmentFilterError)) throw error;
      throw new AppException(
        HttpStatus.BAD_REQUEST,
        'segments.bad_filter',
        `The segment filter is not valid: ${error.message}`,
        error.problems.map((problem) => ({ path: problem.path, message: problem.message })),
      );
    }
  }

  private async countWith(manager: EntityManager, target: SegmentTarget, compiled: CompiledFilter): Promise<number> {
    // count(*), not count(k.id): a filter that needs nothing else from contacts then counts from an
    // index (contacts by company) without reading the table.
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM ${segmentFrom(target)} WHERE ${compiled.sql}`, compiled.params);
    return count;
  }

  private async withTimeout<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction('READ COMMITTED', async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
        return work(manager);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '57014') {
        throw new AppException(HttpStatus.BAD_REQUEST, 'segments.bad_filter', `This segment took longer than ${STATEMENT_TIMEOUT_MS / 1000} s to count; narrow it down.`);
      }
      throw error;
    }
  }

  private async find(id: string): Promise<SegmentEntity> {
    const entity = await this.db.getRepository(SegmentEntity).findOneBy({ id });
    if (!entity) throw new AppException(HttpStatus.NOT_FOUND, 'segments.not_found', `No segment ${id}`);
    return entity;
  }

  private async saveUnique(save: () => Promise<SegmentEntity>): Promise<SegmentEntity> {
    try {
      return await save();
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AppException(HttpStatus.CONFLICT, 'segments.name_taken', 'Another segment already has this name', [{ path: 'name', message: 'Choose another name' }]);
      }
      throw error;
    }
  }
}
