/**
 * Seeded, realistic demo data for the target database (companies + contacts).
 *
 * - Deterministic: the same options always yield the same rows (own PRNG, no clock, no Math.random).
 * - Lazy and constant-memory: `generateDemoCompanies` is a generator; every company is derived from
 *   (seed, index) alone, so millions of rows can be streamed.
 * - Unique by construction (no growing Set): ids embed a bijection of the company index, credit codes
 *   embed a keyed permutation of the index, domains come from a keyed permutation of a per-country
 *   name space (falling back to a round-derived variation once a space is used up), and e-mails are
 *   unique within their company's unique domain.
 */
import {
  employeeBand,
  INDUSTRY_TAXONOMY,
  normalizeCompanyName,
  unifiedCreditCodeCheckDigit,
  type CompanyTier,
  type ConsentStatus,
  type EmployeeBand,
  type OwnershipType,
  type RevenueBand,
  type Seniority,
} from '@fulcrum/shared';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type DemoLocale = 'zh-CN' | 'en';
export type BuyingRole = 'decision_maker' | 'influencer' | 'champion' | 'user' | 'gatekeeper';

export interface DemoCompanyRow {
  id: string;
  name: string;
  normalizedName: string;
  domain: string | null;
  creditCode: string | null;
  industry: string;
  subIndustry: string;
  employees: number;
  employeeBand: EmployeeBand;
  revenueBand: RevenueBand;
  country: string;
  province: string | null;
  city: string;
  ownership: OwnershipType;
  foundedYear: number;
  techTags: string[];
  tier: CompanyTier;
  salesOwnerEmail: string;
}

export interface DemoContactRow {
  id: string;
  companyId: string;
  name: string;
  email: string;
  phone: string | null;
  title: string;
  department: string;
  seniority: Seniority;
  buyingRole: BuyingRole;
  locale: DemoLocale;
  consent: ConsentStatus;
  consentSource: string;
  consentAt: string;
}

export interface DemoOptions {
  companies: number;
  seed: number;
  /** Contacts per company, inclusive; default 2..12, skewed towards the small end. */
  contactsPerCompany?: { min: number; max: number };
}

/** Largest supported dataset: credit codes and ids embed the company index in fixed-width fields. */
export const DEMO_MAX_COMPANIES = 100_000_000;
const MAX_CONTACTS_PER_COMPANY = 1000;

// ---------------------------------------------------------------------------------------------
// PRNG and keyed permutations
// ---------------------------------------------------------------------------------------------

/** 32-bit integer hash with good avalanche ("lowbias32"); a bijection on uint32. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** sfc32: small, fast, 128-bit state; plenty for demo data. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.float() * items.length)];
  }

  /** Items given as [value, weight] pairs (weights need not sum to 1). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.float() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1][0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `count` random decimal digits (leading zeros allowed). */
  digits(count: number): string {
    let out = '';
    while (count > 0) {
      const chunk = count > 9 ? 9 : count;
      out += String(Math.floor(this.float() * 10 ** chunk)).padStart(chunk, '0');
      count -= chunk;
    }
    return out;
  }
}

/**
 * Keyed pseudo-random permutation of [0, n) (n <= 2^30): a 4-round Feistel network on the next even
 * bit width, with cycle walking. Lets us hand out unique slots without remembering used ones.
 */
function permute(x: number, n: number, key: number): number {
  if (n <= 1) return 0;
  let bits = 32 - Math.clz32(n - 1);
  if (bits < 2) bits = 2;
  if (bits & 1) bits++;
  const half = bits >>> 1;
  const mask = (1 << half) - 1;
  do {
    let l = x >>> half;
    let r = x & mask;
    for (let round = 0; round < 4; round++) {
      const f = mix32(r ^ Math.imul((key + round) | 0, 0x9e3779b1)) & mask;
      const next = l ^ f;
      l = r;
      r = next;
    }
    x = ((l << half) | r) >>> 0;
  } while (x >= n);
  return x;
}

function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/**
 * UUID v4 shape. The first group is a keyed bijection of the company index, the fourth-to-last
 * group is the row slot within the company (0 = company, 1.. = contacts) xor a per-company mask,
 * so ids are unique by construction; the remaining bits come from the PRNG.
 */
function demoUuid(indexKey: number, slot: number, slotMask: number, rng: Rng): string {
  const r1 = rng.u32();
  const r2 = rng.u32();
  const r3 = rng.u32();
  return (
    `${hex(indexKey, 8)}-${hex(r1 >>> 16, 4)}-${hex(0x4000 | (r1 & 0x0fff), 4)}-` +
    `${hex(0x8000 | (r2 & 0x3fff), 4)}-${hex((slot ^ slotMask) & 0xffff, 4)}${hex(r3, 8)}`
  );
}

// ---------------------------------------------------------------------------------------------
// China unified social credit code (GB 32100-2015)
// ---------------------------------------------------------------------------------------------

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 11714 organization code check character for an 8-character body. */
function organizationCodeCheck(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body.charCodeAt(i);
    const value = ch <= 57 ? ch - 48 : ch - 55; // '0'-'9' -> 0-9, 'A'-'Z' -> 10-35
    sum += value * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const ORG_CODE_LEGACY_SPACE = 100_000_000; // 8 digits
const ORG_CODE_MA_SPACE = 31 ** 6; // "MA" + 6 characters of the credit-code alphabet

/**
 * A credit code unique per company index: the organization-code body is a keyed permutation of the
 * index (digits for entities registered before 2016, "MA…" for the newer ones — disjoint spaces).
 */
function creditCodeFor(index: number, key: number, prefix: string, division: string, modern: boolean): string {
  let body: string;
  if (modern) {
    let v = permute(index, ORG_CODE_MA_SPACE, key ^ 0x5bd1e995);
    let tail = '';
    for (let i = 0; i < 6; i++) {
      tail = CREDIT_CODE_ALPHABET[v % 31] + tail;
      v = Math.floor(v / 31);
    }
    body = `MA${tail}`;
  } else {
    body = String(permute(index, ORG_CODE_LEGACY_SPACE, key ^ 0x27d4eb2f)).padStart(8, '0');
  }
  const first17 = `${prefix}${division}${body}${organizationCodeCheck(body)}`;
  return first17 + unifiedCreditCodeCheckDigit(first17);
}

// ---------------------------------------------------------------------------------------------
// Company name normalization
// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Reference data: sales reps, geography, phones
// ---------------------------------------------------------------------------------------------

export const DEMO_SALES_OWNERS: ReadonlyArray<{ email: string; name: string; locale: DemoLocale }> = [
  { email: 'wang.lei@fulcrum-demo.example', name: '王磊', locale: 'zh-CN' }, // North China
  { email: 'li.na@fulcrum-demo.example', name: '李娜', locale: 'zh-CN' }, // East China
  { email: 'chen.siyuan@fulcrum-demo.example', name: '陈思远', locale: 'zh-CN' }, // South & West China
  { email: 'zhang.xiaowen@fulcrum-demo.example', name: '张晓雯', locale: 'zh-CN' }, // China key accounts
  { email: 'emily.carter@fulcrum-demo.example', name: 'Emily Carter', locale: 'en' }, // Americas
  { email: 'james.whitfield@fulcrum-demo.example', name: 'James Whitfield', locale: 'en' }, // EMEA & APAC
];
const OWNER_NORTH = 0;
const OWNER_EAST = 1;
const OWNER_SOUTH_WEST = 2;
const OWNER_CN_KA = 3;
const OWNER_AMERICAS = 4;
const OWNER_INTL = 5;

interface CnCity {
  province: string;
  city: string;
  pinyin: string;
  /** Long-distance code without the trunk 0. */
  areaCode: string;
  /** GB/T 2260 district codes used as the credit-code division part. */
  districts: ReadonlyArray<string>;
  weight: number;
  owner: number;
  /** Province name used as a company-name prefix (municipalities: the city itself). */
  namePrefix: string;
}

const CN_CITIES: ReadonlyArray<CnCity> = [
  { province: '北京', city: '北京', pinyin: 'beijing', areaCode: '10', districts: ['110105', '110108', '110106', '110102', '110114', '110115'], weight: 14, owner: OWNER_NORTH, namePrefix: '北京' },
  { province: '上海', city: '上海', pinyin: 'shanghai', areaCode: '21', districts: ['310115', '310104', '310112', '310105', '310106', '310110'], weight: 14, owner: OWNER_EAST, namePrefix: '上海' },
  { province: '广东', city: '深圳', pinyin: 'shenzhen', areaCode: '755', districts: ['440305', '440304', '440306', '440307', '440309'], weight: 11, owner: OWNER_SOUTH_WEST, namePrefix: '广东' },
  { province: '广东', city: '广州', pinyin: 'guangzhou', areaCode: '20', districts: ['440106', '440105', '440112', '440113', '440104'], weight: 8, owner: OWNER_SOUTH_WEST, namePrefix: '广东' },
  { province: '浙江', city: '杭州', pinyin: 'hangzhou', areaCode: '571', districts: ['330106', '330108', '330110', '330105', '330109'], weight: 9, owner: OWNER_EAST, namePrefix: '浙江' },
  { province: '浙江', city: '宁波', pinyin: 'ningbo', areaCode: '574', districts: ['330212', '330206', '330203', '330211'], weight: 3, owner: OWNER_EAST, namePrefix: '浙江' },
  { province: '江苏', city: '苏州', pinyin: 'suzhou', areaCode: '512', districts: ['320505', '320506', '320508', '320507', '320509'], weight: 6, owner: OWNER_EAST, namePrefix: '江苏' },
  { province: '江苏', city: '南京', pinyin: 'nanjing', areaCode: '25', districts: ['320105', '320115', '320114', '320106', '320113'], weight: 5, owner: OWNER_EAST, namePrefix: '江苏' },
  { province: '四川', city: '成都', pinyin: 'chengdu', areaCode: '28', districts: ['510107', '510104', '510116', '510105', '510108'], weight: 5, owner: OWNER_SOUTH_WEST, namePrefix: '四川' },
  { province: '湖北', city: '武汉', pinyin: 'wuhan', areaCode: '27', districts: ['420111', '420106', '420105', '420102', '420115'], weight: 4, owner: OWNER_SOUTH_WEST, namePrefix: '湖北' },
  { province: '山东', city: '青岛', pinyin: 'qingdao', areaCode: '532', districts: ['370212', '370202', '370211', '370203'], weight: 3, owner: OWNER_NORTH, namePrefix: '山东' },
  { province: '山东', city: '济南', pinyin: 'jinan', areaCode: '531', districts: ['370102', '370112', '370103', '370104'], weight: 3, owner: OWNER_NORTH, namePrefix: '山东' },
  { province: '福建', city: '厦门', pinyin: 'xiamen', areaCode: '592', districts: ['350203', '350206', '350211', '350205'], weight: 3, owner: OWNER_SOUTH_WEST, namePrefix: '福建' },
  { province: '安徽', city: '合肥', pinyin: 'hefei', areaCode: '551', districts: ['340104', '340111', '340103', '340102'], weight: 3, owner: OWNER_EAST, namePrefix: '安徽' },
  { province: '陕西', city: '西安', pinyin: 'xian', areaCode: '29', districts: ['610113', '610116', '610104', '610103'], weight: 3, owner: OWNER_NORTH, namePrefix: '陕西' },
  { province: '天津', city: '天津', pinyin: 'tianjin', areaCode: '22', districts: ['120116', '120104', '120103', '120101'], weight: 3, owner: OWNER_NORTH, namePrefix: '天津' },
  { province: '重庆', city: '重庆', pinyin: 'chongqing', areaCode: '23', districts: ['500112', '500105', '500103', '500106'], weight: 3, owner: OWNER_SOUTH_WEST, namePrefix: '重庆' },
];
const CN_CITY_WEIGHTS = CN_CITIES.map((city) => [city, city.weight] as const);

const CN_MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159',
  '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
];

type CountryCode = 'CN' | 'US' | 'DE' | 'GB' | 'JP' | 'SG' | 'FR' | 'KR';
type IntlCountry = Exclude<CountryCode, 'CN'>;

interface IntlCity {
  city: string;
  province: string | null;
  /** National area code (no trunk prefix) and the local number length. */
  area: string;
  local: number;
  weight: number;
}

interface IntlCountryInfo {
  dial: string;
  cities: ReadonlyArray<IntlCity>;
  /** Mobile number: national prefix choices and the remaining digit count. */
  mobilePrefixes: ReadonlyArray<string>;
  mobileRest: number;
  mobileShare: number;
  /** UTC hour window of local business hours [from, to). */
  businessHoursUtc: readonly [number, number];
}

