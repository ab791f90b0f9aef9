/**
 * Phone numbers to E.164, without a phone-number library: explicit rules for mainland China (where
 * most of our contacts are) and a general path for anything written with `+` or `00` and a country
 * calling code.
 *
 * China (+86): mobiles are 1[3-9] + 9 digits; landlines are an area code (10 and 2x with 8-digit
 * local numbers; three-digit codes 3xx–9xx with 7- or 8-digit local numbers) written with a trunk
 * `0` nationally; 400/800 service numbers are 10 digits and come back as kind `unknown`.
 * Elsewhere: the calling code must exist (ITU list below) and the whole number must have 8–15 digits;
 * kind is `mobile` where a small per-country prefix rule says so, `unknown` otherwise.
 *
 * Spreadsheet artefacts handled: full-width digits, `'` and `="…"` text markers, a trailing `.0`
 * (a number column read as float), numeric cells from XLSX readers, a lost `+` (`8613800138000`),
 * scientific notation — accepted only when every digit survived (`1.3800138001E+10`), otherwise
 * rejected as phone.excel_precision_lost: `8.6138E+12` has lost digits that cannot be guessed.
 */
import { failures, foldWidth, hasNonAscii, isPlaceholder, unwrapSpreadsheetText } from './text';

export const PHONE_PROBLEMS = [
  'phone.empty',
  'phone.too_short',
  'phone.too_long',
  'phone.invalid_characters',
  'phone.multiple_numbers',
  'phone.excel_precision_lost',
  'phone.unknown_country_code',
  'phone.missing_country_code',
  'phone.missing_area_code',
  'phone.invalid_number',
] as const;
export type PhoneProblem = (typeof PHONE_PROBLEMS)[number];
export type PhoneKind = 'mobile' | 'landline' | 'unknown';

export type PhoneResult =
  | { readonly ok: true; readonly e164: string; readonly kind: PhoneKind; readonly extension?: string }
  | { readonly ok: false; readonly reason: PhoneProblem };

const FAIL = failures(PHONE_PROBLEMS);

/**
 * ITU-T E.164 country calling codes by ISO 3166-1 alpha-2 (shared codes appear once per country),
 * plus the non-geographic codes (international freephone, satellite, networks) under `-`.
 */
const CALLING_CODES_BY_COUNTRY =
  '1:US,CA,AG,AI,AS,BB,BM,BS,DM,DO,GD,GU,JM,KN,KY,LC,MP,MS,PR,SX,TC,TT,VC,VG,VI;7:RU,KZ;20:EG;27:ZA;30:GR;31:NL;' +
  '32:BE;33:FR;34:ES;36:HU;39:IT,VA;40:RO;41:CH;43:AT;44:GB,GG,IM,JE;45:DK;46:SE;47:NO,SJ;48:PL;49:DE;51:PE;' +
  '52:MX;53:CU;54:AR;55:BR;56:CL;57:CO;58:VE;60:MY;61:AU,CX,CC;62:ID;63:PH;64:NZ;65:SG;66:TH;81:JP;82:KR;84:VN;' +
  '86:CN;90:TR;91:IN;92:PK;93:AF;94:LK;95:MM;98:IR;211:SS;212:MA,EH;213:DZ;216:TN;218:LY;220:GM;221:SN;222:MR;' +
  '223:ML;224:GN;225:CI;226:BF;227:NE;228:TG;229:BJ;230:MU;231:LR;232:SL;233:GH;234:NG;235:TD;236:CF;237:CM;' +
  '238:CV;239:ST;240:GQ;241:GA;242:CG;243:CD;244:AO;245:GW;246:IO;247:AC;248:SC;249:SD;250:RW;251:ET;252:SO;' +
  '253:DJ;254:KE;255:TZ;256:UG;257:BI;258:MZ;260:ZM;261:MG;262:RE,YT;263:ZW;264:NA;265:MW;266:LS;267:BW;268:SZ;' +
  '269:KM;290:SH,TA;291:ER;297:AW;298:FO;299:GL;350:GI;351:PT;352:LU;353:IE;354:IS;355:AL;356:MT;357:CY;358:FI,AX;' +
  '359:BG;370:LT;371:LV;372:EE;373:MD;374:AM;375:BY;376:AD;377:MC;378:SM;380:UA;381:RS;382:ME;383:XK;385:HR;' +
  '386:SI;387:BA;389:MK;420:CZ;421:SK;423:LI;500:FK;501:BZ;502:GT;503:SV;504:HN;505:NI;506:CR;507:PA;508:PM;' +
  '509:HT;590:GP,BL,MF;591:BO;592:GY;593:EC;594:GF;595:PY;596:MQ;597:SR;598:UY;599:CW,BQ;670:TL;672:NF;673:BN;' +
  '674:NR;675:PG;676:TO;677:SB;678:VU;679:FJ;680:PW;681:WF;682:CK;683:NU;685:WS;686:KI;687:NC;688:TV;689:PF;' +
  '690:TK;691:FM;692:MH;850:KP;852:HK;853:MO;855:KH;856:LA;880:BD;886:TW;960:MV;961:LB;962:JO;963:SY;964:IQ;' +
  '965:KW;966:SA;967:YE;968:OM;970:PS;971:AE;972:IL;973:BH;974:QA;975:BT;976:MN;977:NP;992:TJ;993:TM;994:AZ;' +
  '995:GE;996:KG;998:UZ;800:-;808:-;870:-;881:-;882:-;883:-;888:-;979:-';

