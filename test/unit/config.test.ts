// Configuration from the environment (infra/config.ts): validated once, a bad value fails loudly.
// Every test passes its own env object; process.env is never read or changed.
import { describe, expect, it } from 'vitest';
import { loadConfig, reviewSettings } from '../../infra/config';

const DATABASE_URL = 'postgres://zfz:secret@127.0.0.1:5432/zhifazheng';
const SECRET_32 = 'a-production-secret-of-32-chars!';
const VERIFICATION_KEYS = `p1:${'v'.repeat(32)}`;
const DEV_SECRET = 'dev-only-secret-do-not-use-in-production-0123456789';
/** The organisation's OpenID Provider (README "Sign-in (OpenID Connect)"). */
const OIDC = {
  OIDC_ISSUER: 'https://sso.example.gov.cn/realms/zhifa',
  OIDC_AUDIENCE: 'zhifazheng-api',
  OIDC_CLIENT_ID: 'zhifazheng-web',
};
/** What a production start needs besides the database: its identity provider and its own keys. */
const PRODUCTION = { DATABASE_URL, ...OIDC, VERIFICATION_KEYS };
/** An explicit development start (npm start). */
const DEV = { DATABASE_URL, NODE_ENV: 'development' };

describe('loadConfig defaults', () => {
  it('fills every default from a minimal development environment; dev tokens stay off unless enabled', () => {
    const c = loadConfig({ DATABASE_URL, NODE_ENV: 'development' });
    expect(c.devMode).toBe(false);
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'development', ENABLE_DEV_TOKENS: '1' }).devMode).toBe(true);
    expect(loadConfig({ ...PRODUCTION, ENABLE_DEV_TOKENS: '1', NODE_ENV: 'production' }).devMode).toBe(false);
    expect(c.auth).toEqual({ mode: 'hs256', secret: DEV_SECRET });
    expect(c).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_URL,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'zhifazheng',
      JWT_ISSUER: 'zhifazheng',
      JWT_AUDIENCE: 'zhifazheng-api',
      LOG_LEVEL: 'info',
      WORKER_METRICS_PORT: 9464,
    });
    expect(c.JWT_SECRET).toBeUndefined();
    expect(c.WORKER_METRICS_URL).toBeUndefined();
    expect(c.METRICS_PORT).toBeUndefined();
  });

  it('explicit development or test without JWT_SECRET gets the fixed dev secret (at least 32 characters)', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const c = loadConfig({ DATABASE_URL, NODE_ENV });
      expect(c.jwtSecret).toBe(DEV_SECRET);
      expect(DEV_SECRET.length).toBeGreaterThanOrEqual(32);
    }
  });

  it('the test environment has dev tokens only when enabled', () => {
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test' }).devMode).toBe(false);
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test', ENABLE_DEV_TOKENS: '1' }).devMode).toBe(true);
  });

  it('production accepts no shared secret at all, the published one included', () => {
    for (const JWT_SECRET of [DEV_SECRET, SECRET_32])
      expect(() => loadConfig({ ...PRODUCTION, NODE_ENV: 'production', JWT_SECRET })).toThrow(
        'invalid configuration: JWT_SECRET is for development and tests only',
      );
  });

  it('coerces numeric strings and keeps explicit values', () => {
    const c = loadConfig({
      DATABASE_URL,
      NODE_ENV: 'development',
      PORT: '8080',
      WORKER_METRICS_PORT: '0',
      TEMPORAL_ADDRESS: 'temporal:7233',
      LOG_LEVEL: 'debug',
      WORKER_METRICS_URL: 'http://127.0.0.1:9464/metrics',
    });
    expect(c.PORT).toBe(8080);
    expect(c.WORKER_METRICS_PORT).toBe(0);
    expect(c.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(c.LOG_LEVEL).toBe('debug');
    expect(c.WORKER_METRICS_URL).toBe('http://127.0.0.1:9464/metrics');
  });

  it('ignores unrelated environment variables', () => {
    const c = loadConfig({ DATABASE_URL, NODE_ENV: 'test', HOME: '/root', PATH: '/usr/bin' }) as Record<
      string,
      unknown
    >;
    expect(c.HOME).toBeUndefined();
    expect(c.PATH).toBeUndefined();
  });
});

