// A desktop whose embedded database was moved to the clinic server must not quietly go on writing
// to it: visits booked there would be seen by no other desktop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../main/core/app/services';
import { MOVED_KEY } from '../../main/core/clinic/move-in';
import { createRepositories, openStore } from '../../main/core/store';
import { startTestCompanion } from '../app/test-companion';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('an embedded database already moved to the clinic server', () => {
  it('is refused at start with the server and the date named, and left as it was', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-moved-'));
    dirs.push(dataDir);
    const store = openStore(path.join(dataDir, DATABASE_FILE));
    await createRepositories(store).settings.set(MOVED_KEY, {
      server: 'postgres://companion@clinic-server:5432/clinic',
      at: '2026-11-30T18:00:00.000Z',
      desktop: 'Reception',
    });
    await store.close();
    await expect(startTestCompanion({ dataDir })).rejects.toThrow(
      /moved to the clinic server postgres:\/\/companion@clinic-server:5432\/clinic on 2026-11-30/,
    );
  });

  it('a database that was not moved opens as before', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-moved-'));
    dirs.push(dataDir);
    const c = await startTestCompanion({ dataDir });
    expect((await c.call('app:getStatus', {})).database).toMatchObject({ shared: false, connected: true });
    await c.dispose();
  });
});