const CALLING_CODE_OF_COUNTRY: ReadonlyMap<string, string> = new Map(
  CALLING_CODES_BY_COUNTRY.split(';').flatMap((entry) => {
    const [code, countries] = entry.split(':');
    return countries.split(',').flatMap((country) => (country === '-' ? [] : [[country, code] as const]));
  }),
);
const CALLING_CODES: ReadonlySet<string> = new Set(CALLING_CODES_BY_COUNTRY.split(';').map((entry) => entry.split(':')[0]));

/** The country calling code of an ISO 3166-1 alpha-2 country (`CN` → `86`), or undefined. */
export function callingCodeOf(country: string): string | undefined {
  return CALLING_CODE_OF_COUNTRY.get(country.toUpperCase());
}

/**
 * Mobile ranges of the national significant number for the countries our contacts come from. A number
 * outside them is `unknown` (not `landline`): the rule only claims what it knows.
 */
const MOBILE_NSN: ReadonlyMap<string, RegExp> = new Map([
  ['7', /^9\d{9}$/],
  ['33', /^[67]\d{8}$/],
  ['44', /^7\d{9}$/],
  ['49', /^1[5-7]\d{8,9}$/],
  ['61', /^4\d{8}$/],
  ['65', /^[89]\d{7}$/],
  ['81', /^[789]0\d{8}$/],
  ['82', /^1[016-9]\d{7,8}$/],
  ['91', /^[6-9]\d{9}$/],
  ['852', /^[4-9]\d{7}$/],
  ['853', /^6\d{7}$/],
  ['886', /^9\d{8}$/],
]);

const MAX_PHONE_INPUT = 100;
const MIN_E164_DIGITS = 8;
const MAX_E164_DIGITS = 15;

const ALL_ZEROS_RE = /^0+$/;
const DIGITS_ONLY_RE = /^\+?\d+$/;
const EXCEL_DECIMAL_RE = /^\+?\d+\.0+$/;
const SCIENTIFIC_RE = /^(\+?)(\d)(?:\.(\d+))?e\+?(\d{1,2})$/i;
const URI_OR_LABEL_RE =
  /^(?:tel:|(?:tel(?:ephone)?|phone|mobile|mob|cell|office|work|[mtp]|手机号码|手机号|手机|联系电话|办公电话|电话|座机|固话)\s*[:.]?\s*)/i;
