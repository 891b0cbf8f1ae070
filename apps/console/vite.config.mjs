// The web console: React built with Vite into dist/console, served by the API at /console.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here,
  base: '/console/',
  // JSX with the automatic runtime (no @vitejs/plugin-react needed for a production build).
  oxc: { jsx: { runtime: 'automatic' } },
  // Workspace packages from their TypeScript sources (their package.json `main` is Node's compiled CommonJS in dist).
  resolve: { alias: { '@meritflow/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // One bundle for an internal console served from the API (React, router, query, forms, the domain's rules).
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // TanStack Query marks modules "use client" for React Server Components; a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  // `npm run console:dev`: the dev server forwards API calls to a running API (npm start).
  server: { port: 5173, proxy: { '/api': { target: api, changeOrigin: false } } },
});
