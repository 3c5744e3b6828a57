// Renderer figures for `npm run bench`: bundle size, first list paint in the demo, and filter time
// per keystroke at 2,000 rows. `measureRenderer()` returns them; run this file directly to print.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import { buildRenderer } from '../main/core/demo/build-renderer';
import { caller } from '../main/core/demo/call';
import { startDemoCore } from '../main/core/demo/demo-core';
import { seedBulk, seedDemo } from '../main/core/demo/seed';
import { startDemoServer } from '../main/core/demo/server';
import { launchChromium } from '../tests/e2e/browser';
import { FIRST_ROW_PROBE, firstRowPaintMs, keystrokeTimesMs, median } from '../tests/e2e/measure';

const ROOT = resolve(import.meta.dirname, '..');

export interface RendererFigures {
  bundle: {
    jsBytes: number;
    cssBytes: number;
    jsGzipBytes: number;
    cssGzipBytes: number;
    totalGzipBytes: number;
  };
  /** Navigation start to the first appointment row painted, demo server, 12 demo visits. */
  firstListPaintMs: number | null;
  /** Input event to next frame on the front desk's search, 2,000 rows. */
  filterKeystrokeMs: { median: number; max: number; rows: number } | null;
  notes: string[];
}

export function bundleSize(dir = resolve(ROOT, 'dist/renderer')): RendererFigures['bundle'] {
  const files = readdirSync(join(dir, 'assets')).map((f) => join(dir, 'assets', f));
  const sum = (ext: string, gz: boolean) =>
    files
      .filter((f) => f.endsWith(ext))
      .reduce(
        (n, f) => n + (gz ? gzipSync(readFileSync(f), { level: 9 }).length : readFileSync(f).length),
        0,
      );
  const jsGzipBytes = sum('.js', true);
  const cssGzipBytes = sum('.css', true);
  return {
    jsBytes: sum('.js', false),
    cssBytes: sum('.css', false),
    jsGzipBytes,
    cssGzipBytes,
    totalGzipBytes: jsGzipBytes + cssGzipBytes,
  };
}

export async function measureRenderer(options: { rows?: number } = {}): Promise<RendererFigures> {
  const rows = options.rows ?? 2000;
  const notes: string[] = [];
  const dir = await buildRenderer(ROOT, resolve(ROOT, 'dist/renderer'));
  const figures: RendererFigures = {
    bundle: bundleSize(dir),
    firstListPaintMs: null,
    filterKeystrokeMs: null,
    notes,
  };
  const core = await startDemoCore({
    env: {},
    policy: {},
    extra: { reconcileEveryMs: 0, syncKiviCare: false },
  });
  const browser = await launchChromium();
  try {
    const server = await startDemoServer({
      caller: core.companion.caller,
      handlers: core.companion.handlers,
      hub: core.hub,
      rendererDir: dir,
    });
    try {
      const seeded = await seedDemo(core.companion.handlers).catch((e: Error) => {
        notes.push(`demo data not seeded: ${e.message}`);
        return null;
      });
      if (!seeded) return figures;
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.addInitScript(FIRST_ROW_PROBE);
      await page.goto(server.url);
      figures.firstListPaintMs = Math.round(await firstRowPaintMs(page));
      // The bulk day is tomorrow: the book only takes visits in the future.
      const bulkDay = DateTime.fromISO(seeded.date).plus({ days: 1 }).toISODate()!;
      const doctorIds = seeded.doctors.map((d) => d.id);
      await seedBulk(core.companion.handlers, bulkDay, rows, doctorIds);
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Front desk' })
        .click();
      await page.locator('#desk-date').fill(bulkDay);
      const call = caller(core.companion.handlers);
      const total = (await call('appointments:listDay', { date: bulkDay })).appointments.length;
      await page
        .locator('.count')
        .filter({ hasText: `of ${total} appointments` })
        .waitFor();
      const times = await keystrokeTimesMs(page, 'bulk patient 042');
      figures.filterKeystrokeMs = {
        median: Number(median(times).toFixed(1)),
        max: Number(Math.max(...times).toFixed(1)),
        rows: total,
      };
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    await core.dispose();
  }
  return figures;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(JSON.stringify(await measureRenderer(), null, 2));
}
