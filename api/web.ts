// The web UI (web/, built by `npm run build:web`, which `npm ci` runs) is served by the API process:
// hashed assets (/assets/<name>-<hash>.js) cached for a year as immutable, since a new build names
// them anew; index.html and every page that answers with it revalidated on each load (`no-cache`), so
// a deployment reaches browsers at once. A browser asking for any other page (Accept: text/html) gets
// index.html, so that links such as /verify/<number> (printed in QR codes) open the single-page app,
// while a program asking for an unknown path still gets a 404 problem+json. Source maps are neither
// built (web/vite.config.ts) nor served: a *.map request is a 404 even if an old build left one.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Response } from 'express';
import { ROOT } from '../infra/paths';
import { problems } from './problem';

export const WEB_DIST = path.join(ROOT, 'web', 'dist');
const NOT_APP = /^\/(api|docs|openapi\.json|metrics|healthz|readyz)(\/|$)/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

const revalidateHtml = (res: Response, file: string) => {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
};

export function serveWeb(app: Express, dist = WEB_DIST): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return; // not built: the API still works; `/` is a 404 problem
  app.get(/\.map$/, (req, _res, next) => next(problems.notFound(`file ${req.path}`)));
  app.use(
    '/assets',
    express.static(path.join(dist, 'assets'), {
      fallthrough: true,
      setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE),
    }),
    // A missing asset is a 404, never index.html in its place (a stale page's old chunk).
    (req, _res, next) => next(problems.notFound(`file /assets${req.path}`)),
  );
  app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: revalidateHtml }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_APP.test(req.path) || req.accepts(['json', 'html']) !== 'html') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
