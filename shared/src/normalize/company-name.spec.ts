import { normalizeCompanyName } from './company-name';

describe('normalizeCompanyName', () => {
  // The demo generator's table: the key must not change for data it already produced.
  describe('compatible with the demo generator', () => {
    it.each([
      ['华为技术有限公司', '华为技术'],
      ['华为技术', '华为技术'],
      ['ACME Co., Ltd.', 'acme'],
      ['ACME', 'acme'],
      ['Acme Inc.', 'acme'],
      ['Acme, Inc', 'acme'],
      ['Acme LLC', 'acme'],
      ['Acme Corporation', 'acme'],
      ['Acme Corp.', 'acme'],
      ['Acme Limited', 'acme'],
      ['Acme PLC', 'acme'],
      ['Acme Pte. Ltd.', 'acme'],
      ['Nordwerk GmbH', 'nordwerk'],
      ['Nordwerk GmbH & Co. KG', 'nordwerk'],
      ['Siemens AG', 'siemens'],
      ['Lumière S.A.', 'lumière'],
      ['Kitamura Seiki K.K.', 'kitamuraseiki'],
      ['株式会社日立製作所', '日立製作所'],
      ['ＡＣＭＥ　Ｃｏ．，Ｌｔｄ．', 'acme'],
      ['阿里巴巴集团控股有限公司', '阿里巴巴'],
      ['杭州云帆智能科技股份有限公司', '杭州云帆智能科技'],
      ['杭州云帆智能科技有限责任公司', '杭州云帆智能科技'],
      ['云帆智能科技（中国）有限公司', '云帆智能科技中国'],
      ['  Blue-Peak   Analytics, Inc. ', 'bluepeakanalytics'],
      ['Wise', 'wise'],
      ['Mesa Labs', 'mesalabs'],
      ['Limited', 'limited'],
    ])('%j → %s', (input, expected) => {
      expect(normalizeCompanyName(input)).toBe(expected);
    });
  });

  describe('Chinese names', () => {
    it.each([
      ['city prefix is kept', '深圳市腾讯计算机系统有限公司', '深圳市腾讯计算机系统'],
      ['province prefix is kept', '浙江云帆科技有限公司', '浙江云帆科技'],
      ['group + company', '海尔集团公司', '海尔'],
      ['group limited company', '中国石油天然气集团有限公司', '中国石油天然气'],
      ['(集团) form', '红星美凯龙家居（集团）股份有限公司', '红星美凯龙家居'],
      ['joint-stock, bank', '中国银行股份有限公司', '中国银行'],
      ['traditional characters', '台灣積體電路製造股份有限公司', '台灣積體電路製造'],
      ['责任有限公司 word order', '云帆科技责任有限公司', '云帆科技'],
      ['head office', '中国东方航空集团总公司', '中国东方航空'],
      ['special general partnership', '上海云帆会计师事务所（特殊普通合伙）', '上海云帆会计师事务所'],
      ['limited partnership fund', '宁波云帆股权投资合伙企业（有限合伙）', '宁波云帆股权投资'],
      ['spaces between characters', '上海 华为 技术 有限 公司', '上海华为技术'],
      ['lenticular brackets', '【华为】技术有限公司', '华为技术'],
      ['middle dot', '东方·希望集团有限公司', '东方希望'],
      ['full-width brackets keep their content', '苹果电脑贸易（上海）有限公司', '苹果电脑贸易上海'],
      ['Latin brand with Chinese form', 'ＡＢＢ（中国）有限公司', 'abb中国'],
      ['Japanese suffix', 'トヨタ自動車株式会社', 'トヨタ自動車'],
      ['Japanese ㈱ prefix', '㈱日立製作所', '日立製作所'],
      ['Korean suffix', '삼성전자 주식회사', '삼성전자'],
      ['Korean (주) prefix', '(주)카카오', '카카오'],
      ['zero-width space', '华为\u200b技术有限公司', '华为技术'],
    ])('%s: %j → %s', (_case, input, expected) => {
      expect(normalizeCompanyName(input)).toBe(expected);
    });
  });

  describe('branches stay distinct from their head office', () => {
    it.each([
      ['form before the branch', '华为技术有限公司北京分公司', '华为技术北京分公司'],
      ['no form', '华为技术北京分公司', '华为技术北京分公司'],
      ['branch in brackets', '华为技术有限公司（北京分公司）', '华为技术北京分公司'],
      ['bank branch', '招商银行股份有限公司深圳分行', '招商银行深圳分行'],
      ['sub-branch', '中国银行股份有限公司北京海淀支行', '中国银行北京海淀支行'],
      ['group before the branch', '阿里巴巴集团控股有限公司杭州分公司', '阿里巴巴杭州分公司'],
      ['representative office', '西门子股份公司北京代表处', '西门子北京代表处'],
      ['English branch', 'ACME Co., Ltd. Shanghai Branch', 'acmeshanghaibranch'],
      ['English branch without form', 'ACME Shanghai Branch', 'acmeshanghaibranch'],
    ])('%s: %j → %s', (_case, input, expected) => {
      expect(normalizeCompanyName(input)).toBe(expected);
    });

    it('does not merge a branch into its head office', () => {
      expect(normalizeCompanyName('华为技术有限公司北京分公司')).not.toBe(normalizeCompanyName('华为技术有限公司'));
    });
  });

  describe('other legal forms', () => {
    it.each([
      ['The … Company', 'The Boeing Company', 'boeing'],
      ['Indonesian PT … Tbk', 'PT Telkom Indonesia Tbk', 'telkomindonesia'],
      ['Brazilian S.A.', 'Petróleo Brasileiro S.A.', 'petróleobrasileiro'],
      ['Mexican S.A.B. de C.V.', 'Grupo Bimbo S.A.B. de C.V.', 'grupobimbo'],
      ['Polish sp. z o.o.', 'Orlen Sp. z o.o.', 'orlen'],
      ['Czech a.s.', 'Škoda Auto a.s.', 'škodaauto'],
      ['Czech s.r.o.', 'Acme s.r.o.', 'acme'],
      ['Finnish Oyj', 'Nokia Oyj', 'nokia'],
      ['Norwegian ASA', 'Equinor ASA', 'equinor'],
      ['Danish A/S', 'Maersk A/S', 'maersk'],
      ['Australian Pty Ltd', 'Acme Pty Ltd', 'acme'],
      ['Indian Pvt. Ltd.', 'Acme Pvt. Ltd.', 'acme'],
      ['Malaysian Sdn. Bhd.', 'Acme Sdn. Bhd.', 'acme'],
      ['Italian S.r.l.', 'Acme S.r.l.', 'acme'],
      ['Italian S.p.A.', 'Acme S.p.A.', 'acme'],
      ['Dutch B.V.', 'Acme B.V.', 'acme'],
      ['Dutch N.V.', 'Acme N.V.', 'acme'],
      ['French SAS', 'Acme SAS', 'acme'],
      ['French SARL', 'Acme SARL', 'acme'],
      ['Japanese G.K.', 'Acme G.K.', 'acme'],
      ['L.L.C. with dots', 'Acme L.L.C.', 'acme'],
      ['LLP', 'Acme & Partners LLP', 'acmepartners'],
      ['Limited Liability Company', 'Acme Limited Liability Company', 'acme'],
      ['Incorporated', 'Acme Incorporated', 'acme'],
      ['Holdings Ltd', 'Acme Holdings Ltd', 'acme'],
      ['Group', 'Acme Group', 'acme'],
      ['Co. without Ltd', 'Acme Co.', 'acme'],
      ['Co.,Ltd without spaces', 'Acme Co.,Ltd', 'acme'],
      ['Brazilian Ltda.', 'Acme Ltda.', 'acme'],
      ['digits kept', '3M Company', '3m'],
      ['ampersand dropped', 'Procter & Gamble', 'proctergamble'],
      ['dotted initials', 'I.B.M.', 'ibm'],
      ['snake of spaces and tabs', '\tAcme \u00a0 Robotics\u3000Inc', 'acmerobotics'],
    ])('%s: %j → %s', (_case, input, expected) => {
      expect(normalizeCompanyName(input)).toBe(expected);
    });
  });

  describe('never empty for a non-empty name', () => {
    it.each([
      ['公司', '公司'],
      ['有限公司', '有限公司'],
      ['Co.', 'co'],
      ['GmbH', 'gmbh'],
      ['The Company', 'company'],
    ])('%j → %s', (input, expected) => {
      expect(normalizeCompanyName(input)).toBe(expected);
    });

    it.each(['', '   ', '\u200b', null, undefined, 42])('%j → empty', (input) => {
      expect(normalizeCompanyName(input as unknown as string)).toBe('');
    });
  });

  it('is idempotent', () => {
    for (const name of ['华为技术有限公司北京分公司', 'ACME Co., Ltd. Shanghai Branch', '云帆智能科技（中国）有限公司', 'Nordwerk GmbH & Co. KG']) {
      const key = normalizeCompanyName(name);
      expect(normalizeCompanyName(key)).toBe(key);
    }
  });
});
