import { describe, expect, it } from 'vitest';
import { APP_URL_SCHEME } from '../../main/core/security';
import { type BuilderConfig, builderSchemaErrors, loadBuilderConfig } from './builder-config';

const config = loadBuilderConfig();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(builderSchemaErrors(config)).toEqual([]);
  });

  it('fails the schema when broken', () => {
    expect(builderSchemaErrors({ ...config, asar: 'yes' })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, appIdentifier: 'x' })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, electronFuses: { runAsNode: 'no' } })).not.toEqual([]);
    expect(builderSchemaErrors({ ...config, protocols: [{ schemes: [APP_URL_SCHEME] }] })).not.toEqual([]);
  });

  it('names the app by its reverse-DNS id and registers the callback scheme with the OS', () => {
    expect(config.appId).toBe('com.cliniccompanion.app');
    expect(config.productName).toBe('Clinic Companion');
    expect(config.protocols).toEqual([{ name: expect.any(String), schemes: [APP_URL_SCHEME] }]);
    const linux = config.linux as { desktop: { entry: Record<string, string> } };
    expect(linux.desktop.entry.MimeType).toBe(`x-scheme-handler/${APP_URL_SCHEME};`);
  });

  it('ships only the built app inside an asar', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['dist/**/*', 'package.json', '!**/*.map', '!**/*.ts']);
  });

  it('flips the fuses that stop the binary being used as a generic Node or loading code from outside the asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    } satisfies BuilderConfig);
  });
});
