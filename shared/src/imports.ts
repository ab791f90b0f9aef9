import { z } from 'zod';
import { IMPORT_FIELDS, type ImportField } from './normalize/headers';

export const IMPORT_STATUSES = ['uploaded', 'queued', 'staging', 'merging', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** Statuses an import leaves on its own (the console keeps polling while one of these shows). */
export const ACTIVE_IMPORT_STATUSES: ReadonlyArray<ImportStatus> = ['queued', 'staging', 'merging'];

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;

/** Largest upload the API accepts (a million-row contacts CSV is about 150 MB). */
export const MAX_IMPORT_FILE_BYTES = 1024 * 1024 * 1024;

const importFieldSchema = z.enum(IMPORT_FIELDS.map((f) => f.field) as [ImportField, ...ImportField[]]);

export const importCountsSchema = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  companiesInserted: z.number(),
  companiesMatched: z.number(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importProgressSchema = z.object({
  /** Data rows read so far (the header not counted). */
  rowsRead: z.number(),
  /** Bytes of the file read so far, when the format allows (CSV); null for XLSX. */
  bytesRead: z.number().nullable(),
  bytesTotal: z.number().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const importSchema = z.object({
  id: z.guid(),
  fileName: z.string(),
  fileSize: z.number().nullable(),
  format: z.enum(IMPORT_FORMATS).nullable(),
  encoding: z.string().nullable(),
  sheet: z.string().nullable(),
  source: z.string(),
  status: z.enum(IMPORT_STATUSES),
  cancelRequested: z.boolean(),
  mapping: z.array(importFieldSchema.nullable()),
  progress: importProgressSchema.nullable(),
  counts: importCountsSchema.nullable(),
  /** Rows with a problem, per reason code (errors and warnings). */
  reasons: z.array(z.object({ reason: z.string(), severity: z.enum(['error', 'warning']), rows: z.number() })),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Import = z.infer<typeof importSchema>;

/** What the wizard shows after an upload: how the file was read, its first rows and the guessed mapping. */
export const importPreviewSchema = z.object({
  import: importSchema,
  /** Worksheet names of an XLSX (the one read is `import.sheet`); null for CSV. */
  sheets: z.array(z.string()).nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.object({ line: z.number(), cells: z.array(z.string()) })),
  /** The guessed field per column with its confidence (0–1). */
  suggested: z.array(z.object({ field: importFieldSchema.nullable(), confidence: z.number() })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

/**
 * Fields the wizard recognises in headers but this version does not import yet: the wizard shows
 * them as "not imported yet" instead of silently dropping their values, and the API refuses them.
 */
export const IMPORT_FIELDS_NOT_YET: ReadonlyArray<ImportField> = [
  'company.revenue',
  'company.address',
  'company.ownership',
  'company.foundedYear',
  'company.salesOwnerEmail',
  'company.techTags',
  'company.crmId',
  'contact.wechat',
  'contact.consentDate',
  'contact.consentSource',
  'contact.crmId',
  'contact.tags',
];

export const importPreviewQuerySchema = z.object({ sheet: z.string().min(1).max(200).optional() });

export const startImportRequestSchema = z
  .object({
    mapping: z.array(importFieldSchema.nullable()).min(1).max(500),
    source: z.string().trim().min(1).max(100).default('import'),
    sheet: z.string().min(1).max(200).optional(),
  })
  .refine((body) => body.mapping.some((f) => f === 'contact.email' || f === 'contact.phone' || f === 'contact.landline'), {
    message: 'Map a column to Email or Phone: people are matched by those',
    path: ['mapping'],
  })
  .refine((body) => !body.mapping.some((f) => f !== null && IMPORT_FIELDS_NOT_YET.includes(f)), {
    message: 'Some columns are mapped to fields this version does not import yet; leave them out',
    path: ['mapping'],
  });
export type StartImportRequest = z.input<typeof startImportRequestSchema>;

export const importErrorSchema = z.object({
  line: z.number(),
  reason: z.string(),
  severity: z.enum(['error', 'warning']),
  detail: z.string().nullable(),
});
export type ImportRowError = z.infer<typeof importErrorSchema>;

export const importErrorsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  severity: z.enum(['error', 'warning']).optional(),
  reason: z.string().max(100).optional(),
});
export type ImportErrorsQuery = z.input<typeof importErrorsQuerySchema>;

/**
 * Every reason a row can be rejected, skipped or trimmed, in words, for the report page and the
 * downloadable CSV. Unknown codes fall back to the code itself.
 */
export const IMPORT_REASON_TEXT: Readonly<Record<string, { en: string; zh: string }>> = {
  'row.missing_required': { en: 'No email and no phone (nothing identifies the person)', zh: '缺少邮箱和手机（无法识别此人）' },
  'row.missing_email_or_phone': { en: 'No usable email or phone', zh: '没有可用的邮箱或电话' },
  'row.duplicate_in_file': { en: 'Duplicate of a later row in this file (the later row was used)', zh: '与文件中后面的行重复（已采用后面的行）' },
  'row.too_large': { en: 'Row too large', zh: '行过大' },
  'row.too_many_columns': { en: 'Too many columns', zh: '列数过多' },
  'cell.too_large': { en: 'A cell is too large (over 1 MB)', zh: '单元格过大（超过 1 MB）' },
  'csv.unterminated_quote': { en: 'Unclosed quote: the rest of the file was read as one cell', zh: '引号未闭合：文件其余部分被读成一个单元格' },
  'encoding.invalid_bytes': { en: 'Characters that are not valid in the file’s encoding', zh: '含有文件编码中无效的字符' },
  'email.invalid_format': { en: 'Invalid email', zh: '邮箱格式无效' },
  'email.missing_at': { en: 'Email has no @', zh: '邮箱缺少 @' },
  'email.missing_tld': { en: 'Email domain has no top-level domain', zh: '邮箱域名缺少顶级域名' },
  'email.invalid_domain': { en: 'Invalid email domain', zh: '邮箱域名无效' },
  'email.invalid_local_part': { en: 'Invalid characters before the @', zh: '@ 前含有无效字符' },
  'email.consecutive_dots': { en: 'Email has consecutive dots', zh: '邮箱含有连续的点' },
  'email.contains_space': { en: 'Email contains a space', zh: '邮箱含有空格' },
  'email.multiple_addresses': { en: 'Several emails in one cell', zh: '一个单元格中有多个邮箱' },
  'email.too_long': { en: 'Email too long', zh: '邮箱过长' },
  'phone.invalid_number': { en: 'Invalid phone number (dropped)', zh: '电话号码无效（已忽略）' },
  'phone.invalid_characters': { en: 'Phone has invalid characters (dropped)', zh: '电话含有无效字符（已忽略）' },
  'phone.too_short': { en: 'Phone too short (dropped)', zh: '电话过短（已忽略）' },
  'phone.too_long': { en: 'Phone too long (dropped)', zh: '电话过长（已忽略）' },
  'phone.missing_area_code': { en: 'Landline without area code (dropped)', zh: '座机缺少区号（已忽略）' },
  'phone.missing_country_code': { en: 'Phone without country code (dropped)', zh: '电话缺少国家代码（已忽略）' },
  'phone.unknown_country_code': { en: 'Unknown country code (dropped)', zh: '未知的国家代码（已忽略）' },
  'phone.multiple_numbers': { en: 'Several numbers in one cell (dropped)', zh: '一个单元格中有多个号码（已忽略）' },
  'phone.excel_precision_lost': { en: 'Excel rounded this number (e.g. 1.38E+10): digits are lost (dropped)', zh: 'Excel 已将号码转为科学计数法，位数丢失（已忽略）' },
  'credit_code.checksum_mismatch': { en: 'Credit code checksum does not match (dropped)', zh: '统一社会信用代码校验位错误（已忽略）' },
  'credit_code.invalid_length': { en: 'Credit code must have 18 characters (dropped)', zh: '统一社会信用代码应为 18 位（已忽略）' },
  'credit_code.invalid_character': { en: 'Credit code has invalid characters (dropped)', zh: '统一社会信用代码含有无效字符（已忽略）' },
  'credit_code.invalid_format': { en: 'Invalid credit code (dropped)', zh: '统一社会信用代码无效（已忽略）' },
  'credit_code.legacy_number': { en: 'Old-style registration number, not a credit code (dropped)', zh: '旧版注册号，不是统一社会信用代码（已忽略）' },
  'credit_code.excel_precision_lost': { en: 'Excel rounded the credit code: digits are lost (dropped)', zh: 'Excel 已将信用代码转为科学计数法，位数丢失（已忽略）' },
  'name.not_a_name': { en: 'Name looks like something else (dropped)', zh: '姓名不像人名（已忽略）' },
  'name.too_long': { en: 'Name too long (dropped)', zh: '姓名过长（已忽略）' },
  'company.invalid_employees': { en: 'Employees is not a number (dropped)', zh: '员工人数不是数字（已忽略）' },
  'company.invalid_tier': { en: 'Unknown account tier (dropped)', zh: '未知的客户等级（已忽略）' },
  'contact.invalid_consent': { en: 'Unknown consent value (dropped)', zh: '未知的营销同意值（已忽略）' },
};

export function importReasonText(reason: string, locale: 'en' | 'zh-CN'): string {
  const text = IMPORT_REASON_TEXT[reason];
  if (!text) return reason;
  return locale === 'zh-CN' ? text.zh : text.en;
}