// An explicit extension at the end: 转 8001, ext. 8001, x8001, #8001, ;ext=8001 (RFC 3966), ,8001 (dial pause).
const EXTENSION_RE = /\s*(?:;\s*ext=|(?:ext(?:ension)?|extn|x|转|轉|分机号|分机|分機|内线)\s*[.:#]?|#|,)\s*(\d{1,6})$/i;
const ALTERNATIVES_RE = /[,;/|、]|或|\bor\b/i;
const ALTERNATIVES_SPLIT_RE = /[,;/|、]|或|\bor\b/gi;
const REMARK_RE = /\([^()\d]*[^()\d\s+][^()\d]*\)/g;
const TRUNK_IN_PARENS_RE = /\(0\)/g;
const ALLOWED_RE = /^[+\d\s().\-/]+$/;
const DIGIT_GROUP_RE = /\d{7,}/;
const NON_DIGITS_RE = /\D/g;

const CN_MOBILE_RE = /^1[3-9]\d{9}$/;
const E164_CN_MOBILE_RE = /^\+861[3-9]\d{9}$/;
const CN_SERVICE_RE = /^[48]00\d{7}$/;
const NANP_NSN_RE = /^[2-9]\d{2}[2-9]\d{6}$/;

type Parsed = { readonly ok: true; readonly e164: string; readonly kind: PhoneKind; readonly extension?: string };

function success(e164: string, kind: PhoneKind, extension: string | null): Parsed {
  return extension === null ? { ok: true, e164, kind } : { ok: true, e164, kind, extension };
}

/**
 * Normalizes one phone number to E.164. `defaultCountry` (ISO alpha-2, `CN` unless given; null for
 * none) applies to numbers written without `+`/`00`. Never throws; failures carry a stable reason.
 * Examples: `＋８６ １３８ ００１３ ８０００` → +8613800138000 mobile;
 * `(010) 6552-9988 转 8001` → +861065529988 landline, extension 8001.
 */
export function normalizePhone(raw: string | number, defaultCountry: string | null = 'CN'): PhoneResult {
  let s: string;
  if (typeof raw === 'number') {
    // A numeric XLSX cell: exact as long as it is an integer below 2^53 (every E.164 number is).
    if (!Number.isInteger(raw) || raw <= 0) return FAIL['phone.invalid_number'];
    if (raw >= 1e16) return FAIL['phone.too_long'];
    s = String(raw);
  } else if (typeof raw !== 'string') {
    return FAIL['phone.empty'];
  } else {
    if (raw.length > MAX_PHONE_INPUT) return FAIL['phone.too_long'];
    s = raw;
    if (hasNonAscii(s)) s = foldWidth(s);
    s = s.trim();
  }
  if (s.length === 0 || isPlaceholder(s) || ALL_ZEROS_RE.test(s)) return FAIL['phone.empty'];

  // Fast paths: already E.164 for a Chinese mobile, or a bare Chinese mobile; then any plain run of digits.
  if (s.length === 14 && E164_CN_MOBILE_RE.test(s)) return { ok: true, e164: s, kind: 'mobile' };
  if (s.length === 11 && defaultCountry === 'CN' && CN_MOBILE_RE.test(s)) return { ok: true, e164: `+86${s}`, kind: 'mobile' };
  if (DIGITS_ONLY_RE.test(s)) return fromDigits(s, null, -1, defaultCountry);

  s = unwrapSpreadsheetText(s);
  if (EXCEL_DECIMAL_RE.test(s)) return fromDigits(s.slice(0, s.indexOf('.')), null, -1, defaultCountry);
  const scientific = SCIENTIFIC_RE.exec(s);
  if (scientific !== null) {
    const [, plus, lead, fraction = '', exponent] = scientific;
    // Fewer digits than the exponent: Excel rounded them away. More: not an integer, not a phone number.
    if (fraction.length < Number(exponent)) return FAIL['phone.excel_precision_lost'];
    if (fraction.length > Number(exponent)) return FAIL['phone.invalid_number'];
    return fromDigits(plus + lead + fraction, null, -1, defaultCountry);
  }

  s = s.replace(URI_OR_LABEL_RE, '');
  // '138 0013 8000（微信同号）', '(office)': a remark in brackets, without digits.
  if (s.includes('(')) s = s.replace(REMARK_RE, ' ').trim();
  let extension: string | null = null;
  const ext = EXTENSION_RE.exec(s);
  if (ext !== null) {
    extension = ext[1];
    s = s.slice(0, ext.index);
  }
  if (ALTERNATIVES_RE.test(s)) {
    // '13800138000 / 13900139000', '138…；139…': two numbers in one cell. A lone separator inside one
    // number ('030/1234567') is only formatting.
    let numbers = 0;
    for (const part of s.split(ALTERNATIVES_SPLIT_RE)) if (DIGIT_GROUP_RE.test(part.replace(NON_DIGITS_RE, ''))) numbers++;
    if (numbers > 1) return FAIL['phone.multiple_numbers'];
    s = s.replace(ALTERNATIVES_SPLIT_RE, ' ');
  }
  if (s.includes('(0)')) s = s.replace(TRUNK_IN_PARENS_RE, '');
  if (!ALLOWED_RE.test(s)) return FAIL['phone.invalid_characters'];

  // Digits, and where the last digit group starts (a trailing '-8001' may be an extension).
  let digits = '';
  let lastGroupStart = -1;
  let plus = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits.length > 0 && (i === 0 || !isDigitCode(s.charCodeAt(i - 1)))) lastGroupStart = digits.length;
      digits += s[i];
    } else if (c === 0x2b /* + */) {
      if (digits.length > 0 || plus) return FAIL['phone.invalid_characters'];
      plus = true;
    }
  }
  if (digits.length === 0) return FAIL['phone.empty'];
  return fromDigits(plus ? `+${digits}` : digits, extension, plus ? lastGroupStart + 1 : lastGroupStart, defaultCountry);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * `number` is digits with an optional leading '+'. `lastGroupStart` indexes `number` where its last
 * digit group begins (-1 when written as one group).
 */
