// The web UI builds to web/dist, which the API serves at `/` (api/web.ts). `npx vite --config
// web/vite.config.ts` serves it with hot reload and forwards /api to the API on :3000.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  build: { outDir: path.join(__dirname, 'dist'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
