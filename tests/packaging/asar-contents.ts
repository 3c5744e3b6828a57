// What must and must not be inside the packaged app.asar.

/** Returns why a listing (paths as @electron/asar lists them, starting with '/') is not a shippable app. */
export function asarProblems(listing: readonly string[], prodDependencies: readonly string[]): string[] {
  const files = new Set(listing.map((p) => p.replaceAll('\\', '/')));
  const problems: string[] = [];
  for (const required of [
    '/dist/main/index.js',
    '/dist/preload/index.cjs',
    '/dist/renderer/index.html',
    '/package.json',
  ]) {
    if (!files.has(required)) problems.push(`missing ${required}`);
  }
  for (const dep of prodDependencies) {
    if (!files.has(`/node_modules/${dep}/package.json`))
      problems.push(`missing production dependency ${dep}`);
  }
  for (const file of files) {
    if (file.endsWith('.map')) problems.push(`source map ${file}`);
    if (/^\/(tests|main|preload|renderer|scripts|\.ci|build)(\/|$)/.test(file))
      problems.push(`source folder ${file}`);
    if (!file.startsWith('/node_modules/') && /\.(c|m)?tsx?$/.test(file)) problems.push(`TypeScript ${file}`);
    if (
      /^\/(electron-builder\.yml|tsconfig\.json|vite\..*|vitest\..*|biome\.json|package-lock\.json)$/.test(
        file,
      )
    ) {
      problems.push(`build config ${file}`);
    }
    if (/^\/node_modules\/(electron|vite|vitest|typescript|electron-builder|@biomejs)\//.test(file)) {
      problems.push(`dev dependency ${file}`);
    }
  }
  return problems;
}
