// Broken schedule files through `import:preview` on a real companion: random bytes, truncated and
// mangled real files, wrong encodings, huge files. Each preview names a file error or per-row
// errors; nothing is written by a preview, and committing a preview with no valid row imports nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, openCompanion } from './companion-fixture';

const FIXTURES = join(import.meta.dirname, '..', 'import', 'fixtures');
const valid = {
  csv: readFileSync(join(FIXTURES, 'valid.csv'), 'utf8'),
  ics: readFileSync(join(FIXTURES, 'berlin.ics'), 'utf8'),
};
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

let f: Fixture;
beforeAll(async () => {
  f = await openCompanion();
  // The doctors and patients the real fixtures name, so a whole valid row is possible at all.
  await f.call('doctors:create', { displayName: 'Dr. Lee', email: 'lee@clinic.test' });
  await f.call('doctors:create', { displayName: 'Dr. Kim', email: 'kim@clinic.test' });
});
afterAll(async () => {
  await f?.close();
});

interface Preview {
  previewId: string;
  fileError: string | null;
  rows: { ok: boolean; errors: string[] }[];
  valid: number;
  invalid: number;
}

/** Previews the content; if no row is valid, the file or every row says why and committing imports nothing. */
async function previewAndCommit(kind: 'csv' | 'ics', content: string) {
  const before = await f.snapshot();
  const r = await f.call('import:preview', { kind, fileName: `broken.${kind}`, content });
  if (!r.ok) {
    expect(r.error.kind).toBe('invalid-request');
    expect(await f.snapshot()).toBe(before);
    return;
  }
  const p = r.value as Preview;
  expect(await f.snapshot()).toBe(before);
  if (p.fileError !== null) {
    expect(p.fileError.length).toBeGreaterThan(10);
    expect(p.rows).toEqual([]);
  } else {
    for (const row of p.rows) if (!row.ok) expect(row.errors.length).toBeGreaterThan(0);
  }
  if (p.valid === 0) {
    for (const onlyValidRows of [true, false]) {
      const c = await f.call('import:commit', { previewId: p.previewId, onlyValidRows });
      if (c.ok) expect((c.value as { imported: number }).imported).toBe(0);
      expect(await f.snapshot()).toBe(before);
    }
  }
}

describe('broken ICS and CSV files', () => {
  it.each([
    'garbage.bin',
    'truncated.csv',
    'truncated.ics',
    'not-calendar.ics',
    'wrong-header.csv',
    'empty.csv',
  ])('the broken fixture %s is refused or flagged row by row, and nothing is imported', async (name) => {
    const content = readFileSync(join(FIXTURES, name), 'latin1');
    await previewAndCommit(name.endsWith('.ics') ? 'ics' : 'csv', content);
  });

  it('random bytes, as either kind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4000 }),
        fc.constantFrom('csv', 'ics'),
        async (bytes, kind) => {
          await previewAndCommit(kind as 'csv' | 'ics', Buffer.from(bytes).toString('latin1'));
        },
      ),
      { numRuns: RUNS, seed: 8 },
    );
  });

  it('real files cut at a random point or with a random slice replaced', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('csv', 'ics'),
        fc.nat(),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 50 }),
        async (kind, a, b, junk) => {
          const text = valid[kind as 'csv' | 'ics'];
          const i = a % text.length;
          const j = i + (b % 80);
          // Cut, or spliced with junk: some rows may stay valid, and those are the only ones that may import.
          await previewAndCommit(
            kind as 'csv' | 'ics',
            b % 2 ? text.slice(0, i) : text.slice(0, i) + junk + text.slice(j),
          );
        },
      ),
      { numRuns: RUNS, seed: 8 },
    );
  });

  it.each<[string, string]>([
    [
      'UTF-16LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid.csv, 'utf16le')]).toString('latin1'),
    ],
    ['UTF-16BE read as text', Buffer.from(valid.csv, 'utf16le').swap16().toString('latin1')],
    ['NUL bytes between rows', valid.csv.replaceAll('\n', '\n\u0000')],
    ['only a header and 5,000 empty rows', `${valid.csv.split('\n')[0]}\n${'\n'.repeat(5000)}`],
    [
      'formula injection in every cell',
      `${valid.csv.split('\n')[0]}\n${'=HYPERLINK("http://evil.test"),'.repeat(9)}\n`,
    ],
  ])('a CSV in %s is refused or flagged', async (_name, content) => {
    await previewAndCommit('csv', content);
  });

  it('a file just under the 5 MB limit is read without harm, one over it is refused as invalid', async () => {
    const row = '2030-02-04,09:00,20,Nobody Known,Some Patient,,,telemed,\n';
    const big = `${valid.csv.split('\n')[0]}\n${row.repeat(Math.floor(4_900_000 / row.length))}`;
    await previewAndCommit('csv', big);
    const before = await f.snapshot();
    const r = await f.call('import:preview', {
      kind: 'csv',
      fileName: 'huge.csv',
      content: 'x'.repeat(5_000_001),
    });
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(await f.snapshot()).toBe(before);
  });

  it('an ICS with ten thousand events is refused as a whole, not half imported', async () => {
    const event = (i: number) =>
      `BEGIN:VEVENT\r\nUID:e${i}\r\nDTSTART:20300204T090000Z\r\nDTEND:20300204T093000Z\r\nSUMMARY:Visit ${i}\r\nEND:VEVENT\r\n`;
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\n${Array.from({ length: 10_000 }, (_, i) => event(i)).join('')}END:VCALENDAR\r\n`;
    await previewAndCommit('ics', ics);
  });
});
