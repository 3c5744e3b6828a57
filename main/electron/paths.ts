// Where the built app's parts live, relative to dist/main/index.js (inside the asar when packaged).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const rendererDir = path.join(distDir, 'renderer');
export const preloadPath = path.join(distDir, 'preload', 'index.cjs');
