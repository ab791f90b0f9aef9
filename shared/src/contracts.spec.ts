import { createUserRequestSchema, employeeBand, setupRequestSchema, signInRequestSchema } from './index';

describe('shared contracts', () => {
  it('normalizes emails (trim, lowercase) before validating', () => {
    expect(signInRequestSchema.parse({ email: '  Ada@Example.COM ', password: 'x' }).email).toBe('ada@example.com');
    expect(signInRequestSchema.safeParse({ email: 'ada@', password: 'x' }).success).toBe(false);
  });

  it('requires a password of at least 10 characters at setup and names each bad field', () => {
    const result = setupRequestSchema.safeParse({ email: 'a@b.co', name: ' ', password: 'short', locale: 'de' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['locale', 'name', 'password']);
  });

  it('defaults a new user to zh-CN and leaves the password optional (an invitation email is sent)', () => {
    expect(createUserRequestSchema.parse({ email: 'li@example.cn', name: '李雷', role: 'sales' })).toEqual({
      email: 'li@example.cn',
      name: '李雷',
      role: 'sales',
      locale: 'zh-CN',
    });
  });

  it.each([
    [1, '1-49'],
    [49, '1-49'],
    [50, '50-199'],
    [999, '200-999'],
    [1000, '1000-4999'],
    [250000, '5000+'],
  ])('puts %i employees in band %s', (employees, band) => {
    expect(employeeBand(employees)).toBe(band);
  });
});
