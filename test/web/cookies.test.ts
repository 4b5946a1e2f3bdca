import type { Request } from 'express';
import { readCookie } from '../../src/web/cookies';

const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as unknown as Request;

describe('readCookie', () => {
  it('reads each cookie by name, decoded, the first of a name when sent twice', () => {
    const req = request('a=1; ps_draft=abc%20def;ps_wording=cy.er ; a=2; =nameless; novalue');
    expect(readCookie(req, 'a')).toBe('1');
    expect(readCookie(req, 'ps_draft')).toBe('abc def');
    expect(readCookie(req, 'ps_wording')).toBe('cy.er');
    expect(readCookie(req, 'novalue')).toBeUndefined();
    expect(readCookie(req, 'missing')).toBeUndefined();
    // Asked again (from the header split once): the same answers.
    expect(readCookie(req, 'a')).toBe('1');
  });

  it('gives undefined for a value that cannot be decoded, and nothing without a header', () => {
    expect(readCookie(request('bad=%E0%A4%A; good=ok'), 'bad')).toBeUndefined();
    expect(readCookie(request('bad=%E0%A4%A; good=ok'), 'good')).toBe('ok');
    expect(readCookie(request(), 'a')).toBeUndefined();
    expect(readCookie(request(''), 'a')).toBeUndefined();
  });

  it('reads the header as it is now if it changed during the request', () => {
    const req = request('a=1');
    expect(readCookie(req, 'a')).toBe('1');
    req.headers.cookie = 'a=2';
    expect(readCookie(req, 'a')).toBe('2');
  });
});
