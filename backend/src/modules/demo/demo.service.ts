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
import { DEMO_SALES_OWNERS, generateDemoCompanies, type DemoCompanyRow, type DemoContactRow } from './demo-generator';

const STATUS_KEY = 'demo';
const BATCH_COMPANIES = 500;

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
      let batch: Array<{ company: DemoCompanyRow; contacts: DemoContactRow[] }> = [];
      let done = 0;
      for (const item of generateDemoCompanies({ companies: target, seed })) {
        batch.push(item);
        if (batch.length === BATCH_COMPANIES) {
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
  private async ensureSalesOwners(): Promise<Map<string, string>> {
    for (const owner of DEMO_SALES_OWNERS) {
      await this.db.query(
        `INSERT INTO users (email, name, role, locale) VALUES ($1, $2, 'sales', $3) ON CONFLICT (email) DO NOTHING`,
        [owner.email, owner.name, owner.locale],
      );
    }
    const rows: Array<{ id: string; email: string }> = await this.db.query(`SELECT id, email FROM users WHERE email = ANY($1)`, [
      DEMO_SALES_OWNERS.map((owner) => owner.email),
    ]);
    return new Map(rows.map((row) => [row.email, row.id]));
  }

  /** One transaction per batch; ids are deterministic, so a retried batch inserts nothing twice. */
  private async insertBatch(batch: Array<{ company: DemoCompanyRow; contacts: DemoContactRow[] }>, owners: Map<string, string>): Promise<number> {
    const companies = batch.map(({ company }) => ({
      id: company.id,
      name: company.name,
      normalized_name: company.normalizedName,
      domain: company.domain,
      credit_code: company.creditCode,
      industry: company.industry,
      sub_industry: company.subIndustry,
      employees: company.employees,
      employee_band: company.employeeBand,
      revenue_band: company.revenueBand,
      country: company.country,
      province: company.province,
      city: company.city,
      ownership: company.ownership,
      founded_year: company.foundedYear,
      tech_tags: company.techTags,
      tier: company.tier,
      sales_owner_id: owners.get(company.salesOwnerEmail) ?? null,
      source: 'demo',
    }));
    const contacts = batch.flatMap(({ contacts: rows }) =>
      rows.map((contact) => ({
        id: contact.id,
        company_id: contact.companyId,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        title: contact.title,
        department: contact.department,
        seniority: contact.seniority,
        buying_role: contact.buyingRole,
        locale: contact.locale,
        consent: contact.consent,
        consent_source: contact.consentSource,
        consent_at: contact.consentAt,
      })),
    );
    await this.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO companies (id, name, normalized_name, domain, credit_code, industry, sub_industry, employees, employee_band,
           revenue_band, country, province, city, ownership, founded_year, tech_tags, tier, sales_owner_id, source)
         SELECT id, name, normalized_name, domain, credit_code, industry, sub_industry, employees, employee_band,
           revenue_band, country, province, city, ownership, founded_year, tech_tags, tier, sales_owner_id, source
         FROM json_populate_recordset(null::companies, $1::json)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(companies)],
      );
      await manager.query(
        `INSERT INTO contacts (id, company_id, name, email, phone, title, department, seniority, buying_role, locale, consent, consent_source, consent_at)
         SELECT id, company_id, name, email, phone, title, department, seniority, buying_role, locale, consent, consent_source, consent_at
         FROM json_populate_recordset(null::contacts, $1::json)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(contacts)],
      );
      // Identity resolution (imports) finds people by their email and phone identities.
      await manager.query(
        `INSERT INTO identities (kind, value, contact_id, source)
         SELECT 'email', k.email, k.id, 'demo' FROM contacts k WHERE k.id = ANY($1::uuid[]) AND k.email IS NOT NULL
         UNION ALL
         SELECT 'phone', k.phone, k.id, 'demo' FROM contacts k WHERE k.id = ANY($1::uuid[]) AND k.phone IS NOT NULL
         ON CONFLICT DO NOTHING`,
        [contacts.map((contact) => contact.id)],
      );
    });
    return batch.length;
  }
}