function fromDigits(number: string, extension: string | null, lastGroupStart: number, defaultCountry: string | null): PhoneResult {
  if (number.length > MAX_E164_DIGITS + 8) return FAIL['phone.too_long'];
  let international = false;
  let start = 0;
  if (number.charCodeAt(0) === 0x2b) {
    international = true;
    start = 1;
    // '+0086…' is seen too.
    if (number.startsWith('00', 1)) start = 3;
  } else if (number.startsWith('00')) {
    international = true;
    start = 2;
  }
  const groupAt = lastGroupStart > start ? lastGroupStart - start : -1;
  const digits = start === 0 ? number : number.slice(start);

  if (international) return fromInternational(digits, extension, groupAt);

  if (defaultCountry === null) return FAIL['phone.missing_country_code'];
  const code = callingCodeOf(defaultCountry);
  if (code === undefined) return FAIL['phone.unknown_country_code'];
  if (code === '86') return fromChinaNational(digits, extension, groupAt);
  return fromOtherNational(code, digits, extension);
}

function fromInternational(digits: string, extension: string | null, groupAt: number): PhoneResult {
  let code: string | null = null;
  for (let length = 1; length <= 3 && length < digits.length; length++) {
    const candidate = digits.slice(0, length);
    if (CALLING_CODES.has(candidate)) {
      code = candidate;
      break;
    }
  }
  if (code === null) return FAIL[digits.length < 4 ? 'phone.too_short' : 'phone.unknown_country_code'];
  let nsn = digits.slice(code.length);
  // The national trunk 0 written after the country code ('+44 020…', '+86 010…'); Italy keeps its 0.
  if (nsn.charCodeAt(0) === 0x30 && code !== '39') nsn = nsn.slice(1);
  const nsnGroupAt = groupAt > 0 ? groupAt - (digits.length - nsn.length) : -1;
  if (code === '86') return fromChinaNsn(nsn, extension, nsnGroupAt);
  return fromOtherNsn(code, nsn, extension);
}

