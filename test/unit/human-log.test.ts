// npm start prints one short line per request (issue #13 §6): method, path, status, time — not the
// JSON with every header, which stays the production format. Real pino and pino-http on a real server.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanDestination, humanLine } from '../../api/human-log';
import { createLogger } from '../../api/logger';

const lines: string[] = [];
let base: string;
let close: () => void;
beforeAll(async () => {
  const logger = createLogger('info', humanDestination({ write: (s: string) => lines.push(s) }));
  const app = express();
  app.use(pinoHttp({ logger }));
  app.post('/api/applications', (_req, res) => void res.status(201).json({ ok: true }));
  app.get('/boom', (req) => {
    req.log.error({ err: new Error('kaput'), taskId: 't-1' }, 'decision failed');
    throw new Error('kaput');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

describe('development log lines', () => {
  it('a request is one line: Shanghai time, method, path, status and duration — no headers, no token', async () => {
    lines.length = 0;
    await fetch(`${base}/api/applications?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', 'user-agent': 'curl/8' },
    });
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} POST \/api\/applications\?x=1 → 201 \d+ ms\n$/);
    expect(lines[0]).not.toMatch(/secret-token|authorization|user-agent|curl/);
  });

  it('anything else: level, message and its own fields, with the stack of an error', async () => {
    lines.length = 0;
    await fetch(`${base}/boom`);
    await expect.poll(() => lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} ERROR decision failed taskId=t-1\nError: kaput\n\s+at /);
  });

  it('the clock is Asia/Shanghai, and a line that is not JSON passes through', () => {
    expect(
      humanLine(
        JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 1, 16, 30, 5), msg: 'api listening', port: 3000 }),
      ),
    ).toBe('00:30:05 INFO api listening port=3000\n');
    expect(humanLine('plain text')).toBe('plain text\n');
  });
});
