import { describe, expect, it } from 'vitest';
import { decideUpdates, UPDATE_CHECK_EVERY_MS } from '../../main/core/deploy/update-mode';

const feedUrl = 'https://updates.clinic.example/companion/';
const packaged = { isPackaged: true, platform: 'win32' as const, env: {} };

describe('update mode', () => {
  it('is off by default: no policy, or a policy without a feed', () => {
    expect(decideUpdates({ ...packaged, updates: undefined })).toEqual({
      mode: 'off',
      reason: 'turned off by policy',
    });
    expect(decideUpdates({ ...packaged, updates: { mode: 'auto' } })).toMatchObject({
      mode: 'off',
      reason: expect.stringMatching(/no update feed/),
    });
  });

  it.each(['auto', 'notify'] as const)('follows the policy: %s', (mode) => {
    expect(decideUpdates({ ...packaged, updates: { mode, feedUrl } })).toEqual({
      mode,
      feedUrl,
      checkEveryMs: UPDATE_CHECK_EVERY_MS,
    });
  });

  it('stays off when IT turned it off even with a feed', () => {
    expect(decideUpdates({ ...packaged, updates: { mode: 'off', feedUrl } }).mode).toBe('off');
  });

  it('refuses a feed that is not https', () => {
    expect(
      decideUpdates({ ...packaged, updates: { mode: 'auto', feedUrl: 'http://updates.clinic.example/' } }),
    ).toEqual({
      mode: 'off',
      reason: 'the update feed must be https',
    });
  });

  it('never updates a development run', () => {
    expect(decideUpdates({ ...packaged, isPackaged: false, updates: { mode: 'auto', feedUrl } }).mode).toBe(
      'off',
    );
  });

  it('updates an AppImage on Linux and leaves a deb to the package manager', () => {
    const linux = {
      isPackaged: true,
      platform: 'linux' as const,
      updates: { mode: 'auto' as const, feedUrl },
    };
    expect(decideUpdates({ ...linux, env: { APPIMAGE: '/opt/cc.AppImage' } }).mode).toBe('auto');
    expect(decideUpdates({ ...linux, env: {} })).toMatchObject({
      mode: 'off',
      reason: expect.stringMatching(/package manager/),
    });
  });
});
