/**
 * Vite build of the console and the public site (one app, route-level code splitting). The server serves
 * web/dist on its own port with an SPA fallback, so base is '/'. `npm run build:web` and postinstall use this file.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // React is shared by every page: a long-cached vendor chunk. antd is left to Rollup's natural splitting
        // (layout components in the entry, Table & co. in the lazy chunks that use them: a smaller first load than one
        // antd chunk); echarts stays in the overview chunk (it is only imported there).
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react';
          if (/node_modules\/(echarts|zrender)\//.test(id)) return undefined;
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/openapi.json': 'http://127.0.0.1:3000' },
  },
});
