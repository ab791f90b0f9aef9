/**
 * Column headers → import fields, for the mapping wizard's first guess. Headers come from CRMs, data
 * vendors, trade-show scanners and hand-made sheets, in Chinese and English, with BOMs, full-width
 * characters, `*` or `（必填）` required-marks and snake_case or camelCase.
 */
import { foldWidth } from './text';

/** Every field an import column can map to, with its wizard labels. The order is the wizard's. */
export const IMPORT_FIELDS = [
  { field: 'company.name', en: 'Company name', zh: '公司名称' },
  { field: 'company.domain', en: 'Website / domain', zh: '网址 / 域名' },
  { field: 'company.creditCode', en: 'Unified social credit code', zh: '统一社会信用代码' },
  { field: 'company.industry', en: 'Industry', zh: '行业' },
  { field: 'company.subIndustry', en: 'Sub-industry', zh: '细分行业' },
  { field: 'company.employees', en: 'Employees', zh: '员工人数' },
  { field: 'company.revenue', en: 'Annual revenue', zh: '年营业收入' },
  { field: 'company.country', en: 'Country / region', zh: '国家 / 地区' },
  { field: 'company.province', en: 'Province / state', zh: '省份' },
  { field: 'company.city', en: 'City', zh: '城市' },
  { field: 'company.address', en: 'Address', zh: '地址' },
  { field: 'company.ownership', en: 'Ownership type', zh: '企业性质' },
  { field: 'company.foundedYear', en: 'Founded (year)', zh: '成立年份' },
  { field: 'company.tier', en: 'Account tier', zh: '客户等级' },
  { field: 'company.salesOwnerEmail', en: 'Sales owner', zh: '销售负责人' },
  { field: 'company.techTags', en: 'Technologies', zh: '技术标签' },
  { field: 'company.crmId', en: 'Account ID (CRM)', zh: '客户编号（CRM）' },
  { field: 'contact.name', en: 'Full name', zh: '姓名' },
  { field: 'contact.firstName', en: 'First name', zh: '名' },
  { field: 'contact.lastName', en: 'Last name', zh: '姓' },
  { field: 'contact.email', en: 'Email', zh: '邮箱' },
  { field: 'contact.phone', en: 'Mobile phone', zh: '手机' },
  { field: 'contact.landline', en: 'Office phone', zh: '座机' },
  { field: 'contact.wechat', en: 'WeChat ID', zh: '微信号' },
  { field: 'contact.title', en: 'Job title', zh: '职位' },
  { field: 'contact.department', en: 'Department', zh: '部门' },
  { field: 'contact.seniority', en: 'Seniority', zh: '职级' },
  { field: 'contact.buyingRole', en: 'Buying role', zh: '采购角色' },
  { field: 'contact.locale', en: 'Language', zh: '语言' },
  { field: 'contact.consent', en: 'Consent', zh: '营销同意' },
  { field: 'contact.consentDate', en: 'Consent date', zh: '同意时间' },
  { field: 'contact.consentSource', en: 'Consent source', zh: '同意来源' },
  { field: 'contact.crmId', en: 'Contact ID (CRM)', zh: '联系人编号（CRM）' },
  { field: 'contact.tags', en: 'Tags', zh: '标签' },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]['field'];

/** A synonym, or a synonym with a weight below 1 when the word is ambiguous (电话, Name, 单位). */
export type HeaderSynonym = string | readonly [synonym: string, weight: number];

