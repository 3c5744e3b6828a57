// In-page measurements shared by the scale test and `npm run bench`.
import type { Page } from 'playwright-core';

/** Installed before the page loads: notes when the first appointment row is painted. */
export const FIRST_ROW_PROBE = `(() => {
  const seen = () => document.querySelector('tbody tr');
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__firstRowPaint = performance.now(); });
  });
  addEventListener('DOMContentLoaded', () => obs.observe(document.body, { childList: true, subtree: true }));
})();`;

export async function firstRowPaintMs(page: Page): Promise<number> {
  await page.waitForFunction(
    () => typeof (window as { __firstRowPaint?: number }).__firstRowPaint === 'number',
  );
  return page.evaluate(() => (window as unknown as { __firstRowPaint: number }).__firstRowPaint);
}

/**
 * Types `text` into the front desk's search one character at a time and returns, per keystroke,
 * the work it causes: from the input event until React has rendered and the browser has laid the
 * page out (forced with a layout read). Waiting for the next frame would measure the display's
 * refresh interval (16.7 ms at 60 Hz) rather than the work that has to fit into it.
 */
export async function keystrokeTimesMs(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (t) => {
    const input = document.getElementById('f-search') as HTMLInputElement;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const times: number[] = [];
    for (let i = 1; i <= t.length; i++) {
      const start = performance.now();
      setValue.call(input, t.slice(0, i));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // React flushes input-driven updates before the next task; the layout read forces style and layout.
      await new Promise<void>((r) => setTimeout(r, 0));
      document.body.getBoundingClientRect();
      times.push(performance.now() - start);
    }
    return times;
  }, text);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
}
