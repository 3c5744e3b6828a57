import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain web page: it is served by the app:// protocol in Electron and by the
// demo server in a browser. Relative base so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome140',
  },
});
