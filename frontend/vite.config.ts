import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Connect, type Plugin } from 'vite';

const API_TARGET = 'http://127.0.0.1:3000';

const proxy = {
  '/api': { target: API_TARGET, changeOrigin: false },
  '/socket.io': { target: API_TARGET, ws: true, changeOrigin: false },
};

/** `vite` and `vite preview` serve attend.html at the attendee routes, as the backend does (http-server.ts). */
const rewriteAttendRoutes: Connect.NextHandleFunction = (request, _response, next) => {
  if (request.url && /^\/(e|r|u|j)\//.test(request.url)) request.url = `/attend.html${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`;
  next();
};
const attendRoutes: Plugin = {
  name: 'fulcrum-attend-routes',
  configureServer: (server) => void server.middlewares.use(rewriteAttendRoutes),
  configurePreviewServer: (server) => void server.middlewares.use(rewriteAttendRoutes),
};

export default defineConfig({
  plugins: [react(), attendRoutes],
  resolve: {
    alias: {
      '@fulcrum/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one vendor chunk by design (cached across releases); it is larger than Vite's 500 kB default.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The console, and the attendee pages (/e/:slug, /r/:token, /u/:token, /j/:token): a separate light entry without antd or the console's code.
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        attend: fileURLToPath(new URL('./attend.html', import.meta.url)),
      },
      // The shared contracts have no import-time side effects: modules nobody uses stay out (attend needs few of them).
      treeshake: { moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }] },
      output: {
        codeSplitting: {
          groups: [
            // React itself is shared with the attendee pages; the router and zod get their own chunks so those pages load neither the router nor i18next.
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'vendor-router', test: /node_modules[\\/](react-router|react-router-dom|set-cookie-parser)[\\/]/, priority: 30 },
            { name: 'vendor-zod', test: /node_modules[\\/]zod[\\/]/, priority: 25 },
            { name: 'vendor-antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|@babel[\\/]runtime|dayjs|clsx|stylis|@emotion|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|json2mq|string-convert)[\\/]/, priority: 20 },
            // Everything else the first screen needs; socket.io-client stays with the Live page.
            { name: 'vendor', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
