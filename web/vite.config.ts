/**
 * Vite build of the web app: root is web/, output web/dist (served by the Fastify app at /), and in
 * development /api is proxied to the API on port 3000.
 *
 * The public home page is to load at most 300 KB of scripts (compressed; test/e2e/page-weight.test.ts): every
 * route is a lazy chunk (web/src/main.tsx), and the libraries are split so that a page loads only what it uses —
 * React, the portal's shell (whatever main.tsx needs at once), the charts (echarts: only the back office's
 * 工作台, 主动公开 statistics and 监督检查 draw any), and the rest of Ant Design in shared chunks per
 * component. Each file written is precompressed (.br, .gz; scripts/compress-web.ts), which the server sends to
 * browsers that accept it.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compressWeb } from '../scripts/compress-web.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** After the build has written its files, a brotli and a gzip copy of each (scripts/compress-web.ts). */
function precompress(): Plugin {
  return {
    name: 'gongkai-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      if (options.dir) await compressWeb(options.dir, Object.keys(bundle));
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // the charts chunk (echarts) is about 530 KB minified, loaded only by the pages that draw charts
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // Ant Design's own components (@rc-component/*, @ant-design/*) are plain ES modules without side effects,
      // but most of them do not say so ("sideEffects" in their package.json), and every module of one that is
      // imported at all would be kept: @rc-component/form with its validator (40 KB) on the home page, which
      // has no form. antd itself declares it.
      treeshake: { moduleSideEffects: [{ test: /node_modules[\\/](@rc-component|@ant-design)[\\/]/, sideEffects: false }] },
      output: {
        codeSplitting: {
          groups: [
            // changes least often: cached across releases of the app
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            // the libraries main.tsx imports statically (antd's theme, layout, menu, App…): one file every page needs
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 2 },
            // the rest (antd's table, form, date picker…) is split by the bundler by the pages that import it
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
