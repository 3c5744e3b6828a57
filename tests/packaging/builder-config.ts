// Reads electron-builder.yml and validates it against electron-builder's own JSON schema.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder; it ships no types, and we need only load().
const yaml = require('js-yaml') as { load(text: string): unknown };

export type BuilderConfig = Record<string, unknown>;

export function loadBuilderConfig(file = 'electron-builder.yml'): BuilderConfig {
  return yaml.load(readFileSync(file, 'utf8')) as BuilderConfig;
}

/** Schema errors as readable lines; an empty list means electron-builder accepts the config. */
export function builderSchemaErrors(config: unknown): string[] {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
  // Same options as electron-builder's validator, minus type coercion so "true" is not a boolean.
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
