import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { dispatch, type HandlerTable } from '../../main/core/ipc/dispatch';
import { APP_ORIGIN } from '../../main/core/security';
import { type Channel, channelNames, channels, ErrorKind, type IpcError } from '../../preload/contract';

const info = {
  name: 'Clinic Companion',
  version: '0.1.0',
  platform: 'linux',
  sandbox: true,
  zoomOAuthBaseUrl: 'https://zoom.us',
  zoomApiBaseUrl: 'https://api.zoom.us/v2',
};

type AnyHandler = (request: unknown) => Promise<unknown>;

/** A handler table where the named handlers are real functions and every other channel fails loudly. */
function tableWith(handlers: Partial<Record<Channel, AnyHandler>>): {
  table: HandlerTable;
  calls: unknown[];
} {
  const calls: unknown[] = [];
  const entries = channelNames.map((c) => {
    const h: AnyHandler = handlers[c] ?? (async () => Promise.reject(new Error(`unexpected call to ${c}`)));
    const recorded = (r: unknown) => {
      calls.push(r);
      return h(r);
    };
    return [c, recorded];
  });
  return { table: Object.fromEntries(entries) as unknown as HandlerTable, calls };
}

// The role check has its own generated test (roles.test.ts); these run as the admin.
const asAdmin = () => ({ role: 'admin' as const });
const trusted = { caller: asAdmin, senderOrigin: APP_ORIGIN, trustedOrigins: [APP_ORIGIN] };

describe('dispatch', () => {
  it('answers a trusted request from the app page', async () => {
    const { table } = tableWith({ 'app:getInfo': async () => info });
    expect(await dispatch(table, 'app:getInfo', {}, trusted)).toEqual({ ok: true, value: info });
  });

  it.each([
    null,
    undefined,
    '',
    'null',
    'https://evil.example',
    'app://companion.evil',
    'app://Companion',
    'file://',
    'http://127.0.0.1:5173',
  ])('refuses sender origin %j before any handler runs', async (origin) => {
    const { table, calls } = tableWith({ 'app:getInfo': async () => info });
    const r = await dispatch(
      table,
      'app:getInfo',
      {},
      { caller: asAdmin, senderOrigin: origin, trustedOrigins: [APP_ORIGIN] },
    );
    expect(r).toEqual({ ok: false, error: { kind: 'forbidden-sender', message: expect.any(String) } });
    expect(calls).toHaveLength(0);
  });

  it.each(['nope:nothing', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'APP:GETINFO'])(
    'refuses unknown channel %j',
    async (channel) => {
      const { table, calls } = tableWith({});
      const r = await dispatch(table, channel, {}, trusted);
      expect(r).toEqual({ ok: false, error: { kind: 'unknown-channel', message: 'Unknown request.' } });
      expect(calls).toHaveLength(0);
    },
  );

  it('refuses an invalid payload with a clear message and never calls the handler', async () => {
    const { table, calls } = tableWith({ 'app:getInfo': async () => info });
    const r = await dispatch(table, 'app:getInfo', { doctorId: 'x' }, trusted);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid-request');
    expect(r.error.message).toMatch(/^The request was not valid/);
    expect(r.error.message).toMatch(/doctorId/);
    expect(calls).toHaveLength(0);
  });

  it('treats a missing payload as an empty request', async () => {
    const { table } = tableWith({ 'app:getInfo': async () => info });
    expect((await dispatch(table, 'app:getInfo', undefined, trusted)).ok).toBe(true);
  });

  it('strips a token-like extra field so it never crosses into the renderer', async () => {
    const leaky = { ...info, accessToken: 'eyJ.secret.token', startUrl: 'https://zoom.us/s/1?zak=SECRET' };
    const { table } = tableWith({ 'app:getInfo': async () => leaky });
    const r = await dispatch(table, 'app:getInfo', {}, trusted);
    expect(r).toEqual({ ok: true, value: info });
    expect(JSON.stringify(r)).not.toMatch(/secret|SECRET/);
  });

  it('turns a response that breaks its schema into a generic internal error', async () => {
    const { table } = tableWith({ 'app:getInfo': async () => ({ name: 'x', zak: 'SECRET' }) });
    const seen: IpcError[] = [];
    const r = await dispatch(table, 'app:getInfo', {}, { ...trusted, onError: (_c, e) => seen.push(e) });
    expect(r).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'The companion produced an unexpected answer.' },
    });
    expect(seen).toHaveLength(1);
  });

  it.each(ErrorKind.options)('passes an AppError of kind %s through with its message', async (kind) => {
    const { table } = tableWith({
      'app:getInfo': async () => {
        throw new AppError(kind, 'Dr. Lee must reconnect Zoom.');
      },
    });
    expect(await dispatch(table, 'app:getInfo', {}, trusted)).toEqual({
      ok: false,
      error: { kind, message: 'Dr. Lee must reconnect Zoom.' },
    });
  });

  it('hides an unexpected error behind a generic internal error, but reports the cause to onError', async () => {
    const boom = new Error('connect ECONNREFUSED token=abc123 /home/clinic/secret.db');
    const { table } = tableWith({
      'app:getInfo': async () => {
        throw boom;
      },
    });
    const causes: unknown[] = [];
    const r = await dispatch(
      table,
      'app:getInfo',
      {},
      { ...trusted, onError: (_c, _e, cause) => causes.push(cause) },
    );
    expect(r).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong inside the companion.' },
    });
    expect(JSON.stringify(r)).not.toMatch(/abc123|ECONNREFUSED|secret/);
    expect(causes).toEqual([boom]);
  });
});

describe('dispatch with arbitrary payloads on every channel', () => {
  it('calls a handler only with a payload its schema accepts, and otherwise answers invalid-request', async () => {
    for (const channel of channelNames) {
      const received: unknown[] = [];
      const { table } = tableWith({
        [channel]: async (r: unknown) => {
          received.push(r);
          throw new AppError('not-found', 'stop');
        },
      });
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (payload) => {
          received.length = 0;
          // A caller the channel admits (roles have their own test): the admin where allowed, else
          // the doctor the payload names.
          const named = (payload as { doctorId?: unknown } | null)?.doctorId;
          const who = channels[channel].roles.includes('admin')
            ? asAdmin
            : () => ({ role: 'doctor' as const, doctorId: typeof named === 'string' ? named : 'd' });
          const r = await dispatch(table, channel, payload, { ...trusted, caller: who });
          expect(r.ok).toBe(false);
          if (r.ok) return;
          const accepted = channels[channel].request.safeParse(payload ?? {}).success;
          if (accepted) {
            expect(r.error.kind).toBe('not-found');
            expect(received).toHaveLength(1);
          } else {
            expect(r.error.kind).toBe('invalid-request');
            expect(received).toHaveLength(0);
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('never echoes payload values in the invalid-request message', async () => {
    const { table } = tableWith({});
    const marker = 'PATIENT-SECRET-7f3a';
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...channelNames),
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          fc.constantFrom(marker, [marker], { v: marker }),
        ),
        async (channel, payload) => {
          const r = await dispatch(table, channel, payload, trusted);
          expect(JSON.stringify(r)).not.toContain(marker);
        },
      ),
      { numRuns: 200 },
    );
  });
});
