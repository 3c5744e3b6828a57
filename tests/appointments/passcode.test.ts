import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePasscode } from '../../main/core/appointments/passcode';

describe('meeting passcodes', () => {
  it('are 10 characters of letters and digits with an upper-case letter, a lower-case letter and a digit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async () => {
        const p = await generatePasscode();
        expect(p).toMatch(/^[A-Za-z0-9]{10}$/);
        expect(p).toMatch(/[A-Z]/);
        expect(p).toMatch(/[a-z]/);
        expect(p).toMatch(/[0-9]/);
        expect(p).not.toMatch(/[0O1lI]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('honour a shorter length and a special-character rule within Zoom’s alphabet', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 6, max: 10 }), async (length) => {
        const p = await generatePasscode({ length, requireSpecial: true });
        expect(p).toHaveLength(length);
        expect(p).toMatch(/^[A-Za-z0-9@\-_*]+$/);
        expect(p).toMatch(/[@\-_*]/);
      }),
    );
  });

  it('never repeat a passcode another meeting already has', async () => {
    const taken = new Set<string>();
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const p = await generatePasscode({
        isTaken: (c) => {
          // Pretend the first candidate of every call is taken, so the retry path runs too.
          if (refused <= i) {
            refused++;
            return true;
          }
          return taken.has(c);
        },
      });
      expect(taken.has(p)).toBe(false);
      taken.add(p);
    }
    expect(taken.size).toBe(5000);
  });

  it('give up loudly rather than loop forever when every candidate is taken', async () => {
    await expect(generatePasscode({ isTaken: () => true })).rejects.toThrow(/unused passcode/);
  });

  it('spread over the alphabet (no character class starves)', async () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++)
      for (const c of await generatePasscode()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(55);
    const values = [...counts.values()];
    expect(Math.min(...values) / Math.max(...values)).toBeGreaterThan(0.6);
  });
});
