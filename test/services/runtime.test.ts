import { cryptoRandom, randomToken } from '../../src/services/runtime';

describe('cryptoRandom (drawn from a 4 KB pool)', () => {
  it('gives the size asked for, never the same bytes twice, past the pool\'s refills and for large asks', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const b = cryptoRandom.bytes(32);
      expect(b.length).toBe(32);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(1000);
    expect(cryptoRandom.bytes(1).length).toBe(1);
    expect(cryptoRandom.bytes(5000).length).toBe(5000);
    expect(randomToken(cryptoRandom, 32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a size that is not a whole number of bytes, as crypto.randomBytes does, and hands out nothing used', () => {
    for (const size of [-32, 1.5, Number.NaN]) expect(() => cryptoRandom.bytes(size)).toThrow(RangeError);
    expect(cryptoRandom.bytes(32).equals(Buffer.alloc(32))).toBe(false);
  });

  it('hands out copies: changing one changes neither the next nor the pool', () => {
    const a = cryptoRandom.bytes(16);
    a.fill(0);
    const b = cryptoRandom.bytes(16);
    expect(b.equals(Buffer.alloc(16))).toBe(false);
  });

  it('looks uniform: every byte value turns up, none far more than its share', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2000; i++) for (const byte of cryptoRandom.bytes(32)) counts[byte]++;
    // 64,000 bytes: 250 of each expected; a fair source stays well inside 150..350.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(350);
  });
});