const INTL: Record<IntlCountry, IntlCountryInfo> = {
  US: {
    dial: '1',
    cities: [
      { city: 'New York', province: 'New York', area: '212', local: 7, weight: 14 },
      { city: 'San Francisco', province: 'California', area: '415', local: 7, weight: 12 },
      { city: 'San Jose', province: 'California', area: '408', local: 7, weight: 6 },
      { city: 'Boston', province: 'Massachusetts', area: '617', local: 7, weight: 8 },
      { city: 'Austin', province: 'Texas', area: '512', local: 7, weight: 6 },
      { city: 'Dallas', province: 'Texas', area: '214', local: 7, weight: 5 },
      { city: 'Seattle', province: 'Washington', area: '206', local: 7, weight: 7 },
      { city: 'Chicago', province: 'Illinois', area: '312', local: 7, weight: 8 },
      { city: 'Atlanta', province: 'Georgia', area: '404', local: 7, weight: 5 },
      { city: 'Denver', province: 'Colorado', area: '303', local: 7, weight: 4 },
    ],
    mobilePrefixes: [],
    mobileRest: 0,
    mobileShare: 0,
    businessHoursUtc: [13, 23],
  },
  DE: {
    dial: '49',
    cities: [
      { city: 'Berlin', province: 'Berlin', area: '30', local: 8, weight: 10 },
      { city: 'Munich', province: 'Bavaria', area: '89', local: 8, weight: 10 },
      { city: 'Hamburg', province: 'Hamburg', area: '40', local: 8, weight: 7 },
      { city: 'Frankfurt', province: 'Hesse', area: '69', local: 8, weight: 7 },
      { city: 'Stuttgart', province: 'Baden-Württemberg', area: '711', local: 7, weight: 6 },
      { city: 'Cologne', province: 'North Rhine-Westphalia', area: '221', local: 7, weight: 5 },
      { city: 'Düsseldorf', province: 'North Rhine-Westphalia', area: '211', local: 7, weight: 5 },
    ],
    mobilePrefixes: ['151', '152', '157', '160', '162', '170', '171', '172', '173', '175', '176', '177', '178', '179'],
    mobileRest: 7,
    mobileShare: 0.45,
    businessHoursUtc: [7, 16],
  },
  GB: {
    dial: '44',
    cities: [
      { city: 'London', province: 'England', area: '20', local: 8, weight: 20 },
      { city: 'Manchester', province: 'England', area: '161', local: 7, weight: 5 },
      { city: 'Birmingham', province: 'England', area: '121', local: 7, weight: 4 },
      { city: 'Cambridge', province: 'England', area: '1223', local: 6, weight: 3 },
      { city: 'Bristol', province: 'England', area: '117', local: 7, weight: 3 },
      { city: 'Edinburgh', province: 'Scotland', area: '131', local: 7, weight: 4 },
    ],
    mobilePrefixes: ['71', '73', '74', '75', '77', '78', '79'],
    mobileRest: 8,
    mobileShare: 0.5,
    businessHoursUtc: [8, 17],
  },
  JP: {
    dial: '81',
    cities: [
      { city: 'Tokyo', province: 'Tokyo', area: '3', local: 8, weight: 20 },
      { city: 'Osaka', province: 'Osaka', area: '6', local: 8, weight: 7 },
      { city: 'Yokohama', province: 'Kanagawa', area: '45', local: 7, weight: 4 },
      { city: 'Nagoya', province: 'Aichi', area: '52', local: 7, weight: 4 },
      { city: 'Kyoto', province: 'Kyoto', area: '75', local: 7, weight: 2 },
      { city: 'Fukuoka', province: 'Fukuoka', area: '92', local: 7, weight: 2 },
    ],
    mobilePrefixes: ['70', '80', '90'],
    mobileRest: 8,
    mobileShare: 0.35,
    businessHoursUtc: [0, 9],
  },
  SG: {
    dial: '65',
    cities: [{ city: 'Singapore', province: null, area: '6', local: 7, weight: 1 }],
    mobilePrefixes: ['8', '9'],
    mobileRest: 7,
    mobileShare: 0.5,
    businessHoursUtc: [1, 10],
  },
  FR: {
    dial: '33',
    cities: [
      { city: 'Paris', province: 'Île-de-France', area: '1', local: 8, weight: 20 },
      { city: 'Lyon', province: 'Auvergne-Rhône-Alpes', area: '4', local: 8, weight: 5 },
      { city: 'Toulouse', province: 'Occitanie', area: '5', local: 8, weight: 4 },
      { city: 'Bordeaux', province: 'Nouvelle-Aquitaine', area: '5', local: 8, weight: 3 },
      { city: 'Nantes', province: 'Pays de la Loire', area: '2', local: 8, weight: 3 },
      { city: 'Lille', province: 'Hauts-de-France', area: '3', local: 8, weight: 3 },
    ],
    mobilePrefixes: ['6', '7'],
    mobileRest: 8,
    mobileShare: 0.5,
    businessHoursUtc: [7, 16],
  },
  KR: {
    dial: '82',
    cities: [
      { city: 'Seoul', province: null, area: '2', local: 8, weight: 20 },
      { city: 'Seongnam', province: 'Gyeonggi', area: '31', local: 8, weight: 6 },
      { city: 'Busan', province: null, area: '51', local: 8, weight: 4 },
      { city: 'Incheon', province: null, area: '32', local: 8, weight: 3 },
    ],
    mobilePrefixes: ['10'],
    mobileRest: 8,
    mobileShare: 0.55,
    businessHoursUtc: [0, 9],
  },
};
const INTL_CITY_WEIGHTS = Object.fromEntries(
  (Object.keys(INTL) as IntlCountry[]).map((country) => [country, INTL[country].cities.map((c) => [c, c.weight] as const)]),
) as unknown as Record<IntlCountry, ReadonlyArray<readonly [IntlCity, number]>>;

/** A local subscriber number: no leading 0/1. */
function localNumber(rng: Rng, length: number): string {
  return String(rng.int(2, 9)) + rng.digits(length - 1);
}

function cnPhone(rng: Rng, city: CnCity, mobile: boolean): string {
  return mobile ? `+86${rng.pick(CN_MOBILE_PREFIXES)}${rng.digits(8)}` : `+86${city.areaCode}${rng.int(2, 8)}${rng.digits(7)}`;
}

function intlPhone(rng: Rng, country: IntlCountry, city: IntlCity): string {
  const info = INTL[country];
  if (info.mobilePrefixes.length > 0 && rng.chance(info.mobileShare)) {
    return `+${info.dial}${rng.pick(info.mobilePrefixes)}${rng.digits(info.mobileRest)}`;
  }
  if (country === 'US') {
    // NANP: area code + exchange (2-9, avoiding N11) + line; 555-01xx is reserved for fiction, so skip 555.
    let exchange = localNumber(rng, 3);
    while (exchange === '555' || exchange.endsWith('11')) exchange = localNumber(rng, 3);
    return `+1${city.area}${exchange}${rng.digits(4)}`;
  }
  return `+${info.dial}${city.area}${localNumber(rng, city.local)}`;
}

// ---------------------------------------------------------------------------------------------
// Reference data: people
// ---------------------------------------------------------------------------------------------

/** Common Chinese surnames with rough relative frequencies, and the pinyin used in e-mail addresses. */
const CN_SURNAMES: ReadonlyArray<readonly [readonly [string, string], number]> = (
  [
    ['王', 'wang', 71], ['李', 'li', 70], ['张', 'zhang', 68], ['刘', 'liu', 54], ['陈', 'chen', 46], ['杨', 'yang', 31],
    ['黄', 'huang', 25], ['赵', 'zhao', 23], ['吴', 'wu', 20], ['周', 'zhou', 19], ['徐', 'xu', 15], ['孙', 'sun', 15],
    ['马', 'ma', 13], ['朱', 'zhu', 13], ['胡', 'hu', 12], ['郭', 'guo', 11], ['何', 'he', 10], ['林', 'lin', 10],
    ['高', 'gao', 10], ['罗', 'luo', 9], ['郑', 'zheng', 9], ['梁', 'liang', 8], ['谢', 'xie', 7], ['宋', 'song', 6],
    ['唐', 'tang', 6], ['许', 'xu', 6], ['韩', 'han', 5], ['冯', 'feng', 5], ['邓', 'deng', 5], ['曹', 'cao', 5],
    ['彭', 'peng', 5], ['曾', 'zeng', 5], ['肖', 'xiao', 5], ['田', 'tian', 4], ['董', 'dong', 4], ['袁', 'yuan', 4],
    ['潘', 'pan', 4], ['于', 'yu', 4], ['蒋', 'jiang', 4], ['蔡', 'cai', 4], ['余', 'yu', 4], ['杜', 'du', 4],
    ['叶', 'ye', 4], ['程', 'cheng', 4], ['苏', 'su', 3], ['魏', 'wei', 3], ['吕', 'lv', 3], ['丁', 'ding', 3],
    ['任', 'ren', 3], ['沈', 'shen', 3], ['姚', 'yao', 3], ['卢', 'lu', 3], ['姜', 'jiang', 3], ['崔', 'cui', 3],
    ['钟', 'zhong', 3], ['谭', 'tan', 3], ['陆', 'lu', 3], ['汪', 'wang', 3], ['范', 'fan', 3], ['金', 'jin', 3],
    ['石', 'shi', 2], ['廖', 'liao', 2], ['贾', 'jia', 2], ['夏', 'xia', 2], ['方', 'fang', 2], ['邹', 'zou', 2],
    ['熊', 'xiong', 2], ['白', 'bai', 2], ['孟', 'meng', 2], ['秦', 'qin', 2], ['邱', 'qiu', 2], ['顾', 'gu', 2],
    ['欧阳', 'ouyang', 0.5], ['司马', 'sima', 0.1], ['上官', 'shangguan', 0.1],
  ] as const
).map(([zh, py, w]) => [[zh, py] as const, w] as const);

const CN_GIVEN_MALE: ReadonlyArray<readonly [string, string]> = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['勇', 'yong'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'],
  ['超', 'chao'], ['刚', 'gang'], ['建', 'jian'], ['国', 'guo'], ['辉', 'hui'], ['鹏', 'peng'], ['宇', 'yu'], ['浩', 'hao'],
  ['博', 'bo'], ['志', 'zhi'], ['海', 'hai'], ['斌', 'bin'], ['峰', 'feng'], ['亮', 'liang'], ['凯', 'kai'], ['俊', 'jun'],
  ['轩', 'xuan'], ['泽', 'ze'], ['昊', 'hao'], ['天', 'tian'], ['文', 'wen'], ['晨', 'chen'], ['鑫', 'xin'], ['睿', 'rui'],
  ['航', 'hang'], ['毅', 'yi'], ['栋', 'dong'], ['成', 'cheng'], ['立', 'li'], ['华', 'hua'], ['永', 'yong'], ['东', 'dong'],
  ['平', 'ping'], ['嘉', 'jia'], ['子', 'zi'], ['一', 'yi'], ['家', 'jia'], ['思', 'si'], ['远', 'yuan'], ['振', 'zhen'],
];
const CN_GIVEN_FEMALE: ReadonlyArray<readonly [string, string]> = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'], ['秀', 'xiu'],
  ['霞', 'xia'], ['英', 'ying'], ['玉', 'yu'], ['婷', 'ting'], ['雪', 'xue'], ['琳', 'lin'], ['欣', 'xin'], ['颖', 'ying'],
  ['倩', 'qian'], ['悦', 'yue'], ['瑶', 'yao'], ['萌', 'meng'], ['佳', 'jia'], ['思', 'si'], ['晓', 'xiao'], ['雯', 'wen'],
  ['璐', 'lu'], ['洁', 'jie'], ['慧', 'hui'], ['莉', 'li'], ['红', 'hong'], ['梅', 'mei'], ['丹', 'dan'], ['蕾', 'lei'],
  ['妍', 'yan'], ['诗', 'shi'], ['雨', 'yu'], ['晶', 'jing'], ['琪', 'qi'], ['薇', 'wei'], ['宁', 'ning'], ['文', 'wen'],
  ['子', 'zi'], ['一', 'yi'], ['梦', 'meng'], ['嘉', 'jia'], ['婉', 'wan'], ['冰', 'bing'],
];
/** English names some Chinese professionals use at work (foreign-invested companies, tech). */
const CN_ENGLISH_NAMES = ['kevin', 'jason', 'eric', 'david', 'tony', 'leo', 'jack', 'frank', 'vincent', 'alex', 'grace', 'cathy', 'vivian', 'amy', 'linda', 'cindy', 'echo', 'joyce', 'iris', 'sherry'];

interface PersonPools {
  male: ReadonlyArray<string>;
  female: ReadonlyArray<string>;
  last: ReadonlyArray<string>;
  /** Display order: given name first (Western style) or family name first. */
  familyFirst?: boolean;
}