describe('loadConfig in production', () => {
  it('refuses to start without its OpenID Provider, naming the variables', () => {
    for (const missing of Object.keys(OIDC)) {
      expect(() => loadConfig({ ...PRODUCTION, NODE_ENV: 'production', [missing]: '' })).toThrow(
        'invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID are required in production',
      );
    }
  });

  it('signs in through OpenID Connect only: no shared secret, no dev tokens', () => {
    const c = loadConfig({ ...PRODUCTION, NODE_ENV: 'production' });
    expect(c.devMode).toBe(false);
    expect(c.jwtSecret).toBeUndefined();
    expect(c.auth).toEqual({
      mode: 'oidc',
      issuer: OIDC.OIDC_ISSUER,
      audience: OIDC.OIDC_AUDIENCE,
      clientId: OIDC.OIDC_CLIENT_ID,
      scope: 'openid profile',
      usernameClaim: 'sub',
    });
    expect(loadConfig({ ...PRODUCTION, OIDC_USERNAME_CLAIM: 'preferred_username' }).auth).toMatchObject({
      usernameClaim: 'preferred_username',
    });
  });

  it('refuses an issuer over plain HTTP, naming OIDC_ISSUER', () => {
    expect(() => loadConfig({ ...PRODUCTION, OIDC_ISSUER: 'http://sso.example.gov.cn/realms/zhifa' })).toThrow(
      /^invalid configuration: OIDC_ISSUER: must be an https URL/,
    );
  });

  it('serves /metrics on a port of its own, never on the public API port: METRICS_PORT, 9465 by default', () => {
    expect(loadConfig({ ...PRODUCTION, NODE_ENV: 'production' }).METRICS_PORT).toBe(9465);
    expect(loadConfig({ ...PRODUCTION, NODE_ENV: 'production', METRICS_PORT: '9100' }).METRICS_PORT).toBe(9100);
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'development' }).METRICS_PORT).toBeUndefined(); // development: on PORT
  });

  it('refuses a METRICS_PORT equal to PORT, naming METRICS_PORT', () => {
    expect(() => loadConfig({ ...PRODUCTION, PORT: '9465' })).toThrow(/^invalid configuration: METRICS_PORT: /);
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'test', PORT: '8080', METRICS_PORT: '8080' })).toThrow(
      /^invalid configuration: METRICS_PORT: /,
    );
  });
});

// Issue #12 §5: a start that does not say it is development is production — never the published secret.
describe('safe by default: without NODE_ENV', () => {
  it('is production: without its OpenID Provider it refuses to start, saying how to fix it', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID are required in production/,
    );
    expect(message).toContain('NODE_ENV=development');
  });

  it('refuses the published dev secret and keeps dev tokens off even with ENABLE_DEV_TOKENS=1', () => {
    expect(() => loadConfig({ ...PRODUCTION, JWT_SECRET: DEV_SECRET })).toThrow(/JWT_SECRET/);
    const c = loadConfig({ ...PRODUCTION, ENABLE_DEV_TOKENS: '1' });
    expect(c.NODE_ENV).toBe('production');
    expect(c.devMode).toBe(false);
    expect(c.auth.mode).toBe('oidc');
  });

  it('never falls back to the dev secret, whatever else is set', () => {
    for (const extra of [{}, { ENABLE_DEV_TOKENS: '1' }, { LOG_LEVEL: 'debug' }, { JWT_SECRET: SECRET_32 }]) {
      expect(() => loadConfig({ DATABASE_URL, VERIFICATION_KEYS, ...extra })).toThrow(/OIDC_ISSUER|JWT_SECRET/);
    }
  });
});

describe('OpenID Connect in development and tests', () => {
  it('OIDC_ISSUER turns HS256 mode off, dev tokens with it; a loopback provider over HTTP is fine', () => {
    const c = loadConfig({ ...DEV, ENABLE_DEV_TOKENS: '1', ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:4000' });
    expect(c.auth.mode).toBe('oidc');
    expect(c.jwtSecret).toBeUndefined();
    expect(c.devMode).toBe(false);
  });

  it('the issuer, audience and client id go together', () => {
    expect(() => loadConfig({ ...DEV, OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(
      'invalid configuration: OIDC_ISSUER, OIDC_AUDIENCE and OIDC_CLIENT_ID go together',
    );
  });
});

describe('listening address (HOST)', () => {
  it('defaults to loopback; HOST chooses another address', () => {
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ DATABASE_URL, NODE_ENV: 'test', HOST: '::' }).HOST).toBe('::');
  });

  it('refuses what is not an IP address, naming HOST', () => {
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'test', HOST: 'all interfaces' })).toThrow(
      /^invalid configuration: HOST: /,
    );
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each(['abc', '70000', '-1', '80.5'])('PORT=%s throws naming PORT', (PORT) => {
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'test', PORT })).toThrow(/^invalid configuration: PORT: /);
  });

  it('a bad WORKER_METRICS_PORT names WORKER_METRICS_PORT, not PORT', () => {
    let message = '';
    try {
      loadConfig({ DATABASE_URL, NODE_ENV: 'test', WORKER_METRICS_PORT: 'nine' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^invalid configuration: WORKER_METRICS_PORT: /);
    expect(message).not.toMatch(/(^|[ ;])PORT:/);
  });

  it('a missing or malformed DATABASE_URL names DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: /);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL: /);
  });

  it('an unknown NODE_ENV or LOG_LEVEL is refused', () => {
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'staging' })).toThrow(/NODE_ENV: /);
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: /);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', NODE_ENV: 'staging' })).toThrow(
      /(?=.*PORT: )(?=.*NODE_ENV: )(?=.*DATABASE_URL: )/,
    );
  });

  it('a short JWT_SECRET is refused in development too', () => {
    expect(() => loadConfig({ DATABASE_URL, NODE_ENV: 'development', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: /);
  });
});

