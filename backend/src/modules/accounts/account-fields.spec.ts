import { diff, mergedValues, MergeChoiceError, sameValue } from './account-fields';

const contact = (id: string, values: Record<string, unknown>) => ({
  id,
  name: 'Wang Fang',
  email: null,
  phone: null,
  title: null,
  company_id: null,
  consent: 'legitimate_interest',
  consent_source: null,
  consent_at: null,
  ...values,
});

describe('mergedValues', () => {
  it('keeps the survivor’s values and fills its blanks from the first merged record that has one', () => {
    const survivor = contact('a', { email: 'a@x.test', title: null });
    const merged = [contact('b', { title: null, phone: '+8613800138000' }), contact('c', { title: 'CIO', phone: '+8613900139000' })];
    expect(mergedValues('contact', survivor, merged, {})).toMatchObject({ email: 'a@x.test', title: 'CIO', phone: '+8613800138000' });
  });

  it('takes a chosen record’s value, blank included', () => {
    const survivor = contact('a', { email: 'a@x.test', title: 'CTO' });
    const merged = [contact('b', { email: 'b@x.test', title: null })];
    expect(mergedValues('contact', survivor, merged, { email: 'b', title: 'b' })).toMatchObject({ email: 'b@x.test', title: null });
  });

  it.each([
    ['opt_in', ['unsubscribed'], 'unsubscribed'],
    ['unsubscribed', ['opt_in'], 'unsubscribed'],
    ['legitimate_interest', ['unsubscribed', 'do_not_contact'], 'do_not_contact'],
    ['do_not_contact', ['unsubscribed'], 'do_not_contact'],
    ['legitimate_interest', ['opt_in'], 'legitimate_interest'],
  ])('a survivor with %s merged with %j ends up %s', (own, others, expected) => {
    const merged = others.map((consent, index) => contact(`m${index}`, { consent, consent_source: `source ${index}` }));
    const result = mergedValues('contact', contact('a', { consent: own }), merged, {});
    expect(result.consent).toBe(expected);
    if (expected !== own) expect(result.consent_source).toBe(merged.find((record) => record.consent === expected)?.consent_source);
  });

  it('refuses a chosen consent weaker than a withdrawal, and a choice naming another record', () => {
    const survivor = contact('a', { consent: 'opt_in' });
    const merged = [contact('b', { consent: 'unsubscribed' })];
    expect(() => mergedValues('contact', survivor, merged, { consent: 'a' })).toThrow(MergeChoiceError);
    expect(mergedValues('contact', survivor, merged, { consent: 'b' }).consent).toBe('unsubscribed');
    expect(() => mergedValues('contact', survivor, merged, { title: 'z' })).toThrow(/not part of this merge/);
  });

  it('moves grouped company values together and unites technologies', () => {
    const survivor = { id: 'a', name: 'Acme', normalized_name: 'acme', industry: 'software', sub_industry: null, city: 'Shanghai', province: null, country: 'CN', tech_tags: ['sap'] };
    const merged = [{ id: 'b', name: 'Acme Ltd', normalized_name: 'acme', industry: 'manufacturing', sub_industry: 'machinery', city: 'Suzhou', province: 'Jiangsu', country: 'CN', tech_tags: ['aws', 'sap'] }];
    expect(mergedValues('company', survivor, merged, {})).toMatchObject({ industry: 'software', sub_industry: null, city: 'Shanghai', province: null, tech_tags: ['sap', 'aws'] });
    expect(mergedValues('company', survivor, merged, { industry: 'b', location: 'b' })).toMatchObject({
      industry: 'manufacturing',
      sub_industry: 'machinery',
      city: 'Suzhou',
      province: 'Jiangsu',
    });
  });
});

describe('diff and sameValue', () => {
  it('compares timestamps as instants and arrays in order', () => {
    expect(sameValue('2026-01-02T03:04:05.123+00:00', '2026-01-02T03:04:05.123Z', 'timestamptz')).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(diff('contact', { title: 'A', email: null }, { title: 'A', email: 'x@y.test' })).toEqual({ before: { email: null }, after: { email: 'x@y.test' } });
  });
});