const EN_FIRST_MALE = ['James', 'Michael', 'Robert', 'David', 'William', 'Daniel', 'Matthew', 'Andrew', 'Christopher', 'Joshua', 'Ryan', 'Brian', 'Kevin', 'Jason', 'Eric', 'Mark', 'Steven', 'Thomas', 'Jonathan', 'Nathan', 'Benjamin', 'Samuel', 'Alexander', 'Patrick', 'Scott', 'Gregory', 'Adam', 'Oliver', 'Harry', 'George', 'Jack', 'Charlie', 'Luke', 'Sean', 'Aaron', 'Tyler'];
const EN_FIRST_FEMALE = ['Jennifer', 'Sarah', 'Jessica', 'Emily', 'Ashley', 'Amanda', 'Elizabeth', 'Lauren', 'Rachel', 'Megan', 'Nicole', 'Stephanie', 'Rebecca', 'Laura', 'Michelle', 'Katherine', 'Hannah', 'Olivia', 'Emma', 'Sophie', 'Charlotte', 'Amelia', 'Grace', 'Lucy', 'Natalie', 'Victoria', 'Anna', 'Claire', 'Heather', 'Melissa', 'Karen', 'Julia', 'Alison', 'Chloe', 'Priya', 'Maria'];
const EN_LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Wilson', 'Martinez', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts', 'Turner', 'Phillips', 'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Patel', 'Nguyen', 'Chen', 'Kim', 'Shah', 'Hughes', 'Wood', 'Hall', 'Wright', 'Bennett', 'Foster', 'Price'];
const GB_LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Lewis', 'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Ward', 'Hughes', 'Cooper', 'Shaw', 'Bailey', 'Hunt', 'Graham', 'Murray', 'Campbell', 'Stewart', 'Fletcher'];

