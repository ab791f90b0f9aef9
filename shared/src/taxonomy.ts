/**
 * Two-level industry taxonomy used by the target database (companies.industry / companies.sub_industry
 * store the codes below, never the labels, so that segments, scoring and lookalike reasons stay stable
 * when a label is reworded or translated).
 *
 * Rules:
 * - Codes are lowercase snake_case and never change once data exists; add, don't rename.
 * - Sub-industry codes are unique across the whole taxonomy, so a sub-industry alone identifies its parent.
 * - Labels exist in English (`en`) and Simplified Chinese (`zh`); the console picks one by locale.
 *
 * The grouping follows how B2B marketing teams in China and abroad segment accounts (roughly GICS
 * sectors merged with the 国民经济行业分类 GB/T 4754 headings that matter for enterprise software buyers),
 * not a statistical classification: 12 industries, 3–6 sub-industries each.
 */
import type { Locale } from './enums';

export interface IndustryLabel {
  readonly code: string;
  readonly en: string;
  readonly zh: string;
}

export interface Industry extends IndustryLabel {
  readonly subIndustries: ReadonlyArray<IndustryLabel>;
}

export const INDUSTRY_TAXONOMY: ReadonlyArray<Industry> = [
  {
    code: 'manufacturing',
    en: 'Manufacturing',
    zh: '制造业',
    subIndustries: [
      { code: 'industrial_automation', en: 'Industrial automation', zh: '工业自动化' },
      { code: 'machinery', en: 'Machinery & equipment', zh: '机械装备' },
      { code: 'electronics', en: 'Electronics & semiconductors', zh: '电子与半导体' },
      { code: 'chemicals', en: 'Chemicals & materials', zh: '化工与新材料' },
      { code: 'consumer_products_mfg', en: 'Consumer products manufacturing', zh: '消费品制造' },
    ],
  },
  {
    code: 'software',
    en: 'Software & SaaS',
    zh: '软件与SaaS',
    subIndustries: [
      { code: 'enterprise_software', en: 'Enterprise software', zh: '企业软件' },
      { code: 'saas', en: 'SaaS & cloud services', zh: 'SaaS与云服务' },
      { code: 'cybersecurity', en: 'Cybersecurity', zh: '网络安全' },
      { code: 'data_ai', en: 'Data & AI', zh: '大数据与人工智能' },
      { code: 'it_services', en: 'IT services & system integration', zh: 'IT服务与系统集成' },
    ],
  },
  {
    code: 'financial_services',
    en: 'Financial services',
    zh: '金融服务',
    subIndustries: [
      { code: 'banking', en: 'Banking', zh: '银行' },
      { code: 'insurance', en: 'Insurance', zh: '保险' },
      { code: 'securities_asset_mgmt', en: 'Securities & asset management', zh: '证券与资产管理' },
      { code: 'fintech', en: 'Fintech & payments', zh: '金融科技与支付' },
    ],
  },
  {
    code: 'healthcare',
    en: 'Healthcare & life sciences',
    zh: '医疗健康与生命科学',
    subIndustries: [
      { code: 'hospitals', en: 'Hospitals & care providers', zh: '医院与医疗服务' },
      { code: 'pharma', en: 'Pharmaceuticals', zh: '医药' },
      { code: 'medical_devices', en: 'Medical devices', zh: '医疗器械' },
      { code: 'biotech', en: 'Biotechnology', zh: '生物技术' },
    ],
  },
  {
    code: 'retail_consumer',
    en: 'Retail & consumer',
    zh: '零售与消费',
    subIndustries: [
      { code: 'ecommerce', en: 'E-commerce', zh: '电子商务' },
      { code: 'retail_chains', en: 'Retail chains', zh: '零售连锁' },
      { code: 'fmcg', en: 'Consumer packaged goods', zh: '快消品' },
      { code: 'food_beverage', en: 'Food & beverage', zh: '食品饮料' },
      { code: 'apparel', en: 'Apparel & fashion', zh: '服装与时尚' },
    ],
  },
  {
    code: 'energy_utilities',
    en: 'Energy & utilities',
    zh: '能源与公用事业',
    subIndustries: [
      { code: 'power_grid', en: 'Power generation & grid', zh: '电力与电网' },
      { code: 'oil_gas', en: 'Oil & gas', zh: '石油天然气' },
      { code: 'renewables', en: 'Renewable energy', zh: '新能源' },
      { code: 'water_utilities', en: 'Water & environmental services', zh: '水务与环保' },
    ],
  },
  {
    code: 'automotive',
    en: 'Automotive',
    zh: '汽车',
    subIndustries: [
      { code: 'auto_oem', en: 'Vehicle manufacturers', zh: '整车制造' },
      { code: 'auto_parts', en: 'Auto parts & components', zh: '汽车零部件' },
      { code: 'ev_battery', en: 'EV & batteries', zh: '新能源汽车与动力电池' },
      { code: 'auto_dealers', en: 'Dealers & aftermarket', zh: '汽车经销与后市场' },
    ],
  },
  {
    code: 'telecom',
    en: 'Telecommunications',
    zh: '通信',
    subIndustries: [
      { code: 'carriers', en: 'Carriers & operators', zh: '电信运营商' },
      { code: 'network_equipment', en: 'Network equipment', zh: '通信设备' },
      { code: 'data_centers', en: 'Data centers & hosting', zh: '数据中心与IDC' },
    ],
  },
  {
    code: 'logistics',
    en: 'Logistics & transportation',
    zh: '物流与交通运输',
    subIndustries: [
      { code: 'express_delivery', en: 'Express & parcel delivery', zh: '快递快运' },
      { code: 'freight_forwarding', en: 'Freight forwarding', zh: '货运代理' },
      { code: 'warehousing', en: 'Warehousing', zh: '仓储' },
      { code: 'supply_chain_mgmt', en: 'Supply chain management', zh: '供应链管理' },
    ],
  },
  {
    code: 'education',
    en: 'Education',
    zh: '教育',
    subIndustries: [
      { code: 'higher_education', en: 'Higher education', zh: '高等教育' },
      { code: 'k12', en: 'K-12 schools', zh: '基础教育' },
      { code: 'vocational_training', en: 'Vocational & corporate training', zh: '职业教育与企业培训' },
      { code: 'edtech', en: 'Education technology', zh: '教育科技' },
    ],
  },
  {
    code: 'government',
    en: 'Government & public sector',
    zh: '政府与公共事业',
    subIndustries: [
      { code: 'government_agencies', en: 'Government agencies', zh: '政府机关' },
      { code: 'public_institutions', en: 'Public institutions', zh: '事业单位' },
      { code: 'smart_city', en: 'Smart city & e-government', zh: '智慧城市与数字政府' },
    ],
  },
  {
    code: 'professional_services',
    en: 'Professional services',
    zh: '专业服务',
    subIndustries: [
      { code: 'consulting', en: 'Management consulting', zh: '管理咨询' },
      { code: 'legal', en: 'Legal services', zh: '法律服务' },
      { code: 'accounting', en: 'Accounting & audit', zh: '会计与审计' },
      { code: 'marketing_agencies', en: 'Marketing & advertising agencies', zh: '广告与营销服务' },
      { code: 'hr_services', en: 'HR & staffing', zh: '人力资源服务' },
    ],
  },
];

const INDUSTRY_BY_CODE = new Map(INDUSTRY_TAXONOMY.map((industry) => [industry.code, industry]));
const PARENT_BY_SUB_CODE = new Map(
  INDUSTRY_TAXONOMY.flatMap((industry) => industry.subIndustries.map((sub) => [sub.code, industry] as const)),
);

export function findIndustry(code: string): Industry | undefined {
  return INDUSTRY_BY_CODE.get(code);
}

/** The industry a sub-industry code belongs to (sub-industry codes are unique across the taxonomy). */
export function findParentIndustry(subIndustryCode: string): Industry | undefined {
  return PARENT_BY_SUB_CODE.get(subIndustryCode);
}

export function industryLabel(code: string, locale: Locale): string | undefined {
  const industry = INDUSTRY_BY_CODE.get(code);
  if (industry) return locale === 'zh-CN' ? industry.zh : industry.en;
  const sub = PARENT_BY_SUB_CODE.get(code)?.subIndustries.find((s) => s.code === code);
  return sub && (locale === 'zh-CN' ? sub.zh : sub.en);
}
