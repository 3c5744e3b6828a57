// ESLint runs for one job Biome cannot do: type-aware checks that every promise is awaited or
// handled. The store is async (PostgreSQL or SQLite behind one API), and a store call left
// un-awaited would lose a write or an error without a sound. Biome does the rest of the linting.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'tests/fixtures/**', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['main/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
