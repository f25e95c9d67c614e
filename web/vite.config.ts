// The web UI builds to web/dist, which the API serves at `/` (api/web.ts). `npx vite --config
// web/vite.config.ts` serves it with hot reload and forwards /api to the API on :3000.
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  esbuild: { jsx: 'automatic' },
  // No source maps: the production build does not publish its source (api/web.ts answers *.map with 404).
  build: { outDir: path.join(__dirname, 'dist'), emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
