// The web UI (web/, built by `npm run build:web`, which `npm ci` runs) is served by the API process:
// hashed assets cached for a year; a browser asking for any other page (Accept: text/html) gets
// index.html, so that links such as /verify/<number> (printed in QR codes) open the single-page
// app, while a program asking for an unknown path still gets a 404 problem+json.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { ROOT } from '../infra/paths';

export const WEB_DIST = path.join(ROOT, 'web', 'dist');
const NOT_APP = /^\/(api|docs|openapi\.json|metrics|healthz|readyz)(\/|$)/;

export function serveWeb(app: Express, dist = WEB_DIST): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return; // not built: the API still works; `/` is a 404 problem
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_APP.test(req.path) || req.accepts(['json', 'html']) !== 'html') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
