import { autoMapHeaders, HEADER_SYNONYMS, IMPORT_FIELDS, MIN_HEADER_CONFIDENCE, normalizeHeader, type ImportField } from './headers';

const fieldsOf = (headers: string[]): Array<ImportField | null> => autoMapHeaders(headers).map((m) => m.field);

describe('normalizeHeader', () => {
  it.each([
    ['\ufeff公司名称', '公司名称'],
    ['公司名称*', '公司名称'],
    ['*邮箱（必填）', '邮箱'],
    ['手机号 (选填)', '手机号'],
    ['Ｅ－ｍａｉｌ', 'email'],
    ['  Company   Name ', 'companyname'],
    ['company_name', 'companyname'],
    ['companyName', 'companyname'],
    ['E-mail Address:', 'emailaddress'],
    ['No. of Employees', 'noofemployees'],
    ['国家/地区', '国家地区'],
    ['Email (required)', 'email'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });
});

describe('autoMapHeaders', () => {
  it.each<[string, ImportField]>([
    ['公司名称', 'company.name'],
    ['企业名称', 'company.name'],
    ['单位', 'company.name'],
    ['Company', 'company.name'],
    ['Company Name', 'company.name'],
    ['Account Name', 'company.name'],
    ['姓名', 'contact.name'],
    ['联系人', 'contact.name'],
    ['Name', 'contact.name'],
    ['Full Name', 'contact.name'],
    ['邮箱', 'contact.email'],
    ['电子邮件', 'contact.email'],
    ['E-mail', 'contact.email'],
    ['Email Address', 'contact.email'],
    ['手机', 'contact.phone'],
    ['手机号', 'contact.phone'],
    ['电话', 'contact.phone'],
    ['Mobile', 'contact.phone'],
    ['Phone', 'contact.phone'],
    ['职位', 'contact.title'],
    ['职务', 'contact.title'],
    ['Title', 'contact.title'],
    ['Job Title', 'contact.title'],
    ['部门', 'contact.department'],
    ['Department', 'contact.department'],
    ['行业', 'company.industry'],
    ['Industry', 'company.industry'],
    ['省份', 'company.province'],
    ['Province', 'company.province'],
    ['State', 'company.province'],
    ['城市', 'company.city'],
    ['City', 'company.city'],
    ['统一社会信用代码', 'company.creditCode'],
    ['信用代码', 'company.creditCode'],
    ['USCC', 'company.creditCode'],
    ['Credit Code', 'company.creditCode'],
    ['网址', 'company.domain'],
    ['官网', 'company.domain'],
    ['Website', 'company.domain'],
    ['Domain', 'company.domain'],
    ['员工人数', 'company.employees'],
    ['规模', 'company.employees'],
    ['Employees', 'company.employees'],
    ['销售负责人', 'company.salesOwnerEmail'],
    ['客户经理', 'company.salesOwnerEmail'],
    ['Owner', 'company.salesOwnerEmail'],
    ['Account Owner', 'company.salesOwnerEmail'],
    ['同意', 'contact.consent'],
    ['Consent', 'contact.consent'],
    ['微信号', 'contact.wechat'],
    // Partial matches: the head noun at the end decides.
    ['联系人邮箱', 'contact.email'],
    ['联系人手机号码', 'contact.phone'],
    ['客户公司名称', 'company.name'],
    ['Work Email', 'contact.email'],
    ['Primary Email', 'contact.email'],
    ['所在省份/直辖市', 'company.province'],
    ['公司官网地址', 'company.domain'],
    // Messy spellings.
    ['\ufeff公司名称', 'company.name'],
    ['*邮箱（必填）', 'contact.email'],
    ['ＥＭＡＩＬ', 'contact.email'],
    ['email_address', 'contact.email'],
    ['jobTitle', 'contact.title'],
  ])('%j → %s', (header, field) => {
    const [mapping] = autoMapHeaders([header]);
    expect(mapping.field).toBe(field);
    expect(mapping.confidence).toBeGreaterThanOrEqual(MIN_HEADER_CONFIDENCE);
    expect(mapping.confidence).toBeLessThanOrEqual(1);
  });

  it('maps a typical Chinese trade-show export', () => {
    expect(fieldsOf(['\ufeff序号', '姓名', '公司名称', '职务', '手机', '邮箱', '省份', '城市', '备注'])).toEqual([
      null,
      'contact.name',
      'company.name',
      'contact.title',
      'contact.phone',
      'contact.email',
      'company.province',
      'company.city',
      null,
    ]);
  });

  it('maps a typical CRM export in English', () => {
    expect(
      fieldsOf(['Account Name', 'First Name', 'Last Name', 'Title', 'Email', 'Mobile Phone', 'Office Phone', 'Website', 'Industry', 'Account Owner', 'Lead Source']),
    ).toEqual([
      'company.name',
      'contact.firstName',
      'contact.lastName',
      'contact.title',
      'contact.email',
      'contact.phone',
      'contact.landline',
      'company.domain',
      'company.industry',
      'company.salesOwnerEmail',
      null,
    ]);
  });

  it('uses each field once: the better match wins, the other column takes its next choice', () => {
    expect(fieldsOf(['电话', '手机'])).toEqual(['contact.landline', 'contact.phone']);
    expect(fieldsOf(['Phone', 'Mobile'])).toEqual(['contact.landline', 'contact.phone']);
    expect(fieldsOf(['单位', '公司名称'])).toEqual([null, 'company.name']);
  });

  it('gives a duplicated header to the leftmost column only', () => {
    expect(fieldsOf(['Email', 'Email'])).toEqual(['contact.email', null]);
  });

  it('scores exact synonyms above partial matches and ambiguous words below exact ones', () => {
    const [exact, ambiguous, partial] = autoMapHeaders(['公司名称', '单位', 'Primary Email']);
    expect(exact.confidence).toBe(1);
    expect(ambiguous.confidence).toBeLessThan(1);
    expect(partial.confidence).toBeLessThan(1);
    expect(partial.confidence).toBeGreaterThanOrEqual(MIN_HEADER_CONFIDENCE);
  });

  it('leaves unknown, empty and non-string headers unmapped', () => {
    expect(autoMapHeaders(['备注', '', '  ', 'Column1', '__EMPTY', 'xyz', null as unknown as string])).toEqual([
      { header: '备注', field: null, confidence: 0 },
      { header: '', field: null, confidence: 0 },
      { header: '  ', field: null, confidence: 0 },
      { header: 'Column1', field: null, confidence: 0 },
      { header: '__EMPTY', field: null, confidence: 0 },
      { header: 'xyz', field: null, confidence: 0 },
      { header: null, field: null, confidence: 0 },
    ]);
  });

  it('returns one entry per header, in order, for an empty list too', () => {
    expect(autoMapHeaders([])).toEqual([]);
    expect(autoMapHeaders(['a', 'b', 'c']).map((m) => m.header)).toEqual(['a', 'b', 'c']);
  });
});

describe('IMPORT_FIELDS and HEADER_SYNONYMS', () => {
  it('label every field in English and Chinese, once', () => {
    const fields = IMPORT_FIELDS.map((f) => f.field);
    expect(new Set(fields).size).toBe(fields.length);
    for (const f of IMPORT_FIELDS) {
      expect(f.field).toMatch(/^(company|contact)\.[a-zA-Z]+$/);
      expect(f.en.length).toBeGreaterThan(0);
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('have synonyms for every field, each mapping to its own field when used alone', () => {
    expect(Object.keys(HEADER_SYNONYMS).sort()).toEqual(IMPORT_FIELDS.map((f) => f.field).sort());
    const ambiguous = new Set<string>();
    const seen = new Map<string, number>();
    for (const synonyms of Object.values(HEADER_SYNONYMS)) {
      for (const s of synonyms) {
        const key = normalizeHeader(typeof s === 'string' ? s : s[0]);
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    for (const [key, count] of seen) if (count > 1) ambiguous.add(key);
    for (const [field, synonyms] of Object.entries(HEADER_SYNONYMS) as Array<[ImportField, (typeof HEADER_SYNONYMS)[ImportField]]>) {
      for (const s of synonyms) {
        const text = typeof s === 'string' ? s : s[0];
        const [mapping] = autoMapHeaders([text]);
        // A word listed under two fields (电话, Phone, Telephone) goes to its heavier one.
        if (!ambiguous.has(normalizeHeader(text))) expect({ text, field: mapping.field }).toEqual({ text, field });
      }
    }
  });
});