const PERSON_POOLS: Record<IntlCountry, ReadonlyArray<readonly [PersonPools, number]>> = {
  US: [[{ male: EN_FIRST_MALE, female: EN_FIRST_FEMALE, last: EN_LAST }, 1]],
  GB: [[{ male: EN_FIRST_MALE, female: EN_FIRST_FEMALE, last: GB_LAST }, 1]],
  DE: [
    [
      {
        male: ['Lukas', 'Jonas', 'Maximilian', 'Felix', 'Leon', 'Paul', 'Tobias', 'Thomas', 'Stefan', 'Andreas', 'Michael', 'Christian', 'Markus', 'Florian', 'Sebastian', 'Jan', 'Matthias', 'Alexander', 'Daniel', 'Philipp'],
        female: ['Julia', 'Anna', 'Laura', 'Sophie', 'Lena', 'Katharina', 'Sabine', 'Lisa', 'Johanna', 'Sarah', 'Hannah', 'Christina', 'Nicole', 'Claudia', 'Stefanie', 'Miriam', 'Franziska', 'Carina', 'Jana', 'Birgit'],
        last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Köhler', 'Maier', 'Vogel', 'Jäger', 'Groß'],
      },
      1,
    ],
  ],
  FR: [
    [
      {
        male: ['Nicolas', 'Julien', 'Thomas', 'Antoine', 'Pierre', 'Mathieu', 'Laurent', 'Sébastien', 'Guillaume', 'Hugo', 'Louis', 'Maxime', 'Romain', 'Olivier', 'François', 'Alexandre', 'Benoît', 'Jérôme'],
        female: ['Camille', 'Léa', 'Manon', 'Chloé', 'Sophie', 'Julie', 'Claire', 'Émilie', 'Céline', 'Marie', 'Aurélie', 'Pauline', 'Mathilde', 'Élodie', 'Isabelle', 'Hélène', 'Inès', 'Charlotte'],
        last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Mercier', 'Faure', 'Chevalier', 'Gauthier'],
      },
      1,
    ],
  ],
  JP: [
    [
      {
        male: ['Hiroshi', 'Takashi', 'Kenji', 'Yuki', 'Haruto', 'Sota', 'Daisuke', 'Kazuya', 'Shota', 'Naoki', 'Takuya', 'Ryo', 'Kenta', 'Satoshi', 'Makoto', 'Tatsuya', 'Yusuke', 'Akira'],
        female: ['Yui', 'Aoi', 'Sakura', 'Yuko', 'Haruka', 'Misaki', 'Emi', 'Keiko', 'Akiko', 'Mai', 'Ayaka', 'Naomi', 'Rina', 'Yumi', 'Kaori', 'Megumi', 'Nanami', 'Tomoko'],
        last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu', 'Saito', 'Mori', 'Ikeda', 'Hashimoto', 'Ishikawa', 'Ogawa'],
      },
      1,
    ],
  ],
  KR: [
    [
      {
        male: ['Minjun', 'Seojun', 'Jiwoo', 'Hyunwoo', 'Jihoon', 'Donghyun', 'Sungmin', 'Jaehyun', 'Junho', 'Taeyang', 'Sangwoo', 'Youngjae'],
        female: ['Seoyeon', 'Jiyeon', 'Minji', 'Soyeon', 'Eunji', 'Hyejin', 'Yuna', 'Jisoo', 'Sujin', 'Hayoung', 'Jieun', 'Dahye'],
        last: ['Kim', 'Kim', 'Kim', 'Kim', 'Lee', 'Lee', 'Lee', 'Park', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Song'],
      },
      1,
    ],
  ],
  SG: [
    [
      {
        male: ['Daniel', 'Marcus', 'Jonathan', 'Benjamin', 'Ryan', 'Kelvin', 'Jeremy', 'Darren', 'Wei Ming', 'Jun Jie', 'Zhi Hao'],
        female: ['Rachel', 'Michelle', 'Grace', 'Joanne', 'Cheryl', 'Vanessa', 'Shermaine', 'Hui Min', 'Xin Yi', 'Li Ting'],
        last: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Chan', 'Koh', 'Teo', 'Ang', 'Yeo', 'Tay', 'Ho', 'Low', 'Toh', 'Sim'],
      },
      6,
    ],
    [
      {
        male: ['Arun', 'Rajesh', 'Vikram', 'Suresh', 'Karthik', 'Ravi'],
        female: ['Priya', 'Kavitha', 'Anjali', 'Deepa', 'Lakshmi', 'Meera'],
        last: ['Nair', 'Kumar', 'Menon', 'Pillai', 'Raj', 'Krishnan', 'Subramaniam'],
      },
      2,
    ],
    [
      {
        male: ['Muhammad Faizal', 'Ahmad Hafiz', 'Muhammad Irfan', 'Syed Azmi'],
        female: ['Nur Aisyah', 'Siti Nurhaliza', 'Nurul Huda', 'Farah Diana'],
        last: ['Rahman', 'Ismail', 'Hassan', 'Abdullah', 'Osman'],
      },
      1,
    ],
    [{ male: EN_FIRST_MALE, female: EN_FIRST_FEMALE, last: EN_LAST }, 1],
  ],
};

/** Lowercase ASCII for e-mail local parts and domains: ü -> ue, é -> e, ß -> ss. */
function asciiFold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Reference data: brand stems (domain name spaces)
// ---------------------------------------------------------------------------------------------

/**
 * Brand syllables: pinyin plus the characters it may be written with (names pick one; the domain
 * uses the pinyin, so homophones never create two domains). Second and third syllables start with
 * a consonant, which keeps pinyin concatenations unambiguous (checked in the spec).
 */
const CN_SYLLABLES_FIRST: ReadonlyArray<readonly [string, string]> = [
  ['yun', '云芸'], ['hua', '华'], ['xin', '新鑫信'], ['tian', '天'], ['hai', '海'], ['chuang', '创'], ['zhi', '智'],
  ['rui', '睿瑞'], ['teng', '腾'], ['hong', '宏鸿'], ['jia', '嘉佳'], ['kang', '康'], ['feng', '丰峰'], ['long', '龙隆'],
  ['da', '达大'], ['yuan', '远源元'], ['tong', '通同'], ['sheng', '盛晟'], ['ming', '明铭'], ['heng', '恒'], ['bo', '博'],
  ['ze', '泽'], ['jing', '京晶景'], ['lan', '蓝岚'], ['chen', '辰晨'], ['yi', '易亿'], ['an', '安'], ['zhong', '中众'],
  ['guang', '光广'], ['xing', '星兴'], ['dong', '东'], ['wei', '维威'], ['run', '润'], ['kai', '凯'], ['shu', '数'],
  ['qi', '启麒'], ['tai', '泰'], ['chang', '长昌'], ['fu', '富'], ['mei', '美'], ['ao', '奥'], ['ou', '欧'],
  ['jin', '金锦'], ['yu', '宇煜'], ['hao', '浩昊'], ['lian', '联'], ['ding', '鼎'], ['wan', '万'], ['li', '力立'],
  ['pu', '普'], ['xun', '迅讯'], ['su', '速'], ['yao', '耀'], ['can', '灿'], ['huan', '寰环'], ['jun', '骏'],
  ['lin', '麟林'], ['ke', '科'], ['tuo', '拓'], ['mo', '墨'], ['zhuo', '卓'], ['shi', '时世'], ['xi', '熙'],
  ['cheng', '诚成'], ['bai', '百柏'], ['qian', '千乾'], ['han', '瀚汉'], ['ying', '英盈'], ['sen', '森'], ['ge', '格'],
];
const CN_SYLLABLES_SECOND: ReadonlyArray<readonly [string, string]> = [
  ['fan', '帆'], ['tu', '图途'], ['xin', '信芯'], ['hua', '华'], ['da', '达'], ['tong', '通'], ['ke', '科'], ['chuang', '创'],
  ['rui', '瑞锐'], ['sheng', '升盛'], ['yuan', '源'], ['feng', '锋峰'], ['hang', '航'], ['tai', '泰'], ['lian', '联'],
  ['ming', '明'], ['hui', '汇辉'], ['jie', '捷'], ['neng', '能'], ['xun', '讯'], ['yun', '云'], ['teng', '腾'],
  ['zhi', '智'], ['bang', '邦'], ['cheng', '诚程'], ['long', '隆'], ['yu', '宇'], ['hai', '海'], ['shi', '拾'],
  ['wei', '维'], ['kang', '康'], ['ji', '际基'], ['tian', '天'], ['jing', '晶'], ['lin', '麟'], ['rong', '融'],
  ['xiang', '翔祥'], ['guang', '光'], ['di', '迪'], ['bo', '博'], ['sen', '森'], ['ze', '泽'], ['hong', '鸿'],
  ['lang', '朗'], ['dun', '盾'], ['ding', '鼎'], ['kai', '凯'], ['tuo', '拓'], ['ying', '盈'], ['meng', '盟'],
  ['pu', '普'], ['mai', '迈'], ['nuo', '诺'], ['qi', '启'], ['xing', '星'], ['zhou', '舟'], ['chi', '驰'],
  ['le', '乐'], ['jia', '嘉'], ['wo', '沃'], ['fei', '飞'], ['gu', '谷'], ['shan', '山'], ['chen', '辰'],
];
/** Third syllables, used only once the two-syllable space of a dataset is exhausted. */
const CN_SYLLABLES_THIRD: ReadonlyArray<readonly [string, string]> = [
  ['da', '达'], ['xin', '信'], ['tong', '通'], ['ke', '科'], ['yuan', '源'], ['hua', '华'], ['tai', '泰'], ['xing', '星'],
  ['lian', '联'], ['ming', '明'], ['feng', '丰'], ['sheng', '盛'], ['kang', '康'], ['zhi', '智'], ['rui', '瑞'], ['bo', '博'],
  ['hang', '航'], ['long', '隆'], ['jie', '捷'], ['neng', '能'], ['tian', '天'], ['yu', '宇'], ['de', '德'], ['fu', '福'],
];

const EN_STEM_FIRST = ['North', 'Blue', 'Silver', 'Bright', 'Iron', 'Summit', 'Clear', 'Red', 'Stone', 'River', 'Oak', 'Cedar', 'Harbor', 'Pine', 'Granite', 'Falcon', 'Eagle', 'Sky', 'Sun', 'Star', 'True', 'Swift', 'Green', 'West', 'East', 'Golden', 'Crystal', 'Maple', 'Lake', 'Hill', 'Cobalt', 'Copper', 'Nova', 'Apex', 'Vertex', 'Orbit', 'Atlas', 'Beacon', 'Crest', 'Delta', 'Ember', 'Fern', 'Glen', 'Hawk', 'Keystone', 'Lumen', 'Meridian', 'Pioneer', 'Quartz', 'Ridge', 'Sterling', 'Terra', 'Vista', 'Willow', 'Zenith', 'Arrow', 'Bay', 'Birch', 'Canyon', 'Coral'];
const EN_STEM_SECOND = ['wind', 'peak', 'stone', 'bridge', 'field', 'gate', 'point', 'line', 'path', 'works', 'light', 'wave', 'view', 'rock', 'water', 'wood', 'forge', 'mark', 'port', 'side', 'spring', 'vale', 'dale', 'shore', 'haven', 'hurst', 'ford', 'mont', 'brook', 'leaf', 'stream', 'fire', 'grid', 'scale', 'shift', 'sight', 'craft', 'logic', 'sphere', 'span', 'loop', 'trail', 'tide', 'well', 'land', 'core', 'beam'];
const EN_ROUND_PREFIXES = ['get', 'go', 'try', 'hello', 'join', 'meet', 'use', 'team'];
const EN_ROUND_SUFFIXES = ['hq', 'group', 'global', 'inc', 'corp', 'app', 'labs', 'online'];
const DE_ROUND_SUFFIXES = ['gruppe', 'group', 'online', 'digital', 'gmbh', 'ag', 'de', 'info'];
const FR_ROUND_SUFFIXES = ['groupe', 'group', 'france', 'sa', 'sas', 'online', 'fr', 'digital'];
const JP_ROUND_SUFFIXES = ['corp', 'group', 'hd', 'global', 'net', 'inc', 'jp', 'kk'];
const KR_ROUND_SUFFIXES = ['corp', 'group', 'global', 'inc', 'net', 'kr', 'co', 'hq'];
const SG_ROUND_SUFFIXES = ['sg', 'asia', 'group', 'global', 'hq', 'corp'];

const DE_STEM_FIRST = ['Nord', 'Süd', 'Berg', 'Stahl', 'Rhein', 'Alpen', 'Hansa', 'Elb', 'Licht', 'Stern', 'Wald', 'Blau', 'Grün', 'Eisen', 'Fels', 'Tal', 'Sonnen', 'Kraft', 'Donau', 'Main', 'Isar', 'Linden', 'Eichen', 'Falken', 'Adler', 'Brunnen', 'Mühlen', 'Weiß', 'Gold', 'Silber'];
const DE_STEM_SECOND = ['werk', 'tec', 'haus', 'feld', 'bau', 'tronic', 'wind', 'stein', 'hof', 'burg', 'licht', 'lab', 'sys', 'data', 'form', 'mann', 'kraft', 'logik', 'net', 'punkt', 'blick', 'quelle', 'welle', 'brücke', 'tor'];
const FR_STEM_FIRST = ['Lumi', 'Azur', 'Belle', 'Clair', 'Mont', 'Soleil', 'Vert', 'Rive', 'Nova', 'Alti', 'Astra', 'Cèdre', 'Étoile', 'Horizon', 'Ocea', 'Vallée', 'Pierre', 'Ciel', 'Terre', 'Aube', 'Lys', 'Opale', 'Saphir', 'Vega', 'Zéphyr'];
const FR_STEM_SECOND = ['tech', 'sys', 'val', 'data', 'log', 'net', 'soft', 'lab', 'bio', 'med', 'ia', 'is', 'eo', 'ance', 'ium', 'ys', 'ora', 'line', 'com', 'pro'];
const JP_STEM_FIRST = ['Kita', 'Yama', 'Taka', 'Naka', 'Fuji', 'Mori', 'Hoshi', 'Asa', 'Matsu', 'Ishi', 'Kawa', 'Sakura', 'Hiro', 'Oka', 'Mizu', 'Shira', 'Kuro', 'Aoki', 'Haya', 'Tsuru', 'Kame', 'Hana', 'Tomo', 'Yoshi', 'Nishi', 'Higashi', 'Minami', 'Kiyo', 'Aki', 'Sora'];
const JP_STEM_SECOND = ['mura', 'moto', 'kawa', 'shima', 'da', 'no', 'hara', 'zaki', 'ta', 'gawa', 'yama', 'saki', 'mori', 'hashi', 'oka', 'sawa', 'tani', 'ura', 'naga', 'kura'];
const KR_STEM_FIRST = ['Han', 'Dae', 'Sam', 'Hyun', 'Sung', 'Jin', 'Seo', 'Kum', 'Dong', 'Shin', 'Il', 'Woo', 'Young', 'Se', 'Hwa', 'Kuk', 'Myung', 'Chang', 'Tae', 'Bo', 'Nam', 'Jeon', 'Gwang', 'Hae'];
const KR_STEM_SECOND = ['bit', 'sung', 'il', 'jin', 'won', 'yang', 'kwang', 'hwa', 'do', 'min', 'san', 'woo', 'rim', 'ho', 'chang', 'heung', 'kyung', 'han', 'mi', 'seong'];
const SG_STEM_FIRST = ['Lion', 'Merlion', 'Straits', 'Kallang', 'Marina', 'Orchid', 'Harbour', 'Lumen', 'Equator', 'Tanjong', 'Sentosa', 'Jade', 'Pearl', 'Banyan', 'Monsoon', 'Horizon', 'Tiger', 'Crescent', 'Pacific', 'Emerald'];
const SG_STEM_SECOND = ['gate', 'point', 'bridge', 'bay', 'link', 'stone', 'wave', 'port', 'peak', 'line', 'star', 'field', 'grid', 'works', 'view', 'light', 'tide', 'path', 'core', 'sphere'];

// ---------------------------------------------------------------------------------------------
// Reference data: industry words (name word + the word used in the domain)
// ---------------------------------------------------------------------------------------------

type Word = readonly [label: string, domainWord: string];
/**
 * How a Chinese organization of the sub-industry is named:
 * standard = 城市 + 字号 + 行业词 + 组织形式 (杭州云帆智能科技有限公司); bank = 字号 + 银行 + 股份有限公司;
 * institution = 城市 + 字号 + 机构词, no legal form; firm = 城市 + 市 + 字号 + 事务所; civic = 城市 + 市 + 行业词 + 有限公司 (municipal SOE).
 */
type ZhStyle = 'standard' | 'bank' | 'institution' | 'firm' | 'civic';

interface SubIndustryWords {
  zh: ReadonlyArray<Word>;
  en: ReadonlyArray<Word>;
  zhStyle?: ZhStyle;
  /** Relative size of organizations in this sub-industry (multiplies the employee median). */
  size?: number;
  /** Revenue per employee relative to the average. */
  productivity?: number;
  /** Organizations of this kind are never tiny (a bank, a carrier, a car maker). */
  minEmployees?: number;
}

const SUB_INDUSTRY_WORDS: Record<string, SubIndustryWords> = {
  industrial_automation: { zh: [['自动化科技', 'auto'], ['智能装备', 'robot'], ['机器人', 'robot'], ['智能制造', 'tech']], en: [['Automation', 'automation'], ['Robotics', 'robotics'], ['Controls', 'controls'], ['Industrial Systems', 'industrial']], size: 1.5 },
  machinery: { zh: [['机械', 'machinery'], ['重工', 'hi'], ['装备', 'equip'], ['精密机械', 'precision']], en: [['Machinery', 'machinery'], ['Engineering', 'eng'], ['Equipment', 'equipment'], ['Precision', 'precision']], size: 2 },
  electronics: { zh: [['电子', 'elec'], ['微电子', 'micro'], ['半导体', 'semi'], ['光电', 'opto']], en: [['Electronics', 'electronics'], ['Semiconductor', 'semi'], ['Microsystems', 'micro'], ['Devices', 'devices']], size: 2.2 },
  chemicals: { zh: [['化工', 'chem'], ['新材料', 'material'], ['化学', 'chem'], ['高分子材料', 'polymer']], en: [['Chemicals', 'chem'], ['Materials', 'materials'], ['Polymers', 'polymers'], ['Coatings', 'coatings']], size: 1.8, productivity: 1.5 },
  consumer_products_mfg: { zh: [['电器', 'appliance'], ['家居用品', 'home'], ['日用品', 'daily'], ['家电', 'appliance']], en: [['Home Products', 'home'], ['Consumer Products', 'products'], ['Appliances', 'appliances']], size: 2 },
  enterprise_software: { zh: [['软件', 'soft'], ['信息技术', 'it'], ['网络科技', 'net'], ['软件技术', 'soft']], en: [['Software', 'software'], ['Systems', 'systems'], ['Technologies', 'tech']], productivity: 1.4 },
  saas: { zh: [['云计算', 'cloud'], ['数字科技', 'digital'], ['网络科技', 'net'], ['云科技', 'cloud']], en: [['Cloud', 'cloud'], ['Labs', 'labs'], ['HQ', 'hq'], ['Software', 'app']], size: 0.6, productivity: 1.3 },
  cybersecurity: { zh: [['信息安全', 'sec'], ['网络安全', 'security'], ['安全技术', 'sec']], en: [['Security', 'security'], ['Cyber', 'cyber'], ['Defense', 'defense']], size: 0.8, productivity: 1.4 },
  data_ai: { zh: [['智能科技', 'ai'], ['数据科技', 'data'], ['人工智能', 'ai'], ['大数据', 'bigdata']], en: [['AI', 'ai'], ['Analytics', 'analytics'], ['Data', 'data'], ['Intelligence', 'intelligence']], size: 0.6, productivity: 1.2 },
  it_services: { zh: [['信息技术', 'it'], ['系统集成', 'si'], ['数码科技', 'digital'], ['计算机技术', 'tech']], en: [['IT Services', 'it'], ['Consulting', 'consulting'], ['Solutions', 'solutions'], ['Systems', 'systems']], size: 1.2, productivity: 0.7 },
  banking: { zh: [['银行', 'bank'], ['农村商业银行', 'rcb'], ['村镇银行', 'bank']], en: [['Bank', 'bank'], ['Financial', 'financial'], ['Bancorp', 'bancorp']], zhStyle: 'bank', size: 6, productivity: 2.5, minEmployees: 80 },
  insurance: { zh: [['人寿保险', 'life'], ['财产保险', 'insurance'], ['保险', 'insurance']], en: [['Insurance', 'insurance'], ['Assurance', 'assurance'], ['Mutual', 'mutual']], size: 4, productivity: 2.5, minEmployees: 60 },
  securities_asset_mgmt: { zh: [['证券', 'securities'], ['基金管理', 'fund'], ['资产管理', 'capital'], ['投资', 'invest']], en: [['Capital', 'capital'], ['Asset Management', 'am'], ['Investments', 'invest'], ['Partners', 'partners']], size: 1.2, productivity: 3 },
  fintech: { zh: [['金融科技', 'fintech'], ['支付', 'pay'], ['金融信息服务', 'fin']], en: [['Pay', 'pay'], ['Financial Technologies', 'fintech'], ['Payments', 'payments']], productivity: 1.6 },
  hospitals: { zh: [['医院', 'hospital'], ['医疗集团', 'health'], ['妇产医院', 'hospital']], en: [['Health', 'health'], ['Medical Center', 'medical'], ['Healthcare', 'healthcare'], ['Hospital', 'hospital']], zhStyle: 'institution', size: 5, productivity: 0.6, minEmployees: 80 },
  pharma: { zh: [['药业', 'pharma'], ['制药', 'pharm'], ['医药', 'med']], en: [['Pharmaceuticals', 'pharma'], ['Pharma', 'pharma'], ['Therapeutics', 'tx']], size: 2.5, productivity: 1.6 },
  medical_devices: { zh: [['医疗器械', 'med'], ['医疗科技', 'medtech'], ['医学影像', 'imaging']], en: [['Medical', 'medical'], ['Medtech', 'medtech'], ['Diagnostics', 'dx'], ['Surgical', 'surgical']], productivity: 1.3 },
  biotech: { zh: [['生物科技', 'bio'], ['生物医药', 'bio'], ['基因科技', 'gene']], en: [['Biosciences', 'bio'], ['Biotech', 'bio'], ['Genomics', 'genomics'], ['Therapeutics', 'tx']], size: 0.7, productivity: 1.2 },
  ecommerce: { zh: [['电子商务', 'ec'], ['网络科技', 'net'], ['电商', 'shop']], en: [['Commerce', 'commerce'], ['Marketplace', 'market'], ['Shop', 'shop']], productivity: 1.5 },
  retail_chains: { zh: [['商业连锁', 'retail'], ['百货', 'mall'], ['超市', 'mart']], en: [['Retail', 'retail'], ['Stores', 'stores'], ['Markets', 'markets']], size: 4, productivity: 0.6, minEmployees: 20 },
  fmcg: { zh: [['日化', 'daily'], ['快消品', 'fmcg'], ['个人护理用品', 'care']], en: [['Consumer Brands', 'brands'], ['Household', 'home'], ['Personal Care', 'care']], size: 2, productivity: 1.2 },
  food_beverage: { zh: [['食品', 'food'], ['饮品', 'drinks'], ['乳业', 'dairy'], ['餐饮管理', 'catering']], en: [['Foods', 'foods'], ['Beverages', 'beverages'], ['Brewing', 'brewing'], ['Dairy', 'dairy']], size: 2, productivity: 0.8 },
  apparel: { zh: [['服饰', 'fashion'], ['服装', 'apparel'], ['纺织', 'textile']], en: [['Apparel', 'apparel'], ['Fashion', 'fashion'], ['Outfitters', 'outfitters'], ['Textiles', 'textiles']], size: 1.5, productivity: 0.7 },
  power_grid: { zh: [['电力', 'power'], ['能源', 'energy'], ['供电', 'power']], en: [['Power', 'power'], ['Energy', 'energy'], ['Electric', 'electric'], ['Utilities', 'utilities']], size: 6, productivity: 1.5, minEmployees: 100 },
  oil_gas: { zh: [['石油', 'oil'], ['燃气', 'gas'], ['石化', 'petro'], ['油气', 'oilgas']], en: [['Energy', 'energy'], ['Petroleum', 'petroleum'], ['Oil & Gas', 'oilgas'], ['Resources', 'resources']], size: 5, productivity: 3, minEmployees: 100 },
  renewables: { zh: [['新能源', 'energy'], ['光伏', 'solar'], ['风电', 'wind'], ['储能', 'storage']], en: [['Solar', 'solar'], ['Renewables', 'renewables'], ['Wind', 'wind'], ['Clean Energy', 'cleanenergy']], size: 1.5, productivity: 1.5 },
  water_utilities: { zh: [['水务', 'water'], ['环保科技', 'eco'], ['环境工程', 'env']], en: [['Water', 'water'], ['Environmental', 'env'], ['Water Services', 'water']], size: 2 },
  auto_oem: { zh: [['汽车', 'auto'], ['汽车制造', 'motor'], ['商用车', 'cv']], en: [['Motors', 'motors'], ['Automotive', 'auto'], ['Vehicles', 'vehicles']], size: 8, productivity: 1.5, minEmployees: 300 },
  auto_parts: { zh: [['汽车零部件', 'parts'], ['汽车电子', 'autoelec'], ['精工', 'precision']], en: [['Automotive Components', 'components'], ['Auto Parts', 'parts'], ['Drivetrain', 'drivetrain']], size: 2.5 },
  ev_battery: { zh: [['新能源汽车', 'ev'], ['动力电池', 'battery'], ['电池科技', 'battery'], ['锂电', 'lithium']], en: [['EV', 'ev'], ['Battery', 'battery'], ['Energy Storage', 'storage'], ['Mobility', 'mobility']], size: 3, productivity: 1.3 },
  auto_dealers: { zh: [['汽车销售服务', 'auto'], ['汽车服务', 'autoservice'], ['汽车贸易', 'autotrade']], en: [['Auto Group', 'autogroup'], ['Motors', 'motors'], ['Auto Sales', 'autosales']], productivity: 1.8 },
  carriers: { zh: [['通信', 'telecom'], ['通讯服务', 'comm'], ['宽带网络', 'broadband']], en: [['Telecom', 'telecom'], ['Communications', 'comms'], ['Networks', 'networks'], ['Mobile', 'mobile']], size: 10, productivity: 2, minEmployees: 200 },
  network_equipment: { zh: [['通信设备', 'comm'], ['网络设备', 'networks'], ['光通信', 'optical']], en: [['Networks', 'networks'], ['Optical', 'optical'], ['Wireless', 'wireless']], size: 2, productivity: 1.3 },
  data_centers: { zh: [['数据中心', 'idc'], ['云数据', 'clouddata'], ['算力科技', 'compute']], en: [['Data Centers', 'dc'], ['Hosting', 'hosting'], ['Colocation', 'colo']], productivity: 2 },
  express_delivery: { zh: [['快递', 'express'], ['速运', 'express'], ['物流', 'logistics']], en: [['Express', 'express'], ['Courier', 'courier'], ['Delivery', 'delivery']], size: 5, productivity: 0.5 },
  freight_forwarding: { zh: [['国际货运代理', 'freight'], ['国际物流', 'logistics'], ['航运', 'shipping']], en: [['Freight', 'freight'], ['Logistics', 'logistics'], ['Shipping', 'shipping']], productivity: 1.5 },
  warehousing: { zh: [['仓储', 'storage'], ['仓储物流', 'wms'], ['冷链物流', 'coldchain']], en: [['Warehousing', 'warehousing'], ['Storage', 'storage'], ['Distribution', 'distribution']], productivity: 0.7 },
  supply_chain_mgmt: { zh: [['供应链管理', 'scm'], ['供应链', 'supplychain'], ['物流科技', 'logistics']], en: [['Supply Chain', 'supplychain'], ['Logistics', 'logistics'], ['Sourcing', 'sourcing']], productivity: 1.8 },
  higher_education: { zh: [['学院', 'college'], ['职业技术学院', 'edu'], ['理工学院', 'tech']], en: [['University', 'university'], ['College', 'college'], ['Institute of Technology', 'tech']], zhStyle: 'institution', size: 4, productivity: 0.4, minEmployees: 150 },
  k12: { zh: [['外国语学校', 'school'], ['实验学校', 'school'], ['国际学校', 'school'], ['教育集团', 'edu']], en: [['Academy', 'academy'], ['School', 'school'], ['Schools', 'schools']], zhStyle: 'institution', productivity: 0.3 },
  vocational_training: { zh: [['教育科技', 'edu'], ['职业培训', 'training'], ['教育咨询', 'edu']], en: [['Learning', 'learning'], ['Training', 'training'], ['Academy', 'academy']], size: 0.7, productivity: 0.6 },
  edtech: { zh: [['教育科技', 'edu'], ['在线教育', 'online'], ['网络科技', 'net']], en: [['Learning', 'learning'], ['Education', 'edu'], ['EdTech', 'edtech']], size: 0.8 },
  government_agencies: { zh: [['城市建设投资集团', 'invest'], ['大数据集团', 'bigdata'], ['国有资本投资运营', 'capital'], ['数字政府运营', 'gov']], en: [['Agency', 'agency'], ['Authority', 'authority'], ['Council', 'council']], zhStyle: 'civic', size: 3, productivity: 0.5, minEmployees: 40 },
  public_institutions: { zh: [['研究院', 'research'], ['信息中心', 'info'], ['检验检测中心', 'test'], ['科学研究院', 'science']], en: [['Institute', 'institute'], ['Foundation', 'foundation'], ['Research Center', 'research']], zhStyle: 'institution', size: 1.5, productivity: 0.4 },
  smart_city: { zh: [['智慧城市科技', 'smartcity'], ['数字城市', 'digitalcity'], ['城市大脑', 'citybrain'], ['智能交通', 'its']], en: [['Smart City', 'smartcity'], ['Urban Systems', 'urban'], ['Civic Tech', 'civic']] },
  consulting: { zh: [['管理咨询', 'consulting'], ['企业管理咨询', 'mc'], ['咨询', 'consult']], en: [['Consulting', 'consulting'], ['Advisors', 'advisors'], ['Partners', 'partners'], ['Strategy', 'strategy']], size: 0.6, productivity: 1.2 },
  legal: { zh: [['律师事务所', 'law']], en: [['Law', 'law'], ['Legal', 'legal']], zhStyle: 'firm', size: 0.5, productivity: 1.5 },
  accounting: { zh: [['会计师事务所', 'cpa'], ['税务师事务所', 'tax']], en: [['Accounting', 'accounting'], ['CPAs', 'cpa'], ['Audit', 'audit'], ['Tax Advisors', 'tax']], zhStyle: 'firm', size: 0.6 },
  marketing_agencies: { zh: [['广告', 'ad'], ['营销策划', 'marketing'], ['文化传媒', 'media'], ['数字营销', 'digital']], en: [['Media', 'media'], ['Marketing', 'marketing'], ['Creative', 'creative'], ['Digital', 'digital']], size: 0.4 },
  hr_services: { zh: [['人力资源', 'hr'], ['人力资源服务', 'hr'], ['企业服务', 'es']], en: [['Talent', 'talent'], ['Staffing', 'staffing'], ['People', 'people'], ['Recruitment', 'recruitment']], productivity: 0.5 },
};

/** Country-specific name words (Japanese romanizations, German and French terms). */
const LOCAL_WORDS: Partial<Record<IntlCountry, Record<string, ReadonlyArray<Word>>>> = {
  JP: {
    machinery: [['Seiki', 'seiki'], ['Kikai', 'kikai']],
    electronics: [['Denki', 'denki'], ['Denshi', 'denshi']],
    chemicals: [['Kagaku', 'kagaku']],
    industrial_automation: [['Kogyo', 'kogyo']],
    consumer_products_mfg: [['Seisakusho', 'ss']],
    pharma: [['Seiyaku', 'seiyaku']],
    food_beverage: [['Shokuhin', 'shokuhin']],
    express_delivery: [['Unyu', 'unyu']],
    auto_parts: [['Kogyo', 'kogyo']],
    retail_chains: [['Shoji', 'shoji']],
  },
  DE: {
    machinery: [['Maschinenbau', 'maschinenbau']],
    chemicals: [['Chemie', 'chemie']],
    consulting: [['Beratung', 'beratung'], ['Consulting', 'consulting']],
    industrial_automation: [['Automatisierung', 'automation'], ['Antriebstechnik', 'antriebe']],
    auto_parts: [['Fahrzeugtechnik', 'fahrzeugtechnik']],
    water_utilities: [['Stadtwerke', 'stadtwerke']],
  },
  FR: {
    consulting: [['Conseil', 'conseil']],
    food_beverage: [['Alimentaire', 'alimentaire']],
    insurance: [['Assurances', 'assurances']],
    freight_forwarding: [['Logistique', 'logistique']],
  },
};

/** Industry weights (relative share of accounts) for China and abroad. */
const INDUSTRY_WEIGHTS: Record<string, readonly [cn: number, intl: number]> = {
  manufacturing: [18, 12],
  software: [14, 20],
  financial_services: [8, 10],
  healthcare: [7, 9],
  retail_consumer: [9, 8],
  energy_utilities: [5, 4],
  automotive: [7, 5],
  telecom: [3, 3],
  logistics: [6, 5],
  education: [5, 4],
  government: [4, 1],
  professional_services: [7, 12],
};

// ---------------------------------------------------------------------------------------------
// Segments: country share + brand/domain name space
// ---------------------------------------------------------------------------------------------

interface StemSpace {
  size: number;
  /** Domain label for a stem in a given round (round 0 = plain; later rounds vary it injectively). */
  base(stem: number, round: number): string;
  /** Brand as written in the company name. */
  display(stem: number, round: number, rng: Rng): string;
}

type DomainShape = (base: string, word: string) => string;

interface Segment {
  country: CountryCode;
  share: number;
  stems: StemSpace;
  shapes: ReadonlyArray<DomainShape>;
}

function cnStemSpace(): StemSpace {
  const first = CN_SYLLABLES_FIRST;
  const second = CN_SYLLABLES_SECOND;
  const third = CN_SYLLABLES_THIRD;
  return {
    size: first.length * second.length,
    base(stem, round) {
      const head = first[Math.floor(stem / second.length)][0] + second[stem % second.length][0];
      if (round === 0) return head;
      // Rounds 1..T add a third syllable, rotated by stem so that round 1 is not always the same one.
      if (round <= third.length) return head + third[(round - 1 + stem) % third.length][0];
      return head + String(round - third.length + 1);
    },
    display(stem, round, rng) {
      const head = rng.pick([...first[Math.floor(stem / second.length)][1]]) + rng.pick([...second[stem % second.length][1]]);
      return round >= 1 && round <= third.length ? head + third[(round - 1 + stem) % third.length][1] : head;
    },
  };
}

function pairStemSpace(
  first: ReadonlyArray<string>,
  second: ReadonlyArray<string>,
  roundPrefixes: ReadonlyArray<string> = [],
  roundSuffixes: ReadonlyArray<string> = [],
): StemSpace {
  const plain = (stem: number): string => first[Math.floor(stem / second.length)] + second[stem % second.length];
  const variants = roundPrefixes.length + roundSuffixes.length;
  return {
    size: first.length * second.length,
    base(stem, round) {
      const folded = asciiFold(plain(stem));
      if (round === 0) return folded;
      if (round <= variants) {
        // Rotated by stem (a bijection of the round for a given stem): getnorthwind.com, bluepeakhq.com …
        const variant = (round - 1 + stem) % variants;
        return variant < roundPrefixes.length ? roundPrefixes[variant] + folded : folded + roundSuffixes[variant - roundPrefixes.length];
      }
      return folded + String(round - variants + 1);
    },
    display: (stem) => plain(stem),
  };
}

const hyphenated = (tld: string): DomainShape => (base, word) => `${base}-${word}.${tld}`;
const bare = (tld: string): DomainShape => (base) => `${base}.${tld}`;

/**
 * Domain uniqueness argument: within a segment, (stem, shape, round) is unique per company (keyed
 * permutation of the company's rank inside the segment); bases contain no '-', so "base-word" and
 * "base" shapes never meet; TLDs differ between segments except `.com` (CN "base-word.com" vs US),
 * where pinyin bases and English bases are disjoint sets (asserted in the spec).
 */
const SEGMENTS: ReadonlyArray<Segment> = [
  { country: 'CN', share: 0.6, stems: cnStemSpace(), shapes: [hyphenated('com.cn'), bare('com.cn'), hyphenated('cn'), bare('cn'), hyphenated('com')] },
  { country: 'US', share: 0.14, stems: pairStemSpace(EN_STEM_FIRST, EN_STEM_SECOND, EN_ROUND_PREFIXES, EN_ROUND_SUFFIXES), shapes: [bare('com'), hyphenated('com')] },
  { country: 'GB', share: 0.05, stems: pairStemSpace(EN_STEM_FIRST, EN_STEM_SECOND, EN_ROUND_PREFIXES, EN_ROUND_SUFFIXES), shapes: [bare('co.uk'), hyphenated('co.uk'), bare('uk')] },
  { country: 'DE', share: 0.05, stems: pairStemSpace(DE_STEM_FIRST, DE_STEM_SECOND, [], DE_ROUND_SUFFIXES), shapes: [bare('de'), hyphenated('de')] },
  { country: 'JP', share: 0.06, stems: pairStemSpace(JP_STEM_FIRST, JP_STEM_SECOND, [], JP_ROUND_SUFFIXES), shapes: [bare('co.jp'), hyphenated('co.jp'), bare('jp')] },
  { country: 'SG', share: 0.04, stems: pairStemSpace(SG_STEM_FIRST, SG_STEM_SECOND, EN_ROUND_PREFIXES, SG_ROUND_SUFFIXES), shapes: [bare('com.sg'), hyphenated('com.sg'), bare('sg')] },
  { country: 'FR', share: 0.03, stems: pairStemSpace(FR_STEM_FIRST, FR_STEM_SECOND, [], FR_ROUND_SUFFIXES), shapes: [bare('fr'), hyphenated('fr')] },
  { country: 'KR', share: 0.03, stems: pairStemSpace(KR_STEM_FIRST, KR_STEM_SECOND, [], KR_ROUND_SUFFIXES), shapes: [bare('co.kr'), hyphenated('co.kr'), bare('kr')] },
];

/** Exposed for the spec: the brand-stem spaces whose disjointness/injectivity keeps domains unique. */
export const __demoDomainSpaces = SEGMENTS.map((segment) => ({ country: segment.country, stems: segment.stems, shapes: segment.shapes.length }));

// ---------------------------------------------------------------------------------------------
// Reference data: departments, titles, buying roles
// ---------------------------------------------------------------------------------------------

type Title = readonly [zh: string, en: string];

interface Department {
  zh: string;
  en: string;
  weight: number;
  /** Only in companies that run plants (manufacturing, automotive, energy, pharma …). */
  industrialOnly?: boolean;
  titles: Partial<Record<Seniority, ReadonlyArray<Title>>>;
}

const DEPARTMENTS: ReadonlyArray<Department> = [
  {
    zh: '信息技术部', en: 'IT', weight: 22,
    titles: {
      c_level: [['首席信息官', 'Chief Information Officer'], ['首席数字官', 'Chief Digital Officer']],
      vp: [['IT副总裁', 'VP of IT'], ['数字化副总裁', 'VP Digital Transformation']],
      director: [['IT总监', 'IT Director'], ['信息中心主任', 'Head of IT'], ['数字化转型总监', 'Director of Digital Transformation']],
      manager: [['IT经理', 'IT Manager'], ['信息化经理', 'IT Systems Manager'], ['基础架构经理', 'Infrastructure Manager']],
      senior: [['高级系统工程师', 'Senior Systems Engineer'], ['解决方案架构师', 'Solutions Architect'], ['高级运维工程师', 'Senior DevOps Engineer']],
      entry: [['系统管理员', 'Systems Administrator'], ['运维工程师', 'IT Support Engineer'], ['IT专员', 'IT Specialist']],
    },
  },
  {
    zh: '研发部', en: 'Engineering', weight: 13,
    titles: {
      c_level: [['首席技术官', 'Chief Technology Officer']],
      vp: [['研发副总裁', 'VP Engineering'], ['技术副总裁', 'VP Technology']],
      director: [['研发总监', 'Director of Engineering'], ['技术总监', 'Head of Engineering']],
      manager: [['研发经理', 'Engineering Manager'], ['产品经理', 'Product Manager'], ['项目经理', 'Project Manager']],
      senior: [['高级研发工程师', 'Senior Software Engineer'], ['技术专家', 'Staff Engineer'], ['高级产品经理', 'Senior Product Manager']],
      entry: [['研发工程师', 'Software Engineer'], ['测试工程师', 'QA Engineer'], ['硬件工程师', 'Hardware Engineer']],
    },
  },
  {
    zh: '采购部', en: 'Procurement', weight: 10,
    titles: {
      c_level: [['首席采购官', 'Chief Procurement Officer']],
      vp: [['供应链副总裁', 'VP Supply Chain']],
      director: [['采购总监', 'Head of Procurement'], ['供应链总监', 'Supply Chain Director']],
      manager: [['采购经理', 'Procurement Manager'], ['IT采购经理', 'IT Sourcing Manager'], ['供应商管理经理', 'Vendor Manager']],
      senior: [['高级采购专员', 'Senior Buyer'], ['寻源专家', 'Strategic Sourcing Specialist']],
      entry: [['采购专员', 'Buyer'], ['采购助理', 'Procurement Assistant']],
    },
  },
  {
    zh: '市场部', en: 'Marketing', weight: 13,
    titles: {
      c_level: [['首席营销官', 'Chief Marketing Officer']],
      vp: [['市场副总裁', 'VP Marketing']],
      director: [['市场总监', 'Marketing Director'], ['品牌总监', 'Head of Brand'], ['数字营销总监', 'Director of Demand Generation']],
      manager: [['市场经理', 'Marketing Manager'], ['品牌经理', 'Brand Manager'], ['活动经理', 'Events Manager'], ['数字营销经理', 'Digital Marketing Manager']],
      senior: [['高级市场专员', 'Senior Marketing Specialist'], ['内容营销主管', 'Content Marketing Lead']],
      entry: [['市场专员', 'Marketing Specialist'], ['新媒体运营', 'Social Media Coordinator']],
    },
  },
  {
    zh: '销售部', en: 'Sales', weight: 8,
    titles: {
      c_level: [['首席营收官', 'Chief Revenue Officer']],
      vp: [['销售副总裁', 'VP Sales']],
      director: [['销售总监', 'Sales Director'], ['大客户部总监', 'Head of Key Accounts']],
      manager: [['大客户经理', 'Key Account Manager'], ['区域销售经理', 'Regional Sales Manager'], ['渠道经理', 'Channel Manager']],
      senior: [['高级销售代表', 'Senior Account Executive'], ['售前顾问', 'Solutions Consultant']],
      entry: [['销售代表', 'Sales Representative'], ['销售助理', 'Sales Development Representative']],
    },
  },
  {
    zh: '运营部', en: 'Operations', weight: 9,
    titles: {
      c_level: [['首席运营官', 'Chief Operating Officer']],
      vp: [['运营副总裁', 'VP Operations']],
      director: [['运营总监', 'Operations Director'], ['客户服务总监', 'Head of Customer Service']],
      manager: [['运营经理', 'Operations Manager'], ['客服经理', 'Customer Service Manager'], ['流程优化经理', 'Business Process Manager']],
      senior: [['高级运营专员', 'Senior Operations Analyst']],
      entry: [['运营专员', 'Operations Coordinator'], ['客服专员', 'Customer Service Representative']],
    },
  },
  {
    zh: '生产制造部', en: 'Manufacturing', weight: 9, industrialOnly: true,
    titles: {
      vp: [['制造副总裁', 'VP Manufacturing']],
      director: [['生产总监', 'Head of Manufacturing'], ['质量总监', 'Quality Director'], ['厂长', 'Plant Director']],
      manager: [['生产经理', 'Production Manager'], ['质量经理', 'Quality Manager'], ['设备经理', 'Maintenance Manager']],
      senior: [['精益生产主管', 'Lean Manufacturing Lead'], ['高级工艺工程师', 'Senior Process Engineer']],
      entry: [['质量工程师', 'Quality Engineer'], ['工艺工程师', 'Process Engineer']],
    },
  },
  {
    zh: '财务部', en: 'Finance', weight: 7,
    titles: {
      c_level: [['首席财务官', 'Chief Financial Officer']],
      vp: [['财务副总裁', 'VP Finance']],
      director: [['财务总监', 'Finance Director'], ['财务控制总监', 'Financial Controller']],
      manager: [['财务经理', 'Finance Manager'], ['预算经理', 'FP&A Manager']],
      senior: [['高级会计', 'Senior Accountant'], ['高级财务分析师', 'Senior Financial Analyst']],
      entry: [['会计', 'Accountant'], ['财务专员', 'Finance Associate']],
    },
  },
  {
    zh: '人力资源部', en: 'Human Resources', weight: 6,
    titles: {
      c_level: [['首席人力资源官', 'Chief People Officer']],
      vp: [['人力资源副总裁', 'VP People']],
      director: [['人力资源总监', 'HR Director'], ['培训发展总监', 'Head of Learning & Development']],
      manager: [['人力资源经理', 'HR Manager'], ['培训经理', 'L&D Manager'], ['招聘经理', 'Talent Acquisition Manager']],
      senior: [['高级HRBP', 'Senior HR Business Partner']],
      entry: [['人事专员', 'HR Specialist'], ['招聘专员', 'Recruiter']],
    },
  },
  {
    zh: '总经办', en: 'Executive Office', weight: 8,
    titles: {
      c_level: [['首席执行官', 'Chief Executive Officer'], ['总经理', 'Managing Director'], ['董事长', 'Chairman']],
      vp: [['副总经理', 'Deputy General Manager'], ['副总裁', 'Vice President']],
      director: [['总经理助理', 'Chief of Staff'], ['战略发展总监', 'Director of Strategy']],
      manager: [['行政经理', 'Office Manager'], ['战略经理', 'Strategy Manager']],
      senior: [['高级行政主管', 'Senior Executive Assistant']],
      entry: [['总裁助理', 'Executive Assistant'], ['行政专员', 'Office Administrator']],
    },
  },
  {
    zh: '数据部', en: 'Data & Analytics', weight: 5,
    titles: {
      c_level: [['首席数据官', 'Chief Data Officer']],
      director: [['数据总监', 'Head of Data'], ['商业智能总监', 'Director of Business Intelligence']],
      manager: [['数据分析经理', 'Analytics Manager'], ['数据治理经理', 'Data Governance Manager']],
      senior: [['高级数据分析师', 'Senior Data Analyst'], ['数据科学家', 'Data Scientist']],
      entry: [['数据分析师', 'Data Analyst'], ['数据工程师', 'Data Engineer']],
    },
  },
  {
    zh: '信息安全部', en: 'Security', weight: 4,
    titles: {
      c_level: [['首席信息安全官', 'Chief Information Security Officer']],
      director: [['信息安全总监', 'Director of Information Security']],
      manager: [['安全经理', 'Security Manager'], ['合规经理', 'Compliance Manager']],
      senior: [['高级安全工程师', 'Senior Security Engineer']],
      entry: [['安全工程师', 'Security Analyst']],
    },
  },
];
const DEPARTMENT_WEIGHTS = DEPARTMENTS.filter((d) => !d.industrialOnly).map((d) => [d, d.weight] as const);
const DEPARTMENT_WEIGHTS_INDUSTRIAL = DEPARTMENTS.map((d) => [d, d.weight] as const);
const INDUSTRIAL_INDUSTRIES = new Set(['manufacturing', 'automotive', 'energy_utilities']);
const INDUSTRIAL_SUB_INDUSTRIES = new Set(['pharma', 'medical_devices', 'fmcg', 'food_beverage', 'apparel', 'network_equipment']);
const SENIORITY_ORDER: ReadonlyArray<Seniority> = ['c_level', 'vp', 'director', 'manager', 'senior', 'entry'];
const SENIORITY_WEIGHTS_SMALL: ReadonlyArray<readonly [Seniority, number]> = [['c_level', 18], ['vp', 4], ['director', 12], ['manager', 30], ['senior', 20], ['entry', 16]];
const SENIORITY_WEIGHTS: ReadonlyArray<readonly [Seniority, number]> = [['c_level', 5], ['vp', 8], ['director', 20], ['manager', 32], ['senior', 19], ['entry', 16]];

const BUYING_ROLES: Record<Seniority, ReadonlyArray<readonly [BuyingRole, number]>> = {
  c_level: [['decision_maker', 85], ['influencer', 15]],
  vp: [['decision_maker', 70], ['influencer', 25], ['champion', 5]],
  director: [['decision_maker', 35], ['influencer', 40], ['champion', 25]],
  manager: [['influencer', 40], ['champion', 30], ['user', 25], ['gatekeeper', 5]],
  senior: [['user', 50], ['champion', 25], ['influencer', 25]],
  entry: [['user', 85], ['gatekeeper', 10], ['champion', 5]],
};

// ---------------------------------------------------------------------------------------------
// Reference data: tech stack, consent
// ---------------------------------------------------------------------------------------------

type Choice = ReadonlyArray<readonly [string | null, number]>;
interface TechProfile {
  suites: Choice;
  crm: Choice;
  clouds: Choice;
  erp: Choice;
  extras: ReadonlyArray<readonly [tag: string, probability: number, enterprise: boolean]>;
}
const CN_TECH: TechProfile = {
  suites: [['dingtalk', 40], ['wecom', 33], ['feishu', 20], ['microsoft-365', 7]],
  crm: [[null, 70], ['salesforce', 6], ['fxiaoke', 14], ['hubspot', 3], ['xiaoshouyi', 7]],
  clouds: [['aliyun', 45], ['tencent-cloud', 25], ['huawei-cloud', 18], ['aws', 7], [null, 5]],
  erp: [[null, 35], ['kingdee', 25], ['yonyou', 22], ['sap', 12], ['oracle', 6]],
  extras: [['kubernetes', 0.15, false], ['mysql', 0.3, false], ['oceanbase', 0.03, true], ['tableau', 0.05, true], ['finereport', 0.12, false], ['snowflake', 0.01, true]],
};
const INTL_TECH: TechProfile = {
  suites: [['microsoft-365', 62], ['google-workspace', 38]],
  crm: [['salesforce', 38], ['hubspot', 30], ['microsoft-dynamics', 12], [null, 20]],
  clouds: [['aws', 48], ['azure', 32], ['gcp', 14], [null, 6]],
  erp: [[null, 40], ['sap', 22], ['oracle', 14], ['netsuite', 16], ['workday', 8]],
  extras: [
    ['slack', 0.35, false], ['zoom', 0.3, false], ['kubernetes', 0.15, false], ['snowflake', 0.08, true], ['databricks', 0.05, true],
    ['servicenow', 0.06, true], ['marketo', 0.05, true], ['zendesk', 0.12, false], ['tableau', 0.08, true], ['okta', 0.1, false],
  ],
};
const TECH_INDUSTRIES = new Set(['software', 'telecom', 'financial_services']);

const CONSENT_SOURCES: Record<ConsentStatus, ReadonlyArray<string>> = {
  opt_in: ['webinar_registration', 'content_download', 'event_badge_scan', 'website_form', 'newsletter_signup'],
  legitimate_interest: ['business_card', 'crm_import', 'partner_referral', 'sales_meeting', 'trade_show'],
  unsubscribed: ['email_unsubscribe_link', 'preference_center'],
  do_not_contact: ['data_subject_request', 'sales_request'],
};
const CONSENT_FROM_MS = Date.UTC(2024, 0, 1);
const CONSENT_FROM_WEEKDAY = new Date(CONSENT_FROM_MS).getUTCDay();
const CONSENT_DAYS = Math.round((Date.UTC(2026, 9, 31) - CONSENT_FROM_MS) / 86_400_000);

// ---------------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------------

interface Plan {
  companies: number;
  seedLo: number;
  seedHi: number;
  rankKey: number;
  idKey: number;
  creditKey: number;
  segmentKeys: ReadonlyArray<number>;
  /** First rank of each segment (ascending); ranks are a keyed permutation of company indexes. */
  segmentStarts: ReadonlyArray<number>;
  contactsMin: number;
  contactsMax: number;
}

function createPlan(options: DemoOptions): Plan {
  const { companies, seed } = options;
  if (!Number.isInteger(companies) || companies < 0 || companies > DEMO_MAX_COMPANIES) {
    throw new RangeError(`companies must be an integer between 0 and ${DEMO_MAX_COMPANIES}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a safe integer');
  const contactsMin = options.contactsPerCompany?.min ?? 2;
  const contactsMax = options.contactsPerCompany?.max ?? 12;
  if (!Number.isInteger(contactsMin) || !Number.isInteger(contactsMax) || contactsMin < 0 || contactsMax < contactsMin || contactsMax > MAX_CONTACTS_PER_COMPANY) {
    throw new RangeError(`contactsPerCompany must satisfy 0 <= min <= max <= ${MAX_CONTACTS_PER_COMPANY}`);
  }
  const seedLo = seed >>> 0;
  const seedHi = Math.floor(seed / 4294967296) >>> 0;
  const key = (salt: number): number => mix32(mix32(seedLo ^ salt) ^ Math.imul(seedHi + 1, 0x9e3779b1));
  // Largest-remainder apportionment of the segment shares.
  const exact = SEGMENTS.map((segment) => segment.share * companies);
  const counts = exact.map(Math.floor);
  let missing = companies - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k++, missing--) counts[byRemainder[k % byRemainder.length][1]]++;
  const segmentStarts: number[] = [];
  let start = 0;
  for (const count of counts) {
    segmentStarts.push(start);
    start += count;
  }
  return {
    companies,
    seedLo,
    seedHi,
    rankKey: key(0x1b873593),
    idKey: key(0xcc9e2d51),
    creditKey: key(0xe6546b64),
    segmentKeys: SEGMENTS.map((_, i) => key(0x85ebca6b + i * 0x1000193)),
    segmentStarts,
    contactsMin,
    contactsMax,
  };
}

function companyRng(plan: Plan, index: number): Rng {
  const i = index >>> 0;
  return new Rng(
    mix32(i ^ mix32(plan.seedLo ^ 0xa0761d65)),
    mix32((i + 0x9e3779b9) ^ mix32(plan.seedHi ^ 0xe7037ed1)),
    mix32(Math.imul(i, 0x8ebc6af1) ^ mix32(plan.seedLo + 0x589965cc)),
    1,
  );
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

const INDUSTRIES_CN = INDUSTRY_TAXONOMY.map((industry) => [industry, INDUSTRY_WEIGHTS[industry.code]?.[0] ?? 1] as const);
const INDUSTRIES_INTL = INDUSTRY_TAXONOMY.map((industry) => [industry, INDUSTRY_WEIGHTS[industry.code]?.[1] ?? 1] as const);
const DEFAULT_WORDS: SubIndustryWords = { zh: [['科技', 'tech']], en: [['Technologies', 'tech']] };

function pickOwnership(rng: Rng, cn: boolean, sub: string, employees: number): OwnershipType {
  const big = employees >= 5000;
  const mid = employees >= 500;
  if (cn) {
    if (sub === 'government_agencies') return 'state_owned';
    if (sub === 'public_institutions') return rng.weighted([['state_owned', 75], ['nonprofit', 25]]);
    if (sub === 'higher_education' || sub === 'k12' || sub === 'hospitals') return rng.weighted([['state_owned', 45], ['nonprofit', 25], ['private', 30]]);
    if (['carriers', 'power_grid', 'oil_gas', 'banking'].includes(sub)) return rng.weighted([['state_owned', 65], ['public', 25], ['private', 10]]);
    if (sub === 'auto_oem') return rng.weighted([['joint_venture', 35], ['state_owned', 25], ['public', 20], ['private', 20]]);
    if (big) return rng.weighted([['public', 35], ['state_owned', 33], ['private', 20], ['foreign_invested', 7], ['joint_venture', 5]]);
    if (mid) return rng.weighted([['private', 58], ['public', 14], ['state_owned', 12], ['foreign_invested', 10], ['joint_venture', 6]]);
    return rng.weighted([['private', 90], ['foreign_invested', 5], ['state_owned', 3], ['joint_venture', 2]]);
  }
  if (sub === 'government_agencies' || sub === 'public_institutions') return 'nonprofit';
  if (sub === 'higher_education' || sub === 'k12' || sub === 'hospitals') return rng.weighted([['nonprofit', 65], ['private', 30], ['public', 5]]);
  if (big) return rng.weighted([['public', 65], ['private', 32], ['joint_venture', 3]]);
  if (mid) return rng.weighted([['private', 78], ['public', 18], ['joint_venture', 4]]);
  return rng.weighted([['private', 98], ['joint_venture', 2]]);
}

/** Chinese name: 城市/省 + 字号 + 行业词 + 组织形式, with the sub-industry's naming style. */
function chineseName(rng: Rng, style: ZhStyle, brand: string, word: string, city: CnCity, ownership: OwnershipType, employees: number, tier: CompanyTier): string {
  const prefix = rng.weighted([[city.city, 62], [city.namePrefix, 16], ['', 22 + (tier === 'ka' ? 40 : 0)]]);
  switch (style) {
    case 'bank':
      return word === '银行' ? `${brand}银行股份有限公司` : `${city.city}${brand}${word}股份有限公司`;
    case 'institution':
      return `${prefix || city.city}${brand}${word}`;
    case 'firm':
      return `${city.city}市${brand}${word}${word === '会计师事务所' ? rng.weighted([['（特殊普通合伙）', 60], ['（普通合伙）', 20], ['', 20]]) : ''}`;
    case 'civic':
      return `${city.city}市${word}有限公司`;
    default: {
      let legal: string;
      if (ownership === 'public') legal = '股份有限公司';
      else if (ownership === 'state_owned') legal = rng.weighted([['集团有限公司', employees >= 2000 ? 50 : 10], ['有限责任公司', 40], ['有限公司', 30]]);
      else if (ownership === 'foreign_invested') legal = rng.weighted([['（中国）有限公司', 40], ['有限公司', 60]]);
      else legal = rng.weighted([['有限公司', 78], ['有限责任公司', 10], ['股份有限公司', 8], ['集团有限公司', employees >= 2000 ? 25 : 1]]);
      return `${ownership === 'foreign_invested' && legal.startsWith('（') ? '' : prefix}${brand}${word}${legal}`;
    }
  }
}

const LEGAL_FORMS: Record<IntlCountry, { public: ReadonlyArray<string>; private: ReadonlyArray<string> }> = {
  US: { public: ['Inc.', 'Corporation', 'Corp.'], private: ['Inc.', 'LLC', 'LLC', 'Inc.'] },
  GB: { public: ['plc'], private: ['Ltd', 'Limited', 'Ltd'] },
  DE: { public: ['AG', 'SE'], private: ['GmbH', 'GmbH', 'GmbH & Co. KG'] },
  FR: { public: ['S.A.'], private: ['SAS', 'SAS', 'SARL'] },
  JP: { public: ['Corporation', 'Co., Ltd.'], private: ['Co., Ltd.', 'K.K.', 'Co., Ltd.'] },
  SG: { public: ['Limited', 'Ltd'], private: ['Pte. Ltd.'] },
  KR: { public: ['Co., Ltd.', 'Corporation'], private: ['Co., Ltd.', 'Inc.'] },
};

function internationalName(rng: Rng, country: IntlCountry, sub: string, brand: string, word: string, ownership: OwnershipType): string {
  if (ownership === 'nonprofit') return `${brand} ${word}`;
  if (sub === 'legal' && (country === 'US' || country === 'GB')) return `${brand} ${rng.pick(['& Partners LLP', 'Law LLP', 'Legal LLP'])}`;
  const forms = LEGAL_FORMS[country];
  const legal = rng.pick(ownership === 'public' ? forms.public : forms.private);
  const withWord = rng.chance(0.72);
  return withWord ? `${brand} ${word} ${legal}` : `${brand} ${legal}`;
}

function revenueBand(revenueUsd: number): RevenueBand {
  if (revenueUsd < 10e6) return '<10M';
  if (revenueUsd < 100e6) return '10M-100M';
  if (revenueUsd < 1e9) return '100M-1B';
  if (revenueUsd < 10e9) return '1B-10B';
  return '10B+';
}

function pickTechTags(rng: Rng, cn: boolean, industry: string, employees: number): string[] {
  const profile = cn ? CN_TECH : INTL_TECH;
  const tags: string[] = [];
  const scale = clamp(Math.log10(employees) / 3, 0.15, 1.4); // ~0.33 at 10 people, 1 at 1000
  const tech = TECH_INDUSTRIES.has(industry) ? 1.5 : 1;
  const add = (tag: string | null): void => {
    if (tag && !tags.includes(tag)) tags.push(tag);
  };
  if (rng.chance(0.55 + 0.3 * scale)) add(rng.weighted(profile.suites));
  if (rng.chance(0.3 + 0.4 * scale)) add(rng.weighted(profile.crm));
  if (rng.chance(0.4 + 0.35 * scale * tech)) add(rng.weighted(profile.clouds));
  if (employees >= 1000 && rng.chance(0.3)) add(rng.weighted(profile.clouds)); // multi-cloud
  if (employees >= 50 && rng.chance(0.15 + 0.5 * scale)) add(rng.weighted(profile.erp));
  for (const [tag, probability, enterprise] of profile.extras) {
    const p = probability * tech * (enterprise ? scale * scale : 0.5 + scale / 2);
    if (rng.chance(p)) add(tag);
  }
  return tags;
}

interface CompanyContext {
  cn: boolean;
  country: CountryCode;
  cnCity: CnCity | null;
  intlCity: IntlCity | null;
  domain: string;
  employees: number;
  foreignInvested: boolean;
  industrial: boolean;
}

function personName(rng: Rng, ctx: CompanyContext): { display: string; first: string; last: string; english: string | null } {
  const female = rng.chance(ctx.cn ? 0.44 : 0.42);
  if (ctx.cn) {
    const [surname, surnamePy] = rng.weighted(CN_SURNAMES);
    const pool = female ? CN_GIVEN_FEMALE : CN_GIVEN_MALE;
    const g1 = rng.pick(pool);
    const given = rng.chance(0.72) ? [g1, rng.pick(pool)] : [g1];
    const english = rng.chance(ctx.foreignInvested ? 0.45 : 0.08) ? rng.pick(CN_ENGLISH_NAMES) : null;
    return { display: surname + given.map((g) => g[0]).join(''), first: given.map((g) => g[1]).join(''), last: surnamePy, english };
  }
  const pools = rng.weighted(PERSON_POOLS[ctx.country as IntlCountry]);
  const first = rng.pick(female ? pools.female : pools.male);
  const last = rng.pick(pools.last);
  const display = ctx.country === 'SG' && pools.last.includes('Tan') && first.includes(' ') ? `${last} ${first}` : `${first} ${last}`;
  return { display, first: asciiFold(first), last: asciiFold(last), english: null };
}

type EmailPattern = (first: string, last: string, english: string | null) => string;
const EMAIL_PATTERNS_CN: ReadonlyArray<readonly [EmailPattern, number]> = [
  [(f, l) => `${l}${f}`, 28],
  [(f, l) => `${l}.${f}`, 26],
  [(f, l) => `${f}.${l}`, 14],
  [(f, l) => `${l}${f[0]}`, 8],
  [(f, l, e) => (e ? `${e}.${l}` : `${l}.${f}`), 24],
];
const EMAIL_PATTERNS_INTL: ReadonlyArray<readonly [EmailPattern, number]> = [
  [(f, l) => `${f}.${l}`, 55],
  [(f, l) => `${f[0]}${l}`, 16],
  [(f, l) => `${f[0]}.${l}`, 9],
  [(f, l) => `${f}${l[0]}`, 6],
  [(f, l) => `${f}_${l}`, 4],
  [(f) => f, 3],
  [(f, l) => `${l}.${f}`, 7],
];

function consentTimestamp(rng: Rng, ctx: CompanyContext): string {
  const [fromHour, toHour] = ctx.cn ? [1, 10] : INTL[ctx.country as IntlCountry].businessHoursUtc;
  let day = rng.int(0, CONSENT_DAYS);
  const weekday = (CONSENT_FROM_WEEKDAY + day) % 7; // 0 = Sunday
  if ((weekday === 0 || weekday === 6) && rng.chance(0.85)) day += weekday === 6 ? 2 : 1;
  if (day > CONSENT_DAYS) day -= 3;
  const ms = CONSENT_FROM_MS + day * 86_400_000 + rng.int(fromHour * 3600, toHour * 3600 - 1) * 1000 + rng.int(0, 999);
  return new Date(ms).toISOString();
}

function buildContacts(plan: Plan, rng: Rng, company: DemoCompanyRow, ctx: CompanyContext, indexKey: number, slotMask: number): DemoContactRow[] {
  const span = plan.contactsMax - plan.contactsMin + 1;
  // Skewed towards small counts; larger companies get more known contacts.
  const u = rng.float() ** (ctx.employees >= 1000 ? 0.9 : ctx.employees >= 200 ? 1.5 : 2.2);
  const count = plan.contactsMin + Math.min(span - 1, Math.floor(u * span));
  const contacts: DemoContactRow[] = [];
  const usedLocals = new Set<string>();
  const usedTopTitles = new Set<string>();
  const patterns = ctx.cn ? EMAIL_PATTERNS_CN : EMAIL_PATTERNS_INTL;
  const housePattern = rng.weighted(patterns);
  const eu = ctx.country === 'DE' || ctx.country === 'FR' || ctx.country === 'GB';
  for (let k = 0; k < count; k++) {
    const person = personName(rng, ctx);
    const department = rng.weighted(ctx.industrial ? DEPARTMENT_WEIGHTS_INDUSTRIAL : DEPARTMENT_WEIGHTS);
    let seniority = rng.weighted(ctx.employees < 50 ? SENIORITY_WEIGHTS_SMALL : SENIORITY_WEIGHTS);
    // Walk down to the nearest seniority the department has titles for.
    let level = SENIORITY_ORDER.indexOf(seniority);
    while (!department.titles[SENIORITY_ORDER[level]]) level = (level + 1) % SENIORITY_ORDER.length;
    seniority = SENIORITY_ORDER[level];
    let title = rng.pick(department.titles[seniority]!);
    if (seniority === 'c_level' || seniority === 'vp') {
      // One CEO, one CIO …: a taken top title falls back to the department's director.
      if (usedTopTitles.has(title[1])) {
        seniority = 'director';
        title = rng.pick(department.titles.director!);
      }
      usedTopTitles.add(title[1]);
    }
    let buyingRole = rng.weighted(BUYING_ROLES[seniority]);
    if (department.en === 'Procurement' && seniority !== 'c_level' && rng.chance(0.5)) buyingRole = 'gatekeeper';
    if (department.en === 'Executive Office' && (seniority === 'entry' || seniority === 'senior' || seniority === 'manager')) buyingRole = 'gatekeeper';

    const pattern = rng.chance(0.85) ? housePattern : rng.weighted(patterns);
    const wantedLocal = pattern(person.first, person.last, person.english);
    let local = wantedLocal;
    for (let n = 2; usedLocals.has(local); n++) local = `${wantedLocal}${n}`;
    usedLocals.add(local);

    let phone: string | null = null;
    if (rng.chance(ctx.cn ? 0.88 : 0.72)) {
      phone = ctx.cn ? cnPhone(rng, ctx.cnCity!, rng.chance(0.72)) : intlPhone(rng, ctx.country as IntlCountry, ctx.intlCity!);
    }
    const consent = rng.weighted<ConsentStatus>([
      ['opt_in', eu ? 56 : ctx.cn ? 42 : 36],
      ['legitimate_interest', eu ? 40 : ctx.cn ? 54 : 60],
      ['unsubscribed', 3],
      ['do_not_contact', 1],
    ]);
    contacts.push({
      id: demoUuid(indexKey, k + 1, slotMask, rng),
      companyId: company.id,
      name: person.display,
      email: `${local}@${ctx.domain}`,
      phone,
      title: ctx.cn ? title[0] : title[1],
      department: ctx.cn ? department.zh : department.en,
      seniority,
      buyingRole,
      locale: ctx.cn ? 'zh-CN' : 'en',
      consent,
      consentSource: rng.pick(CONSENT_SOURCES[consent]),
      consentAt: consentTimestamp(rng, ctx),
    });
  }
  return contacts;
}

function buildCompany(plan: Plan, index: number): { company: DemoCompanyRow; contacts: DemoContactRow[] } {
  const rng = companyRng(plan, index);
  // Segment (country) and the company's unique slot in the segment's brand/domain space.
  const rank = permute(index, plan.companies, plan.rankKey);
  let s = SEGMENTS.length - 1;
  while (rank < plan.segmentStarts[s]) s--;
  const segment = SEGMENTS[s];
  const dense = rank - plan.segmentStarts[s];
  const space = segment.stems.size * segment.shapes.length;
  const slot = permute(dense % space, space, plan.segmentKeys[s]);
  const round = Math.floor(dense / space);
  const stem = slot % segment.stems.size;
  const shape = segment.shapes[Math.floor(slot / segment.stems.size)];
  const cn = segment.country === 'CN';
  const country = segment.country;

  const indexKey = mix32((index ^ plan.idKey) >>> 0);
  const slotMask = rng.u32() & 0xffff;
  const id = demoUuid(indexKey, 0, slotMask, rng);

  const industry = rng.weighted(cn ? INDUSTRIES_CN : INDUSTRIES_INTL);
  const sub = rng.pick(industry.subIndustries).code;
  const words = SUB_INDUSTRY_WORDS[sub] ?? DEFAULT_WORDS;

  const cnCity = cn ? rng.weighted(CN_CITY_WEIGHTS) : null;
  const intlCity = cn ? null : rng.weighted(INTL_CITY_WEIGHTS[country as IntlCountry]);

  // Size: log-normal around ~90 people, scaled per sub-industry.
  const rawEmployees = Math.exp(Math.log(90) + 0.8 * Math.log(words.size ?? 1) + 1.5 * rng.normal());
  const minEmployees = words.minEmployees ?? 3;
  // Below the floor, fold back above it (keeps a smooth, log-normal-ish tail instead of a spike at the floor).
  const employees = Math.round(clamp(rawEmployees < minEmployees ? minEmployees * (1 + rng.float() * 2) : rawEmployees, 3, 380_000));
  const ownership = pickOwnership(rng, cn, sub, employees);
  const sizeScore = Math.log(employees) + 0.45 * rng.normal() + (ownership === 'public' || ownership === 'state_owned' ? 0.3 : 0);
  const tier: CompanyTier = sizeScore > Math.log(2100) ? 'ka' : sizeScore > Math.log(330) ? 'growth' : 'standard';
  const revenue = employees * 160_000 * (words.productivity ?? 1) * (cn ? 0.55 : 1) * Math.exp(0.6 * rng.normal());

  let age = Math.exp(Math.log(13) + 0.65 * rng.normal()) + Math.max(0, Math.log(employees / 500)) * 6 + (ownership === 'state_owned' ? 12 : 0);
  if (sub === 'saas' || sub === 'data_ai' || sub === 'ev_battery' || sub === 'edtech' || sub === 'fintech') age *= 0.5;
  let foundedYear = Math.round(clamp(2023 - age, 1950, 2023));
  if (cn && ownership !== 'state_owned' && foundedYear < 1984) foundedYear = 1984 + rng.int(0, 14); // private firms came with the reforms

  // Names and domain.
  const localWords = cn ? null : LOCAL_WORDS[country as IntlCountry]?.[sub];
  const [label, domainWord] = rng.pick(cn ? words.zh : localWords && rng.chance(0.7) ? localWords : words.en);
  const brand = segment.stems.display(stem, round, rng);
  const name = cn
    ? chineseName(rng, words.zhStyle ?? 'standard', brand, label, cnCity!, ownership, employees, tier)
    : internationalName(rng, country as IntlCountry, sub, brand, label, ownership);
  const domain = shape(segment.stems.base(stem, round), domainWord);

  let creditCode: string | null = null;
  if (cn) {
    const style = words.zhStyle;
    // Registration authority + category: 91 enterprise (municipal SOEs included), 12 public institution (事业单位),
    // 52 private non-enterprise unit (民办非企业), 31 law firm (judicial administration; accounting firms register as 91).
    const prefix = style === 'institution' ? (ownership === 'state_owned' ? '12' : '52') : label === '律师事务所' ? '31' : ownership === 'nonprofit' ? '52' : '91';
    creditCode = creditCodeFor(index, plan.creditKey, prefix, rng.pick(cnCity!.districts), foundedYear >= 2016);
  }

  let salesOwner: number;
  if (cn) salesOwner = tier === 'ka' && rng.chance(0.8) ? OWNER_CN_KA : cnCity!.owner;
  else salesOwner = country === 'US' ? OWNER_AMERICAS : OWNER_INTL;

  const company: DemoCompanyRow = {
    id,
    name,
    normalizedName: normalizeCompanyName(name),
    domain,
    creditCode,
    industry: industry.code,
    subIndustry: sub,
    employees,
    employeeBand: employeeBand(employees),
    revenueBand: revenueBand(revenue),
    country,
    province: cn ? cnCity!.province : intlCity!.province,
    city: cn ? cnCity!.city : intlCity!.city,
    ownership,
    foundedYear,
    techTags: pickTechTags(rng, cn, industry.code, employees),
    tier,
    salesOwnerEmail: DEMO_SALES_OWNERS[salesOwner].email,
  };
  const ctx: CompanyContext = { cn, country, cnCity, intlCity, domain, employees, foreignInvested: ownership === 'foreign_invested' || ownership === 'joint_venture', industrial: INDUSTRIAL_INDUSTRIES.has(industry.code) || INDUSTRIAL_SUB_INDUSTRIES.has(sub) };
  return { company, contacts: buildContacts(plan, rng, company, ctx, indexKey, slotMask) };
}

/**
 * Streams `options.companies` demo companies with their contacts. Every row is derived from
 * (seed, index) only, so the generator holds constant memory and the same options always produce
 * the same rows.
 */
export function* generateDemoCompanies(options: DemoOptions): Generator<{ company: DemoCompanyRow; contacts: DemoContactRow[] }> {
  const plan = createPlan(options);
  for (let index = 0; index < plan.companies; index++) yield buildCompany(plan, index);
}
