// Roles are enforced by the core: every channel of the contract, with every role, through the real
// dispatcher. A refused caller gets 'not-allowed' and the handler never runs (no side effect), and
// that holds before the payload is even validated. The table at the bottom pins the rules the issue
// named, so a channel quietly opened to front desk in the contract fails here.
import { describe, expect, it } from 'vitest';
import { type Caller, dispatch, type HandlerTable } from '../../main/core/ipc/dispatch';
import { type Channel, channelNames, channels, type Role } from '../../preload/contract';
import { sampleFor } from '../reliability/ipc-samples';

const ORIGIN = 'app://companion';
const ids = { doctorId: 'doc-own', patientId: 'pat-1', appointmentId: 'appt-1', date: '2026-03-14' };
const ROLES: Role[] = ['front-desk', 'doctor', 'admin'];
const callerFor = (role: Role, doctorId = 'doc-own'): Caller =>
  role === 'doctor' ? { role, doctorId } : ({ role } as Caller);

/** Every handler records that it ran and answers nothing useful: only the dispatcher's verdict counts. */
function recordingTable() {
  const ran: string[] = [];
  const table = Object.fromEntries(
    channelNames.map((c) => [
      c,
      async () => {
        ran.push(c);
        throw new Error('handler reached');
      },
    ]),
  ) as unknown as HandlerTable;
  return { table, ran };
}

const call = (table: HandlerTable, channel: Channel, request: unknown, who: Caller) =>
  dispatch(table, channel, request, { caller: () => who, senderOrigin: ORIGIN, trustedOrigins: [ORIGIN] });

describe('every channel × every role', () => {
  for (const channel of channelNames) {
    const access = channels[channel];
    for (const role of ROLES) {
      const allowed = access.roles.includes(role);
      it(`${channel} as ${role}: ${allowed ? 'reaches the handler' : 'refused, nothing runs'}`, async () => {
        const { table, ran } = recordingTable();
        const r = await call(table, channel, sampleFor(ids, channel), callerFor(role));
        if (allowed) {
          expect(r.ok || r.error.kind !== 'not-allowed').toBe(true);
          return;
        }
        expect(r).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
        expect(ran).toEqual([]);
        // Refused before validation: a malformed payload gets the same answer, not a schema error.
        const garbage = await call(table, channel, { nonsense: '\u0000'.repeat(3) }, callerFor(role));
        expect(garbage).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
        if (!r.ok) expect(r.error.message).toMatch(/^Only .+ can do this\./);
      });
    }
    if (access.own) {
      it(`${channel}: a doctor acting for another doctor is refused, nothing runs`, async () => {
        const { table, ran } = recordingTable();
        const request = { ...sampleFor(ids, channel), [access.own!]: 'doc-someone-else' };
        const r = await call(table, channel, request, callerFor('doctor', 'doc-own'));
        expect(r).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
        expect(ran).toEqual([]);
      });
    }
  }
});

describe('the rules the clinic relies on', () => {
  const ADMIN_ONLY: Channel[] = [
    'settings:update',
    'clinicZoom:set',
    'clinicZoom:clear',
    'doctors:create',
    'doctors:update',
    'doctors:remove',
    'kivicare:connect',
    'kivicare:disconnect',
    'kivicare:configure',
    'app:exportDiagnostics',
  ];
  const DOCTOR_OWN: Channel[] = [
    'connections:connect',
    'connections:confirmAccount',
    'connections:rejectAccount',
  ];
  const FRONT_DESK_WORK: Channel[] = [
    'appointments:listDay',
    'appointments:create',
    'appointments:update',
    'appointments:cancel',
    'import:preview',
    'import:commit',
    'meetings:copyJoinLink',
    'meetings:copyInvitation',
    'meetings:emailInvitation',
    'kivicare:syncNow',
  ];

  it.each(ADMIN_ONLY)('%s: the clinic admin only', (c) => {
    expect(channels[c].roles).toEqual(['admin']);
  });

  it.each(DOCTOR_OWN)('%s: the doctor, for their own profile only', (c) => {
    expect(channels[c]).toMatchObject({ roles: ['doctor'], own: 'doctorId' });
  });

  it('disconnecting and setting a PIN: the doctor for themselves, or the admin for anyone; never front desk', () => {
    for (const c of ['connections:disconnect', 'profiles:setPin'] as const) {
      expect(channels[c]).toMatchObject({ roles: ['doctor', 'admin'], own: 'doctorId' });
    }
  });

  it('only a doctor starts a visit (their own: the engine checks the appointment’s doctor)', () => {
    expect(channels['meetings:start'].roles).toEqual(['doctor']);
  });

  it.each(FRONT_DESK_WORK)('%s: front desk’s daily work stays open to front desk', (c) => {
    expect(channels[c].roles).toContain('front-desk');
  });
});
