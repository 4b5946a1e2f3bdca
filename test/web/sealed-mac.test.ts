// rememberingMac (src/web/sealed.ts): the form token of a CSRF cookie, worked out once per cookie
// while it is among the last few seen (issue 12). It must answer exactly as mac() does.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { deriveKey, mac, rememberingMac } from '../../src/web/sealed';

describe('rememberingMac', () => {
  const key = deriveKey('a test secret of enough length', 'csrf');

  it('is HMAC-SHA256 in base64url, as a hand-made HMAC gives', () => {
    const expected = crypto.createHmac('sha256', key).update('cookie-value').digest('base64url');
    expect(mac(key, 'cookie-value')).toBe(expected);
    expect(rememberingMac(key)('cookie-value')).toBe(expected);
  });

  it('answers as mac() for any sequence of values, however few it remembers', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (values, max) => {
        const remembering = rememberingMac(key, max);
        for (const v of [...values, ...values.reverse()]) expect(remembering(v)).toBe(mac(key, v));
      }),
    );
  });

  it('keeps keys apart: another key gives other tokens for the same values', () => {
    const other = rememberingMac(deriveKey('a test secret of enough length', 'other'));
    const mine = rememberingMac(key);
    expect(mine('x')).not.toBe(other('x'));
  });
});