/** China, written nationally: trunk 0 + area code, a mobile, a service number, or +86 with the '+' lost. */
function fromChinaNational(digits: string, extension: string | null, groupAt: number): PhoneResult {
  const first = digits.charCodeAt(0);
  if (first === 0x30 /* 0 */) return fromChinaNsn(digits.slice(1), extension, groupAt - 1);
  // No national number starts with 86 and has 12+ digits: the '+' of +86 was lost (Excel).
  if (first === 0x38 && digits.charCodeAt(1) === 0x36 && digits.length >= 12) return fromChinaNsn(digits.slice(2), extension, groupAt - 2);
  // Nationally a leading 1 is a mobile; '10…' without its 0 is more likely a mistyped mobile than Beijing.
  if (first === 0x31 /* 1 */) {
    if (CN_MOBILE_RE.test(digits)) return success(`+86${digits}`, 'mobile', extension);
    return FAIL[digits.length < 11 ? 'phone.too_short' : digits.length > 11 ? 'phone.too_long' : 'phone.invalid_number'];
  }
  if (CN_SERVICE_RE.test(digits)) return success(`+86${digits}`, 'unknown', extension);
  if (digits.length >= 7 && digits.length <= 8 && first >= 0x32) return FAIL['phone.missing_area_code'];
  return FAIL[digits.length < 7 ? 'phone.too_short' : digits.length > 11 ? 'phone.too_long' : 'phone.invalid_number'];
}

/** A Chinese national significant number (no trunk 0); a trailing digit group may be an extension. */
function fromChinaNsn(nsn: string, extension: string | null, groupAt: number): PhoneResult {
  if (CN_MOBILE_RE.test(nsn)) return success(`+86${nsn}`, 'mobile', extension);
  if (CN_SERVICE_RE.test(nsn)) return success(`+86${nsn}`, 'unknown', extension);
  if (isChinaLandline(nsn, nsn.length)) return success(`+86${nsn}`, 'landline', extension);
  // '0755-86013388-8001': digits after a complete landline, in their own group, are an extension.
  if (extension === null && groupAt > 0 && nsn.length - groupAt <= 6 && isChinaLandline(nsn, groupAt)) {
    return success(`+86${nsn.slice(0, groupAt)}`, 'landline', nsn.slice(groupAt));
  }
  // Every Chinese national significant number has 10 (landline, service) or 11 (mobile, landline) digits.
  return FAIL[nsn.length < 10 ? 'phone.too_short' : nsn.length > 11 ? 'phone.too_long' : 'phone.invalid_number'];
}

/**
 * Whether the first `length` digits of `nsn` are a landline: area code without trunk 0 (10 and 2x take
 * 8-digit local numbers, the three-digit areas 3xx–9xx 7 or 8 digits), local number starting with 2–9.
 */
function isChinaLandline(nsn: string, length: number): boolean {
  const a = nsn.charCodeAt(0);
  let areaLength: number;
  if ((a === 0x31 && nsn.charCodeAt(1) === 0x30) || a === 0x32) areaLength = 2;
  else if (a >= 0x33 && a <= 0x39) areaLength = 3;
  else return false;
  const localLength = length - areaLength;
  if (localLength !== 8 && !(localLength === 7 && areaLength === 3)) return false;
  const localFirst = nsn.charCodeAt(areaLength);
  return localFirst >= 0x32 && localFirst <= 0x39;
}

function fromOtherNational(code: string, digits: string, extension: string | null): PhoneResult {
  let nsn = digits;
  if (code === '1') {
    if (nsn.length === 11 && nsn.charCodeAt(0) === 0x31) nsn = nsn.slice(1);
  } else if (code === '7') {
    if (nsn.length === 11 && (nsn.charCodeAt(0) === 0x38 || nsn.charCodeAt(0) === 0x37)) nsn = nsn.slice(1);
  } else if (nsn.charCodeAt(0) === 0x30) {
    if (code !== '39') nsn = nsn.slice(1);
  } else if (nsn.startsWith(code) && nsn.length - code.length >= 6) {
    // Written internationally with the '+' lost (national numbers of these countries start with 0).
    nsn = nsn.slice(code.length);
  }
  return fromOtherNsn(code, nsn, extension);
}

function fromOtherNsn(code: string, nsn: string, extension: string | null): PhoneResult {
  const total = code.length + nsn.length;
  if (nsn.length < 4 || total < MIN_E164_DIGITS) return FAIL['phone.too_short'];
  if (total > MAX_E164_DIGITS) return FAIL['phone.too_long'];
  if (code === '1' && !NANP_NSN_RE.test(nsn)) return FAIL['phone.invalid_number'];
  const mobile = MOBILE_NSN.get(code);
  return success(`+${code}${nsn}`, mobile !== undefined && mobile.test(nsn) ? 'mobile' : 'unknown', extension);
}
