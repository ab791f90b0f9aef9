import { HttpStatus, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Job } from 'bullmq';
import type { DemoStatus, LoadDemoRequest } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { JobHandler } from 'queue/job-handler.decorator';
import type { JobPayloads } from 'queue/jobs';
import { JobsService } from 'queue/jobs.service';
import { RuntimeContext } from 'runtime-context';
import { generateDemoCompanies } from './demo-generator';
import { DEMO_BATCH_COMPANIES, type DemoBatch, ensureDemoSalesOwners, insertDemoBatch } from './demo-loader';

const STATUS_KEY = 'demo';

interface StoredStatus {
  state: DemoStatus['state'];
  progress: number | null;
  error: string | null;
  target: number;
}

/** Loads the seeded demo target database through the job queue, showing progress. */
@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly runtime: RuntimeContext,
  ) {}

  /** `npm start -- --demo` (DEMO=load): an empty installation loads the demo at boot. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.config.DEMO !== 'load' || this.runtime.config.ROLE === 'worker') return;
    if ((await this.status()).state !== 'empty') return;
    await this.start({ companies: 3000, seed: 42 }).catch((error: Error) => this.logger.warn(`demo not started: ${error.message}`));
  }

  async status(): Promise<DemoStatus> {
    const [row] = (await this.db.query(`SELECT value FROM app_settings WHERE key = $1`, [STATUS_KEY])) as Array<{ value: StoredStatus }>;
    const [{ companies, contacts }] = (await this.db.query(
      `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM contacts)::int AS contacts`,
    )) as Array<{ companies: number; contacts: number }>;
    const stored = row?.value;
    return {
      state: stored?.state ?? (companies > 0 ? 'loaded' : 'empty'),
      companies,
      contacts,
      progress: stored?.state === 'loading' ? (stored.progress ?? 0) : null,
      error: stored?.error ?? null,
    };
  }

  async start(request: Required<LoadDemoRequest>): Promise<DemoStatus> {
    const current = await this.status();
    if (current.state !== 'empty' && current.state !== 'failed') {
      throw new AppException(HttpStatus.CONFLICT, 'demo.already_loaded', 'Demo data is loaded, loading, or the target database already has companies');
    }
    const claimed = await this.db.query(
      `INSERT INTO app_settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
       WHERE app_settings.value->>'state' IN ('empty', 'failed')
       RETURNING key`,
      [STATUS_KEY, { state: 'loading', progress: 0, error: null, target: request.companies } satisfies StoredStatus],
    );
    if (claimed.length === 0) {
      throw new AppException(HttpStatus.CONFLICT, 'demo.already_loaded', 'Demo data is already loaded or loading');
    }
    await this.jobs.add('demo.load', request, { jobId: `demo-load-${Date.now()}`, attempts: 3 });
    return this.status();
  }

  @JobHandler('demo.load')
  async load(job: Job<JobPayloads['demo.load']>): Promise<void> {
    const { companies: target, seed } = job.data;
    try {
      const owners = await this.ensureSalesOwners();
      let batch: DemoBatch = [];
      let done = 0;
      for (const item of generateDemoCompanies({ companies: target, seed })) {
        batch.push(item);
        if (batch.length === DEMO_BATCH_COMPANIES) {
          done += await this.insertBatch(batch, owners);
          batch = [];
          await this.saveStatus({ state: 'loading', progress: done / target, error: null, target });
        }
      }
      if (batch.length) done += await this.insertBatch(batch, owners);
      await this.saveStatus({ state: 'loaded', progress: 1, error: null, target });
      this.logger.log(`demo data loaded: ${done} companies`);
    } catch (error) {
      await this.saveStatus({ state: 'failed', progress: null, error: (error as Error).message, target });
      throw error;
    }
  }

  private async saveStatus(status: StoredStatus): Promise<void> {
    await this.db.query(`UPDATE app_settings SET value = $2, updated_at = now() WHERE key = $1`, [STATUS_KEY, status]);
  }

  /** The demo's sales reps are console users without a password (an admin can invite them). */
  private ensureSalesOwners(): Promise<Map<string, string>> {
    return ensureDemoSalesOwners((sql, params) => this.db.query(sql, params));
  }

  /** One transaction per batch; ids are deterministic, so a retried batch inserts nothing twice. */
  private async insertBatch(batch: DemoBatch, owners: Map<string, string>): Promise<number> {
    await this.db.transaction((manager) => insertDemoBatch((sql, params) => manager.query(sql, params), batch, owners));
    return batch.length;
  }
}
