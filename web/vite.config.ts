import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The dashboard's folder: the build works from whatever directory vite is started in. */
const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Where `vite dev` / `vite preview` forward API calls; the Switchboard server by default. */
const apiTarget = process.env.SWITCHBOARD_API_URL ?? 'http://127.0.0.1:3000';

const apiProxy = {
  '/v1': {
    target: apiTarget,
    ws: true,
    // The server accepts cookie-authenticated WebSockets only from its own origin.
    configure: (proxy: {
      on(
        event: 'proxyReqWs',
        listener: (request: { setHeader(name: string, value: string): void }) => void,
      ): void;
    }) => {
      proxy.on('proxyReqWs', (request) => request.setHeader('origin', apiTarget));
    },
  },
};

export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite 8 transforms TSX with oxc; JSX goes through Preact's automatic runtime.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
