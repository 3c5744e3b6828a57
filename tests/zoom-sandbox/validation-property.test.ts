import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, visit } from './helpers';

let sb: ZoomSandbox;
let token: string;
beforeAll(async () => {
  sb = await startZoomSandbox({ rateLimits: false, dailyCreateUpdateLimit: 10_000 });
  token = (await connectDoctor(sb)).access_token;
});
afterAll(() => sb.close());

const PASSCODE = /^[A-Za-z0-9@_*-]{1,10}$/;

describe('create validation follows the documented limits exactly', () => {
  it('accepts a passcode if and only if it is 1-10 of letters, digits and @ - _ *', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'aZ09@-_* !#é'.split('')), maxLength: 12 }),
        async (password) => {
          const res = await api(sb, token, 'POST', '/users/me/meetings', { ...visit, password });
          expect(res.status).toBe(PASSCODE.test(password) ? 201 : 400);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accepts a topic of up to 200 characters and an agenda of up to 2000', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 195, max: 205 }),
        fc.integer({ min: 1995, max: 2005 }),
        async (t, a) => {
          const res = await api(sb, token, 'POST', '/users/me/meetings', {
            ...visit,
            topic: 't'.repeat(t),
            agenda: 'a'.repeat(a),
          });
          expect(res.status).toBe(t <= 200 && a <= 2000 ? 201 : 400);
        },
      ),
      { numRuns: 20 },
    );
  });
});