/** Known header spellings per field (compared after {@link normalizeHeader}, so case, spacing and punctuation do not matter). */
export const HEADER_SYNONYMS: Readonly<Record<ImportField, ReadonlyArray<HeaderSynonym>>> = {
  'company.name': [
    '公司名称', '公司', '公司全称', '企业名称', '企业', '企业全称', '单位名称', ['单位', 0.85], '工作单位', '所在单位', '所属公司',
    '客户名称', ['客户', 0.8], '机构名称', ['机构', 0.8], '组织名称', ['名称', 0.7], '公司名',
    'Company', 'Company Name', 'Account', 'Account Name', 'Organization', 'Organisation', 'Organization Name',
    'Employer', ['Firm', 0.85], 'Business Name', 'Company Legal Name',
  ],
  'company.domain': [
    '网址', '官网', '网站', '公司网址', '公司官网', '企业官网', '公司网站', '官网地址', '网站地址', '主页', '域名', '公司域名',
    'Website', 'Web Site', 'Company Website', 'URL', 'Domain', 'Company Domain', 'Homepage', ['Web', 0.85],
  ],
  'company.creditCode': [
    '统一社会信用代码', '社会信用代码', '信用代码', '统一信用代码', '统一代码', ['税号', 0.85], ['纳税人识别号', 0.85],
    'USCC', 'Credit Code', 'Unified Social Credit Code', 'Social Credit Code', ['Tax ID', 0.7],
  ],
  'company.industry': ['行业', '所属行业', '行业类别', '行业分类', '一级行业', 'Industry', 'Sector', ['Vertical', 0.85]],
  'company.subIndustry': ['细分行业', '子行业', '二级行业', 'Sub Industry', 'Sub-industry', 'Industry Detail'],
  'company.employees': [
    '员工人数', '员工数', '员工数量', ['人数', 0.9], '公司规模', '企业规模', ['规模', 0.9], '人员规模', '员工规模',
    'Employees', 'Employee Count', 'Number of Employees', 'No. of Employees', 'Headcount', 'Company Size', ['Size', 0.8],
  ],
  'company.revenue': ['营收', '营业收入', '年营业额', '营业额', '年收入', '年营收', '销售额', 'Revenue', 'Annual Revenue', 'Turnover'],
  'company.country': ['国家', '国家地区', '国家/地区', '所在国家', 'Country', 'Country/Region', 'Nation'],
  'company.province': [
    '省份', ['省', 0.9], '所在省份', '省/直辖市', '省市', ['地区', 0.6], ['区域', 0.6], ['州', 0.8],
    'Province', 'State', 'State/Province', ['Region', 0.6],
  ],
  'company.city': ['城市', '所在城市', ['市', 0.9], 'City', 'Town'],
  'company.address': ['地址', '公司地址', '详细地址', '办公地址', '通讯地址', 'Address', 'Street', 'Street Address', 'Company Address'],
  'company.ownership': ['企业性质', '公司性质', '所有制', '企业类型', '公司类型', 'Ownership', 'Ownership Type', 'Company Type'],
  'company.foundedYear': [
    '成立年份', '成立时间', '成立日期', '成立年度', ['注册时间', 0.85], 'Founded', 'Founded Year', 'Year Founded', 'Established', 'Founding Year',
  ],
  'company.tier': ['客户等级', '客户级别', '客户分级', ['等级', 0.8], ['分级', 0.8], 'Tier', 'Account Tier', ['Priority', 0.6]],
  'company.salesOwnerEmail': [
    '销售负责人', '客户经理', '销售', '销售代表', '销售人员', '归属销售', '所属销售', '对接销售', '负责销售', '销售邮箱', '客户负责人',
    'Owner', 'Account Owner', 'Sales Owner', 'Sales Rep', 'Sales Representative', 'Account Manager', 'Owner Email', 'Account Owner Email',
  ],
  'company.techTags': ['技术标签', '技术栈', '使用技术', 'Tech Tags', 'Technologies', 'Tech Stack', 'Technographics'],
  'company.crmId': ['公司编号', '公司ID', '客户编号', '客户ID', '企业编号', 'Account ID', 'Company ID', 'CRM Account ID'],
  'contact.name': [
    '姓名', '联系人', '联系人姓名', '客户姓名', ['名字', 0.85], '参会人', '参会人姓名', '真实姓名',
    ['Name', 0.9], 'Full Name', ['Contact', 0.85], 'Contact Name', 'Attendee Name', 'Person',
  ],
  'contact.firstName': [['名', 0.9], 'First Name', 'Firstname', 'Given Name', 'Forename'],
  'contact.lastName': [['姓', 0.9], '姓氏', 'Last Name', 'Lastname', 'Surname', 'Family Name'],
  'contact.email': [
    '邮箱', '邮件', '电子邮件', '电子邮箱', '邮箱地址', '邮件地址', '工作邮箱', '企业邮箱', '联系人邮箱', 'E-mail', 'Email',
    'Email Address', 'E-mail Address', 'Mail', 'Work Email', 'Business Email', 'Contact Email',
  ],
  'contact.phone': [
    '手机', '手机号', '手机号码', '移动电话', ['电话', 0.9], '联系电话', '电话号码', ['联系方式', 0.7], '联系人电话', '联系人手机',
    'Mobile', 'Mobile Phone', 'Mobile Number', 'Cell', 'Cell Phone', 'Cellphone', ['Phone', 0.95], 'Phone Number', ['Telephone', 0.85],
    ['Contact Number', 0.9],
  ],
  'contact.landline': [
    '座机', '固话', '固定电话', '办公电话', '公司电话', '直线', '座机号码', ['电话', 0.8],
    'Office Phone', 'Work Phone', 'Business Phone', 'Landline', 'Direct Line', ['Tel', 0.85], ['Telephone', 0.8], ['Phone', 0.7],
  ],
  'contact.wechat': ['微信', '微信号', 'WeChat', 'WeChat ID', 'Weixin'],
  'contact.title': ['职位', '职务', '岗位', '头衔', '职称', 'Title', 'Job Title', 'Position', 'Designation', ['Role', 0.7]],
  'contact.department': ['部门', '所属部门', '所在部门', 'Department', 'Dept', ['Division', 0.7], ['Function', 0.6]],
  'contact.seniority': ['职级', '级别', '层级', '职位级别', 'Seniority', 'Management Level', 'Job Level', ['Level', 0.7]],
  'contact.buyingRole': ['采购角色', '决策角色', ['角色', 0.8], 'Buying Role', 'Decision Role', 'Persona'],
  'contact.locale': ['语言', '语种', '首选语言', 'Language', 'Locale', 'Preferred Language'],
  'contact.consent': [
    '同意', '营销同意', '是否同意', '同意接收', '授权', '是否授权', '订阅', '是否订阅',
    'Consent', 'Opt In', 'Opt-in', 'Marketing Consent', 'GDPR Consent', 'Subscribed', 'Email Opt In',
  ],
  'contact.consentDate': ['同意时间', '同意日期', '授权时间', '授权日期', 'Consent Date', 'Opt In Date', 'Consent Timestamp'],
  'contact.consentSource': ['同意来源', '授权来源', '同意方式', 'Consent Source', 'Opt In Source'],
  'contact.crmId': ['联系人编号', '联系人ID', 'Contact ID', 'Lead ID', ['CRM ID', 0.8], ['ID', 0.6]],
  'contact.tags': ['标签', 'Tags', 'Tag', 'Labels'],
};

