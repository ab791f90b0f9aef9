import { hashPassword, hashToken, newToken, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toEqual(await hashPassword('same password'));
  });

  it('treats full-width and half-width input the same (NFKC)', async () => {
    const stored = await hashPassword('Ｐａｓｓｗｏｒｄ１２３');
    await expect(verifyPassword('Password123', stored)).resolves.toBe(true);
  });

  it('refuses malformed stored hashes', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });

  it('makes 256-bit tokens and stores only their hash', () => {
    const { token, hash } = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hashToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
  });
});
