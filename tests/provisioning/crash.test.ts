// Exactly once across a real crash: a child process runs the app on a data folder, is killed with
// SIGKILL at a write point, and a new instance on the same folder finishes the work.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '../../main/core/store/records';
import { DOCTORS, type Harness, startHarness } from './harness';

const CHILD = join(import.meta.dirname, 'fixtures', 'provision-child.ts');

let h: Harness;
let dataDir: string;
beforeEach(async () => {
  h = await startHarness();
  // The doctor connects in this process; the child and the restart share the folder and vault key.
  const s = await h.open();
  dataDir = s.dataDir;
  await h.connect(s, 'lee');
  await h.connect(s, 'patel');
  await s.dispose();
});
afterEach(async () => {
  h.assertNoPatientDataOnZoom();
  h.assertNoStartUrlOnDisk();
  await h.close();
});

function runChild(op: string, killAt: string, appointmentId = '') {
  return new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        ...h.env,
        DATA_DIR: dataDir,
        CLOCK_OFFSET: String(h.clock.offset),
        OP: op,
        KILL_AT: killAt,
        APPOINTMENT_ID: appointmentId,
        DOCTOR_ID: DOCTORS.lee.id,
        PATIENT_ID: 'pat-1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** The app starting again on the same folder: in-flight work is released and drained. */
async function restart() {
  const s = await h.open({ dataDir });
  await s.engine.start();
  await h.settle(s);
  return s;
}

const only = async (s: {
  repos: { appointments: { listRange(a: string, b: string): Promise<Appointment[]> } };
}) => {
  const all = await s.repos.appointments.listRange('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe('killed while creating the meeting', () => {
  it.each(['before-create', 'after-create'])(
    'killed at %s: after restart exactly one meeting, mapping ready',
    async (point) => {
      const r = await runChild('create', point);
      expect(r.signal, r.stderr).toBe('SIGKILL');
      expect(h.sandbox.stats().creates).toBe(point === 'after-create' ? 1 : 0);
      const s = await restart();
      const a = await only(s);
      const meetings = h.meetingsFor(a.reference);
      expect(meetings).toHaveLength(1);
      expect(h.sandbox.stats().creates).toBe(1);
      expect(await s.repos.mappings.get(a.id)).toMatchObject({
        state: 'ready',
        zoomMeetingId: meetings[0]!.id,
      });
      expect(await s.engine.queueDepth()).toEqual({ pending: 0, parked: 0, cleanup: 0 });
    },
  );

  it('not killed: the child provisions and exits normally', async () => {
    const r = await runChild('create', 'none');
    expect(r.code, r.stderr).toBe(0);
    const s = await restart();
    const a = await only(s);
    expect(h.meetingsFor(a.reference)).toHaveLength(1);
    expect((await s.repos.mappings.get(a.id))?.state).toBe('ready');
  });
});

describe('killed while changing an existing meeting', () => {
  async function provisioned() {
    const s = await h.open({ dataDir });
    const a = await h.book(s, { hoursAhead: 40 });
    await s.engine.drain();
    const meetingId = (await s.repos.mappings.get(a.id))!.zoomMeetingId!;
    await s.dispose();
    return { a, meetingId };
  }

  it('killed after the update: after restart the same meeting carries the new time', async () => {
    const { a, meetingId } = await provisioned();
    const r = await runChild('reschedule', 'after-update', a.id);
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const s = await restart();
    const moved = await s.book.get(a.id);
    expect(moved.startUtc).not.toBe(a.startUtc);
    expect(h.meetingsFor(a.reference)).toEqual([
      expect.objectContaining({ id: meetingId, start_time: moved.startUtc }),
    ]);
    expect(h.sandbox.stats().creates).toBe(1);
    expect(await s.repos.mappings.get(a.id)).toMatchObject({ state: 'ready', zoomMeetingId: meetingId });
  });

  it('killed after the delete: after restart the mapping is deleted and Zoom has nothing left', async () => {
    const { a, meetingId } = await provisioned();
    const r = await runChild('cancel', 'after-delete', a.id);
    expect(r.signal, r.stderr).toBe('SIGKILL');
    expect(h.meetingsFor(a.reference)).toHaveLength(0);
    const s = await restart();
    expect(await s.repos.mappings.get(a.id)).toMatchObject({ state: 'deleted', zoomMeetingId: null });
    expect(h.sandbox.deletedMeetings().map((m) => m.id)).toEqual([meetingId]);
    expect(await s.engine.queueDepth()).toEqual({ pending: 0, parked: 0, cleanup: 0 });
  });
});

describe('killed after the create, then the doctor changes before the work resumes', () => {
  it('the meeting made for the first doctor is found and deleted, the new doctor gets one', async () => {
    const r = await runChild('create', 'after-create');
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const s = await h.open({ dataDir });
    const a = await only(s);
    const orphan = h.meetingsFor(a.reference)[0]!;
    expect(orphan.host_email).toBe(DOCTORS.lee.email);
    await s.book.changeDoctor(a.id, a.version, DOCTORS.patel.id, { actor: 'front-desk' });
    await s.engine.start();
    await h.settle(s);
    const live = h.meetingsFor(a.reference);
    expect(live).toHaveLength(1);
    expect(live[0]!.host_email).toBe(DOCTORS.patel.email);
    expect(h.sandbox.deletedMeetings().map((m) => m.id)).toContain(orphan.id);
    expect(await s.repos.mappings.get(a.id)).toMatchObject({
      state: 'ready',
      doctorId: DOCTORS.patel.id,
      zoomMeetingId: live[0]!.id,
    });
  });
});