describe('empty variables', () => {
  it('an empty PORT means "not set" (the default), not port 0', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/x', NODE_ENV: 'test', PORT: '' }).PORT).toBe(3000);
  });
});

describe('complaint settings (第二十八条)', () => {
  it('第二十八条: investigation 30 days by default, reminder 5 days before, feedback 5 days, repeated daily; each configurable', () => {
    const DEV = { DATABASE_URL, NODE_ENV: 'test' };
    expect(reviewSettings(loadConfig(DEV)).complaint).toEqual({
      acceptanceDays: 7,
      investigationDays: 30,
      reminderDaysBefore: 5,
      extensionDays: 30,
      feedbackDays: 5,
      feedbackRepeatDays: 1,
    });
    const c = reviewSettings(
      loadConfig({ ...DEV, COMPLAINT_INVESTIGATION_DAYS: '15', COMPLAINT_FEEDBACK_REPEAT_DAYS: '2' }),
    ).complaint;
    expect(c).toMatchObject({ investigationDays: 15, feedbackRepeatDays: 2 });
    expect(() => loadConfig({ ...DEV, COMPLAINT_FEEDBACK_DAYS: '0' })).toThrow(/COMPLAINT_FEEDBACK_DAYS/);
    expect(loadConfig(DEV).COMPLAINT_INTAKE_RATE_LIMIT_PER_HOUR).toBe(20);
  });
});

describe('TRUST_PROXY (which proxies name the client in X-Forwarded-For)', () => {
  it('unset or 0: no proxy is trusted (the peer address is the client)', () => {
    expect(loadConfig(DEV).trustProxy).toBe(false);
    expect(loadConfig({ ...DEV, TRUST_PROXY: '0' }).trustProxy).toBe(false);
  });

  it('a hop count, or addresses / CIDRs / named ranges, as Express takes them', () => {
    expect(loadConfig({ ...DEV, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...DEV, TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
    ]);
    expect(loadConfig({ ...DEV, TRUST_PROXY: 'fd00::/8,loopback' }).trustProxy).toEqual(['fd00::/8', 'loopback']);
  });

  it.each([
    'true',
    '*',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0',
    'proxy.example',
    '1.5',
    '-1',
    '21',
    '10.0.0.0/8,',
    '10.0.0.0/8/1',
  ])('TRUST_PROXY=%s is refused, naming TRUST_PROXY', (TRUST_PROXY) => {
    expect(() => loadConfig({ ...DEV, TRUST_PROXY })).toThrow(/^invalid configuration: TRUST_PROXY: a hop count/);
  });
});

describe('VERIFICATION_KEYS (the QR codes’ signed tokens)', () => {
  const key = (id: string, c: string) => `${id}:${c.repeat(32)}`;

  it('development without it gets a fixed dev key; the first listed key signs', () => {
    expect(loadConfig(DEV).verificationKeys).toEqual([{ id: 'dev', secret: expect.any(String) }]);
    expect(loadConfig({ ...DEV, VERIFICATION_KEYS: `${key('k2', 'b')}, ${key('k1', 'a')}` }).verificationKeys).toEqual([
      { id: 'k2', secret: 'b'.repeat(32) },
      { id: 'k1', secret: 'a'.repeat(32) },
    ]);
  });

  it('production refuses to start without it, or with the dev key', () => {
    const prod = { DATABASE_URL, NODE_ENV: 'production', ...OIDC };
    expect(() => loadConfig(prod)).toThrow('invalid configuration: VERIFICATION_KEYS is required in production');
    const devSecret = loadConfig(DEV).verificationKeys[0].secret;
    expect(() => loadConfig({ ...prod, VERIFICATION_KEYS: `prod:${devSecret}` })).toThrow(/VERIFICATION_KEYS/);
    expect(loadConfig({ ...prod, VERIFICATION_KEYS: key('p1', 'x') }).verificationKeys).toEqual([
      { id: 'p1', secret: 'x'.repeat(32) },
    ]);
  });

  it.each([
    key('k1', 'a').slice(0, -1),
    'a'.repeat(40),
    `:${'a'.repeat(32)}`,
    key('k.1', 'a'),
    key('k1', 'a') + ',' + key('k1', 'b'),
    key('k1', 'a') + ',',
    key('a-very-long-key-id', 'a'),
  ])('VERIFICATION_KEYS=%s is refused, naming it', (VERIFICATION_KEYS) => {
    expect(() => loadConfig({ ...DEV, VERIFICATION_KEYS })).toThrow(
      /^invalid configuration: VERIFICATION_KEYS: id:secret/,
    );
  });
});
