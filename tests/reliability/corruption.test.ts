// Damaged files under the whole app, not just the store: a corrupted database, settings file or
// credentials file is set aside byte for byte under a new name and reported in words; the app never
// silently starts over as if nothing had been there.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCompanion } from './companion-fixture';

async function seededFolder(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-corrupt-'));
  const f = await openCompanion({ dataDir });
  await f.actAs('admin');
  const d = await f.call('doctors:create', { displayName: 'Dr. Lee', email: 'dr.lee@sandbox.test' });
  expect(d.ok).toBe(true);
  await f.call('settings:update', { autoLockMinutes: 7 });
  // A doctor connected through the built-in sandbox, so the credentials file exists.
  const doctorId = (d as { value: { id: string } }).value.id;
  await f.actAs({ doctorId });
  await f.call('connections:connect', { doctorId });
  await fetch(await f.companion.services.sandbox!.approve(f.opened.pop()!, 'dr.lee@sandbox.test'));
  for (let i = 0; i < 100 && !existsSync(join(dataDir, 'credentials.json')); i++)
    await new Promise((r) => setTimeout(r, 20));
  await f.companion.dispose();
  return dataDir;
}

const rows = (snapshot: string) =>
  snapshot
    .split('\n')
    .filter((l) => !l.includes('.json'))
    .join('\n');
const aside = (dataDir: string, name: string) =>
  readdirSync(dataDir).filter((f) => f.startsWith(`${name}.corrupt-`));

describe('corrupted files at start-up', () => {
  it('a damaged database: start-up fails with words naming where it was set aside, bytes kept', async () => {
    const dataDir = await seededFolder();
    const db = join(dataDir, 'companion.db');
    const bytes = readFileSync(db);
    // Keep the header, wreck the pages after it.
    bytes.fill(0xa5, 100, Math.min(bytes.length, 8192));
    writeFileSync(db, bytes);
    const err = await openCompanion({ dataDir }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'internal' });
    expect(err.message).toMatch(/damaged.*set aside.*nothing was deleted/s);
    const [moved] = aside(dataDir, 'companion.db');
    expect(moved).toBeDefined();
    expect(readFileSync(join(dataDir, moved!)).equals(bytes)).toBe(true);
    expect(err.message).toContain(moved);
  });

  it('a file that is not a database at all is set aside the same way', async () => {
    const dataDir = await seededFolder();
    writeFileSync(join(dataDir, 'companion.db'), 'PK\u0003\u0004 this is a zip file, not a database');
    const err = await openCompanion({ dataDir }).catch((e) => e);
    expect(err.message).toMatch(/set aside/);
    expect(aside(dataDir, 'companion.db')).toHaveLength(1);
  });

  it.each([
    ['truncated JSON', '{"autoLockMinutes": 7, "clin'],
    ['binary junk', '\u0000\u00ff\u00fe garbage'],
  ])(
    'a settings file with %s: start-up fails saying it was set aside; the rows are untouched',
    async (_n, junk) => {
      const dataDir = await seededFolder();
      writeFileSync(join(dataDir, 'settings.json'), junk);
      const err = await openCompanion({ dataDir }).catch((e) => e);
      expect(err.message).toMatch(
        /settings file was damaged and has been set aside as settings\.json\.corrupt-/,
      );
      const [moved] = aside(dataDir, 'settings.json');
      expect(readFileSync(join(dataDir, moved!), 'utf8')).toBe(junk);
      // The next start runs on defaults, and the appointment book is exactly as it was.
      const f = await openCompanion({ dataDir });
      const doctors = await f.call('doctors:list', {});
      expect((doctors as { value: unknown[] }).value).toHaveLength(1);
      await f.companion.dispose();
    },
  );

  it('a corrupted credentials file: reported as damaged and set aside, never read as "no sign-ins"', async () => {
    const dataDir = await seededFolder();
    const junk = '{"connections": [truncated';
    writeFileSync(join(dataDir, 'credentials.json'), junk);
    // Either start-up itself stops with the reason, or the app starts and the first read says so.
    const started = await openCompanion({ dataDir }).catch((e) => e);
    if (started instanceof Error) {
      expect(started).toMatchObject({ kind: 'vault-unavailable' });
      expect(started.message).toMatch(/damaged and have been set aside.*must reconnect/);
    } else {
      const f = started;
      const before = rows(await f.snapshot());
      const list = await f.call('connections:list', {});
      if (list.ok) {
        for (const c of list.value as { state: string }[]) expect(c.state).not.toBe('connected');
        expect(JSON.stringify(list)).toMatch(/damaged|set aside|reconnect/i);
      } else expect(list.error.kind).toBe('vault-unavailable');
      expect(rows(await f.snapshot())).toBe(before);
      await f.companion.dispose();
    }
    const [moved] = aside(dataDir, 'credentials.json');
    expect(moved).toBeDefined();
    expect(readFileSync(join(dataDir, moved!), 'utf8')).toBe(junk);
  });
});