// Required/optional marks and a BOM that carry no meaning for the mapping.
const ANNOTATION_RE = /[([]?(?:必填|选填|可选|非必填|可不填|required|optional)[)\]]?|\*/g;
const NON_WORD_RE = /[\s\p{P}\p{S}]+/gu;

/** The comparable form of a header: NFKC, lower case, no BOM, marks, spaces or punctuation. */
export function normalizeHeader(header: string): string {
  if (typeof header !== 'string') return '';
  return foldWidth(header).toLowerCase().replace(ANNOTATION_RE, '').replace(NON_WORD_RE, '');
}

interface SynonymEntry {
  readonly key: string;
  readonly field: ImportField;
  readonly weight: number;
}

const SYNONYM_ENTRIES: ReadonlyArray<SynonymEntry> = (Object.keys(HEADER_SYNONYMS) as ImportField[]).flatMap((field) =>
  HEADER_SYNONYMS[field].map((synonym) => {
    const [text, weight] = typeof synonym === 'string' ? [synonym, 1] : synonym;
    return { key: normalizeHeader(text), field, weight };
  }),
);

/** Below this, a column is left unmapped rather than guessed. */
export const MIN_HEADER_CONFIDENCE = 0.5;

export interface HeaderMapping {
  readonly header: string;
  readonly field: ImportField | null;
  /** 0–1: 1 for an unambiguous exact synonym, lower for ambiguous words and partial matches. */
  readonly confidence: number;
}

/**
 * The wizard's first guess for each column. A header equal to a synonym scores the synonym's weight; a
 * header containing one scores less, more when the synonym ends the header (Chinese and English put the
 * head noun last: `联系人邮箱`, `Contact Email` are e-mails) and the more of the header it covers. Each
 * field goes to at most one column: the best-scoring pairs are assigned first, ties to the leftmost
 * column, and a column that loses its best field may take its next one (`电话` goes to the office phone
 * when `手机` holds the mobile).
 */
export function autoMapHeaders(headers: ReadonlyArray<string>): HeaderMapping[] {
  const candidates: Array<{ column: number; field: ImportField; score: number }> = [];
  headers.forEach((header, column) => {
    const key = normalizeHeader(header);
    if (key.length === 0) return;
    const best = new Map<ImportField, number>();
    for (const entry of SYNONYM_ENTRIES) {
      let score = 0;
      if (entry.key === key) {
        score = entry.weight;
      } else if (entry.key.length >= 2 && key.includes(entry.key)) {
        const coverage = entry.key.length / key.length;
        score = entry.weight * (key.endsWith(entry.key) ? 0.6 + 0.3 * coverage : 0.4 + 0.3 * coverage);
      }
      if (score > (best.get(entry.field) ?? 0)) best.set(entry.field, score);
    }
    for (const [field, score] of best) if (score >= MIN_HEADER_CONFIDENCE) candidates.push({ column, field, score });
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);

  const fieldOf: Array<ImportField | null> = headers.map(() => null);
  const confidenceOf: number[] = headers.map(() => 0);
  const taken = new Set<ImportField>();
  for (const { column, field, score } of candidates) {
    if (fieldOf[column] !== null || taken.has(field)) continue;
    fieldOf[column] = field;
    confidenceOf[column] = Math.round(score * 100) / 100;
    taken.add(field);
  }
  return headers.map((header, column) => ({ header, field: fieldOf[column], confidence: confidenceOf[column] }));
}
