import { defineConfig } from 'vite';

// A sandboxed preload cannot require() anything but a few Electron modules, so it is bundled
// into one CommonJS file with only `electron` left external.
export default defineConfig({
  build: {
    ssr: 'preload/index.ts',
    outDir: 'dist/preload',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome140',
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: 'index.cjs' },
    },
  },
  ssr: { noExternal: true, target: 'webworker' },
});
