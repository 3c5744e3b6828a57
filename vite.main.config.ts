import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Main process: an SSR-style build for Node. Production dependencies stay external and ship in the
// asar's node_modules; everything else (our own code) is bundled into one ESM file.
const external = [
  'electron',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}),
];

export default defineConfig({
  build: {
    ssr: 'main/electron/main.ts',
    outDir: 'dist/main',
    emptyOutDir: true,
    sourcemap: false,
    target: 'node22',
    rollupOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
});
