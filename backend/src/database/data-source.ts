import type { DataSourceOptions } from 'typeorm';
import { AuditEntryEntity } from 'modules/audit/audit-entry.entity';
import { CompanyEntity } from 'modules/accounts/company.entity';
import { ContactEntity } from 'modules/accounts/contact.entity';
import { PasswordTokenEntity } from 'modules/auth/password-token.entity';
import { SessionEntity } from 'modules/auth/session.entity';
import { MailMessageEntity } from 'modules/mail/mail-message.entity';
import { SegmentEntity } from 'modules/segments/segment.entity';
import { SettingEntity } from 'modules/system/setting.entity';
import { UserEntity } from 'modules/users/user.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  UserEntity,
  SessionEntity,
  PasswordTokenEntity,
  MailMessageEntity,
  AuditEntryEntity,
  SettingEntity,
  CompanyEntity,
  ContactEntity,
  SegmentEntity,
];

/** One definition for the app, the migration CLI and the tests. `synchronize` is never on. */
export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Query errors reach the caller; unexpected ones are logged once by the exception filter or the worker.
    logging: false,
    extra: { max: poolSize, application_name: 'fulcrum' },
  };
}
