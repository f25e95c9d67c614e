// The web UI served like a production web app (issue #16 §5), over real HTTP against the real API:
// compressed answers, hashed assets cached for a year, pages revalidated, no source maps, a favicon.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/stack';

let s: TestStack;
let html: string;
let script: string;
beforeAll(async () => {
  s = await startTestStack();
  html = await (await fetch(`${s.baseUrl}/`, { headers: { accept: 'text/html' } })).text();
  script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
});
afterAll(async () => {
  await s?.stop();
});

/** A GET as raw bytes (fetch would decode them), to see what actually went over the wire. */
function raw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(s.baseUrl + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('compression', () => {
  it('the app script goes brotli to a browser that takes it, gzip to one that takes only that, plain otherwise', async () => {
    const plain = await raw(script);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await raw(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    const gz = await raw(script, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('API JSON is compressed too; a PNG, compressed already, is not', async () => {
    const doc = await raw('/openapi.json', { 'accept-encoding': 'br' });
    expect(doc.headers['content-encoding']).toBe('br');
    expect(JSON.parse(zlib.brotliDecompressSync(doc.body).toString()).openapi).toBe('3.1.0');
    const token = await s.token('agency_admin');
    const png = await raw('/api/certificates/330106-2023-00001/qr.png', {
      'accept-encoding': 'gzip, br',
      authorization: `Bearer ${token}`,
    });
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();
  });
});

describe('caching', () => {
  it('hashed assets are cached for a year as immutable; the page and its SPA paths are revalidated on every load', async () => {
    expect(script).toMatch(/^\/assets\/[\w-]+-[\w-]{8,}\.js$/);
    expect((await raw(script)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1];
    expect((await raw(css)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/index.html', '/verify/330106-2023-00001', '/complaints/new']) {
      const r = await raw(page, { accept: 'text/html' });
      expect(r.status, page).toBe(200);
      expect(r.headers['cache-control'], page).toBe('no-cache');
      expect(r.headers.etag ?? r.headers['last-modified'], page).toBeDefined();
    }
  });

  it('an API answer is never cached like an asset', async () => {
    const me = await raw('/api/me', { authorization: `Bearer ${await s.token('officer')}` });
    expect(me.status).toBe(200);
    expect(me.headers['cache-control'] ?? '').not.toMatch(/max-age|immutable|public/);
  });
});

describe('what is not served', () => {
  it('no source maps: the build has none and a *.map request is a 404 problem, as is a missing asset', async () => {
    const js = (await raw(script)).body.toString();
    expect(js).not.toMatch(/sourceMappingURL/);
    for (const path of [`${script}.map`, '/assets/index.css.map', '/app.js.map', '/assets/no-such-chunk.js']) {
      const r = await raw(path, { accept: 'text/html' });
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type'], path).toContain('application/problem+json');
    }
  });
});

describe('favicon', () => {
  it('the page links an SVG favicon that is served', async () => {
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('/favicon.svg');
    const icon = await raw(href!);
    expect(icon.status).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    expect(icon.body.toString()).toContain('<svg');
  });
});
