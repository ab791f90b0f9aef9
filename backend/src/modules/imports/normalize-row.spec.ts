import { unifiedCreditCodeCheckDigit } from '@fulcrum/shared';
import { type ColumnMapping, normalizeRow } from './normalize-row';

const FIRST17 = '91440300192203821';
const CREDIT = FIRST17 + unifiedCreditCodeCheckDigit(FIRST17);
const BAD_CREDIT = FIRST17 + (CREDIT.endsWith('0') ? '1' : '0');

const MAPPING: ColumnMapping = [
  'company.name',
  'company.domain',
  'company.creditCode',
  'contact.name',
  'contact.email',
  'contact.phone',
  'contact.consent',
  'company.employees',
  'company.tier',
];

function row(cells: Partial<Record<'company' | 'domain' | 'credit' | 'name' | 'email' | 'phone' | 'consent' | 'employees' | 'tier', string>>): string[] {
  return [cells.company, cells.domain, cells.credit, cells.name, cells.email, cells.phone, cells.consent, cells.employees, cells.tier].map((c) => c ?? '');
}

describe('normalizeRow', () => {
  const accepted: Array<[string, string[], Record<string, unknown>]> = [
    [
      'normalizes e-mail, phone, credit code and company name',
      row({ company: '华为技术有限公司', credit: CREDIT, name: '张 伟先生', email: ' ZhangWei@Huawei.COM ', phone: '138 0013 8000' }),
      { companyName: '华为技术有限公司', companyNormalizedName: '华为技术', creditCode: CREDIT, companyDomain: 'huawei.com', email: 'zhangwei@huawei.com', phone: '+8613800138000', contactName: '张伟' },
    ],
    [
      'never takes a company domain from a free-mail address',
      row({ company: 'ACME Co., Ltd.', name: 'Li Na', email: 'lina@qq.com' }),
      { companyDomain: null, companyNormalizedName: 'acme', email: 'lina@qq.com' },
    ],
    [
      'prefers the website column and reduces it to the registrable domain',
      row({ company: 'ACME', domain: 'https://www.sz.acme.com.cn/about', email: 'li@acme-mail.com' }),
      { companyDomain: 'acme.com.cn', contactName: null },
    ],
    ['accepts a row with only a phone', row({ phone: '+86 139-0013-9000' }), { phone: '+8613900139000', email: null, contactName: null }],
    ['reads consent words in Chinese', row({ email: 'a@b.cn', consent: '退订' }), { consent: 'unsubscribed' }],
    ['reads headcounts like 500人 and tiers like KA', row({ email: 'a@b.cn', employees: '1,500人', tier: 'KA' }), { employees: 1500, tier: 'ka' }],
  ];
  it.each(accepted)('%s', (_name, cells, expected) => {
    const result = normalizeRow(cells, MAPPING);
    if (!('row' in result)) throw new Error(`rejected: ${JSON.stringify(result.problems)}`);
    expect(result.row).toMatchObject(expected);
  });

  const warned: Array<[string, string[], string]> = [
    ['drops an invalid phone when there is an e-mail', row({ email: 'a@b.cn', phone: '12345' }), 'phone.too_short'],
    ['drops a credit code with a bad checksum', row({ email: 'a@b.cn', credit: BAD_CREDIT }), 'credit_code'],
    ['drops an unknown tier', row({ email: 'a@b.cn', tier: 'platinum' }), 'company.invalid_tier'],
    ['drops an unknown consent word', row({ email: 'a@b.cn', consent: 'maybe' }), 'contact.invalid_consent'],
  ];
  it.each(warned)('%s', (_name, cells, reason) => {
    const result = normalizeRow(cells, MAPPING);
    if (!('row' in result)) throw new Error(`rejected: ${JSON.stringify(result.problems)}`);
    expect(result.warnings.map((w) => w.reason).join(' ')).toContain(reason);
  });

  const rejected: Array<[string, string[], string]> = [
    ['rejects an invalid e-mail with its reason code', row({ name: '王芳', email: 'wangfang@@example.com' }), 'email.'],
    ['rejects a row without e-mail, phone or name', row({ company: 'ACME' }), 'row.missing_required'],
    ['rejects a name without e-mail or phone', row({ name: 'Zhang Wei' }), 'row.missing_email_or_phone'],
    ['rejects a name whose only phone is invalid', row({ name: 'Zhang Wei', phone: '8.6138E+12' }), 'row.missing_email_or_phone'],
  ];
  it.each(rejected)('%s', (_name, cells, reason) => {
    const result = normalizeRow(cells, MAPPING);
    if (!('problems' in result)) throw new Error('accepted');
    expect(result.problems[0].reason).toContain(reason);
  });

  it('joins family and given names in the order of their script', () => {
    const mapping: ColumnMapping = ['contact.lastName', 'contact.firstName', 'contact.email'];
    expect(normalizeRow(['张', '伟', 'zw@x.cn'], mapping)).toMatchObject({ row: { contactName: '张伟' } });
    expect(normalizeRow(['Smith', 'Anna', 'as@x.com'], mapping)).toMatchObject({ row: { contactName: 'Anna Smith' } });
  });
});
