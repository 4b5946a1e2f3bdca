import { ConfigError, loadConfig } from '../src/config';
import { main } from '../src/server';

describe('loadConfig', () => {
  it('uses safe defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'production',
      exposeErrors: false,
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/powershare.db',
      cookieSecure: 'auto',
      trustProxy: false,
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      draftTtlMs: 30 * 86_400_000,
    });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      NODE_ENV: 'development',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/tmp/x.db',
      PUBLIC_URL: 'https://ps.example.org/',
      SESSION_SECRET: 'x'.repeat(40),
      COOKIE_SECURE: 'true',
      TRUST_PROXY: 'true',
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      DRAFT_TTL_DAYS: '7',
      ROUND_RETENTION_MONTHS: '24',
    });
    expect(c).toMatchObject({
      exposeErrors: true,
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/tmp/x.db',
      publicUrl: 'https://ps.example.org',
      cookieSecure: true,
      // true means one hop (Express's own `true`, every hop, would let clients choose their address)
      trustProxy: 1,
      sessionIdleMs: 15 * 60_000,
      sessionAbsoluteMs: 8 * 3_600_000,
      draftTtlMs: 7 * 86_400_000,
      roundRetentionMonths: 24,
    });
  });

  it('keeps the page cache on, audited under test, and refuses other values', () => {
    expect(loadConfig({}).pageCache).toBe('on');
    expect(loadConfig({ NODE_ENV: 'test' }).pageCache).toBe('audit');
    expect(loadConfig({ PAGE_CACHE: 'off' }).pageCache).toBe('off');
    expect(() => loadConfig({ PAGE_CACHE: 'sometimes' })).toThrow(/PAGE_CACHE="sometimes" must be on, off or audit/);
  });

  it('keeps rounds for ever unless ROUND_RETENTION_MONTHS is set', () => {
    expect(loadConfig({}).roundRetentionMonths).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" must be a port number/],
    ['PORT', '70000', /PORT="70000" must be a port number/],
    ['COOKIE_SECURE', 'maybe', /COOKIE_SECURE="maybe" must be auto, true or false/],
    ['TRUST_PROXY', 'sometimes', /TRUST_PROXY="sometimes" must be true, false, a number of proxy hops/],
    ['TRUST_PROXY', '11', /TRUST_PROXY="11" must be true, false, a number of proxy hops \(1 to 10\)/],
    ['TRUST_PROXY', '10.0.0.1, 300.1.1.1', /TRUST_PROXY=.* must be true, false/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY=.* must be true, false/],
    ['SESSION_SECRET', 'short', /SESSION_SECRET="short" must be at least 32 characters/],
    ['DRAFT_TTL_DAYS', '0', /DRAFT_TTL_DAYS="0" must be at least 1/],
    ['ROUND_RETENTION_MONTHS', '0', /ROUND_RETENTION_MONTHS="0" must be at least 1/],
    ['ROUND_RETENTION_MONTHS', '6 months', /ROUND_RETENTION_MONTHS="6 months" must be a whole number/],
    ['PUBLIC_URL', 'ftp://x', /PUBLIC_URL="ftp:\/\/x" must be an absolute http\(s\) URL/],
    ['NODE_ENV', 'staging', /NODE_ENV="staging" must be production, development or test/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'abc', TRUST_PROXY: 'x' });
      throw new Error('should have thrown');
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('start-up with bad configuration', () => {
  it('prints one line naming the variable and exits non-zero', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const exit = jest.fn();
    const running = await main({ PORT: 'abc' }, exit);
    spy.mockRestore();
    expect(running).toBeUndefined();
    expect(exit).toHaveBeenCalledWith(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).not.toContain('\n');
    expect(errors[0]).toMatch(/PORT="abc"/);
  });
});

describe('TRUST_PROXY (issue 13, item 4)', () => {
  it.each<[string, false | number | string[]]>([
    ['false', false],
    ['0', false],
    ['true', 1],
    ['2', 2],
    ['10.0.0.2', ['10.0.0.2']],
    [' 10.0.0.2, 192.168.1.0/24 ,loopback, ::1, fd00::/8 ', ['10.0.0.2', '192.168.1.0/24', 'loopback', '::1', 'fd00::/8']],
  ])('%j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
});
