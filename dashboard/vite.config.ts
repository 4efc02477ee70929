import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard is built into `dashboard/dist`, which the gateway serves at `/`. In development
 * (`npm run dev:dashboard`) Vite serves it and forwards `/api` to a gateway on port 8080.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Recharts alone is ~400 kB; the dashboard is an operator tool loaded once per session.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8080' },
  },
});
