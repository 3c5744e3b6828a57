// One well-formed request per IPC channel, and the near-miss mutations the fuzzer derives from it.
// A channel added later without a sample here is still fuzzed, from an empty request.
import fc from 'fast-check';
import type { Channel, RequestOf } from '../../preload/contract';

export interface SampleIds {
  doctorId: string;
  patientId: string;
  appointmentId: string;
  date: string;
}

export function samples(ids: SampleIds): { [C in Channel]?: RequestOf<C> } {
  const appt = { id: ids.appointmentId, version: 1 };
  return {
    'app:getInfo': {},
    'app:getStatus': {},
    'app:exportDiagnostics': {},
    'clinicZoom:get': {},
    // The sandbox's own S2S account: even an accepted request only reaches 127.0.0.1.
    'clinicZoom:set': {
      accountId: 'sbxAcct_Clinic01',
      clientId: 'sandbox-s2s-client',
      clientSecret: 'wrong-secret',
    },
    'clinicZoom:clear': {},
    'settings:get': {},
    'settings:update': { autoLockMinutes: 15 },
    'settings:timeZones': {},
    'profiles:get': {},
    'profiles:unlock': { doctorId: ids.doctorId, pin: '999999' },
    'profiles:lock': {},
    'profiles:touch': {},
    'profiles:setPin': { doctorId: ids.doctorId, currentPin: '123456', newPin: '567890' },
    'profiles:security': {},
    'profiles:rights': {},
    'profiles:unlockAdmin': { secret: 'not-the-admin-secret' },
    'profiles:setAdminSecret': { currentSecret: 'not-the-admin-secret', newSecret: 'fuzz-admin-secret' },
    'doctors:list': {},
    'doctors:create': { displayName: 'Dr. Fuzz', email: 'fuzz@sandbox.test' },
    'doctors:update': { id: ids.doctorId, email: 'fuzz.zoom@sandbox.test' },
    'doctors:remove': { id: 'no-such-doctor' },
    'patients:list': { query: 'a' },
    'patients:create': { displayName: 'Fuzz Patient', phone: '+1 555 0100' },
    'appointments:listDay': { date: ids.date, doctorId: ids.doctorId },
    'appointments:create': {
      doctorId: ids.doctorId,
      patientId: ids.patientId,
      date: ids.date,
      time: '09:30',
      durationMin: 20,
      visitType: 'in_person',
    },
    'appointments:update': { ...appt, time: '10:00' },
    'appointments:cancel': appt,
    'appointments:delete': appt,
    'appointments:check': {
      doctorId: ids.doctorId,
      date: ids.date,
      time: '09:30',
      durationMin: 20,
      id: ids.appointmentId,
    },
    'appointments:nextFree': { doctorId: ids.doctorId, date: ids.date, durationMin: 20 },
    'appointments:search': { query: 'an', days: 42 },
    'meetings:phoneDetails': { appointmentId: ids.appointmentId },
    'meetings:start': { appointmentId: ids.appointmentId },
    'meetings:copyJoinLink': { appointmentId: ids.appointmentId },
    'meetings:copyInvitation': { appointmentId: ids.appointmentId },
    'meetings:emailInvitation': { appointmentId: ids.appointmentId },
    'meetings:retry': { appointmentId: ids.appointmentId },
    'attention:list': {},
    'connections:list': {},
    'connections:cancelConnect': { doctorId: ids.doctorId },
    'connections:connect': { doctorId: ids.doctorId },
    'connections:disconnect': { doctorId: ids.doctorId },
    'connections:confirmAccount': { doctorId: ids.doctorId, accountEmail: 'someone.else@sandbox.test' },
    'connections:rejectAccount': { doctorId: ids.doctorId },
    'import:preview': { kind: 'csv', fileName: 'x.csv', content: 'not,a,schedule\n' },
    'import:commit': { previewId: 'no-such-preview', onlyValidRows: true },
    'import:template': {},
    'kivicare:get': {},
    // Port 9 on loopback: nothing listens, so even an accepted request stays on this machine.
    'kivicare:connect': {
      siteUrl: 'https://127.0.0.1:9/',
      kind: 'app-password',
      username: 'fuzz',
      password: 'fuzz-password',
      companionProvisions: true,
      statusReading: 'documented',
    },
    'kivicare:disconnect': {},
    'kivicare:syncNow': { mode: 'incremental' },
    'kivicare:configure': { statusReading: 'swapped' },
  };
}

export const sampleFor = (ids: SampleIds, channel: Channel): Record<string, unknown> =>
  (samples(ids)[channel] as Record<string, unknown> | undefined) ?? {};

/** Values of the wrong type, or of the right type but absurd (huge, control characters, prototypes). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    null,
    undefined,
    '',
    -1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    2 ** 53 + 1,
    '9'.repeat(400),
    'x'.repeat(70_000),
    '\u0000\u202e\ud800',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; DROP TABLE appointments; --",
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__":{"polluted":true}}'),
    [],
    {},
  ),
  fc.string({ unit: 'binary' }),
);

/** A near miss: the sample with one key removed, retyped, or one unexpected key added. */
export function nearMiss(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(sample);
  const variants: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue)
      .filter(([k]) => !keys.includes(k))
      .map(([k, v]) => ({ ...sample, [k]: v })),
    fc.constantFrom('not an object', 42, [sample], null, true),
  ];
  if (keys.length > 0) {
    variants.push(
      fc.constantFrom(...keys).map((k) => {
        const { [k]: _drop, ...rest } = sample;
        return rest;
      }),
      fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...sample, [k]: v })),
    );
  }
  return fc.oneof(...variants);
}
