import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const page = (name: string) => fileURLToPath(new URL(`client/${name}`, import.meta.url));

// The client lives in client/; the server serves the built files from dist/client.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Two pages: the console (index.html) and the residents' repair page (repair.html), which shares none of the console's code.
    rollupOptions: { input: { index: page('index.html'), repair: page('repair.html') } },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/models': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
