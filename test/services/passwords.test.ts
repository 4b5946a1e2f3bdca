import { ARGON2_OPTIONS, hashPassword, passwordProblems, verifyPassword } from '../../src/services/passwords';

describe('passwordProblems', () => {
  it.each([
    ['violet-harbour-kettle-58', 'a@example.org'],
    ['correct horse battery', 'a@example.org'],
    ['zebra mango 19 cloud', 'a@example.org'],
    ['x'.repeat(3) + 'yz12-Ω-ok!!', 'a@example.org'],
    ['😀😀😀 moonlight rivers', 'a@example.org'],
    ['a'.repeat(64) + 'bcd' + '1'.repeat(61), 'a@example.org'], // exactly 128
  ])('accepts %j', (password, email) => {
    expect(passwordProblems(password, email)).toEqual([]);
  });

  it.each([
    ['short-pass1', /at least 12 characters \(this has 11\)/],
    ['x'.repeat(129), /at most 128/],
    ['password1234', /too common/],
    ['Password1234!', /too common/],
    ['QWERTYUIOP123', /too common/],
    ['qwertyuiop123', /too common/],
    ['123456789012', /too common/],
    ['!!Welcome2026!!', /too common/],
    ['1q2w3e4r5t6y', /too common/],
    ['aaaaaaaaaaaaaaaa', /too common|too few different/],
    ['ababababababab', /too few different/],
    ['abcdefghijklmnop', /too common|sequence/],
    ['mnopqrstuvwxyz', /sequence/],
    ['jane.doe-garden-path', /first part of your email/],
  ])('refuses %j', (password, message) => {
    const problems = passwordProblems(password, 'Jane.Doe@example.org');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('counts characters as people do (an emoji is one)', () => {
    expect(passwordProblems('😀'.repeat(11), '')[0]).toMatch(/this has 11/);
  });
});

describe('hashing', () => {
  it('uses argon2id at the OWASP parameters, with a fresh salt each time', async () => {
    expect(ARGON2_OPTIONS).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const a = await hashPassword('violet-harbour-kettle-58');
    const b = await hashPassword('violet-harbour-kettle-58');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'violet-harbour-kettle-58')).toBe(true);
    expect(await verifyPassword(a, 'violet-harbour-kettle-59')).toBe(false);
  });

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});
