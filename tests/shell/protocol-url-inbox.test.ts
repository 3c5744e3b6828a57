import { describe, expect, it } from 'vitest';
import { createProtocolUrlInbox } from '../../main/core/security';

describe('protocol URL inbox', () => {
  it('keeps URLs that arrive before the core exists and hands them over in order', async () => {
    const inbox = createProtocolUrlInbox(() => {});
    inbox.deliver('com.cliniccompanion.app://a');
    inbox.deliver('com.cliniccompanion.app://b');
    const seen: string[] = [];
    inbox.open(async (url) => {
      seen.push(url);
    });
    inbox.deliver('com.cliniccompanion.app://c');
    expect(seen).toEqual([
      'com.cliniccompanion.app://a',
      'com.cliniccompanion.app://b',
      'com.cliniccompanion.app://c',
    ]);
  });

  it('reports a failing handler instead of throwing into Electron', async () => {
    const errors: unknown[] = [];
    const inbox = createProtocolUrlInbox((e) => errors.push(e));
    inbox.open(async () => {
      throw new Error('bad state');
    });
    inbox.deliver('com.cliniccompanion.app://x');
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });
});
