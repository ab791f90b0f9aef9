import { domainsOf, sha256 } from './suppression-check';

describe('domainsOf', () => {
  it.each([
    ['a@example.com', ['example.com']],
    ['a@cn.sales.example.com', ['cn.sales.example.com', 'sales.example.com', 'example.com']],
    ['a@example.com.cn', ['example.com.cn', 'com.cn']],
    ['a@例子.中国', ['例子.中国']],
  ])('%s is covered by %j', (email, domains) => {
    expect(domainsOf(email)).toEqual(domains);
  });
});

describe('sha256', () => {
  it('hashes the canonical (trimmed, lowercase) value', () => {
    expect(sha256(' Zhang.Wei@Example.com ')).toBe(sha256('zhang.wei@example.com'));
    // The plain SHA-256 hex of the address, so "was this address erased?" can be checked anywhere.
    expect(sha256('zhang.wei@example.com')).toBe('dae92ea63028947efcc58b3ef81d8bff37a0782f9d253fab62c55600fa36569c');
  });
});
