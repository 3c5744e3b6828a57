// One doctor's day: list, timeline, and Start for the unlocked doctor's tele-visits.
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BookingPausedNote, pausable, useBookingPaused } from '../components/BookingPaused';
import { DayPicker } from '../components/DayPicker';
import { NowPanel } from '../components/NowPanel';
import { StaleNote } from '../components/StaleNote';
import { MeetingBadge, SourceBadge, StatusBadge } from '../components/StatusBadge';
import { Timeline } from '../components/Timeline';
import { VISIT_LABELS } from '../lib/labels';
import { liveWords } from '../lib/now';
import { formatTime, todayIn } from '../lib/time';
import type { Appointment } from '../lib/types';
import { useNow } from '../lib/use-now';
import { selectDoctorDay, useDay } from '../stores/day';
import { useEditor } from '../stores/editor';
import { useMeetings } from '../stores/meetings';
import { selectUnlockedDoctorId, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';

export function DoctorDay() {
  const unlocked = useProfile(selectUnlockedDoctorId);
  const doctors = useProfile((s) => s.doctors);
  const [chosen, setChosen] = useState<string | null>(null);
  const doctorId = unlocked ?? chosen ?? doctors[0]?.id ?? null;
  const rows = useDay(useShallow(selectDoctorDay(doctorId)));
  const loading = useDay((s) => s.loading);
  const error = useDay((s) => s.error);
  const listZone = useDay((s) => s.timeZone);
  const clinicZone = useStatus(selectZone);
  const zone = listZone ?? clinicZone;
  const openCreate = useEditor((s) => s.openCreate);
  const paused = useBookingPaused();
  const name = doctors.find((d) => d.id === doctorId)?.displayName;
  const date = useDay((s) => s.date);
  const nowMs = useNow(30_000);
  const isToday = date !== null && date === todayIn(zone);
  return (
    <section aria-labelledby="day-heading" className="screen">
      <div className="screen-head">
        <h2 id="day-heading">{name ? `${name}'s day` : "Doctor's day"}</h2>
        <button type="button" className="primary" {...pausable(paused, openCreate)}>
          New appointment
        </button>
      </div>
      <BookingPausedNote />
      <div className="toolbar">
        <DayPicker id="day-date" />
        {!unlocked && doctors.length > 0 && (
          <div className="field-inline">
            <label htmlFor="day-doctor">Doctor</label>
            <select id="day-doctor" value={doctorId ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {doctors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <StaleNote />
      {!unlocked && (
        <p className="hint">
          Unlock your doctor profile to start visits. Start buttons appear only for the unlocked doctor.
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {isToday && <NowPanel rows={rows} zone={zone} canStart={unlocked !== null && unlocked === doctorId} />}
      <Timeline rows={rows} zone={zone} nowMs={isToday ? nowMs : undefined} />
      <DayTable
        rows={rows}
        zone={zone}
        canStart={unlocked !== null && unlocked === doctorId}
        loading={loading}
      />
    </section>
  );
}

function DayTable({
  rows,
  zone,
  canStart,
  loading,
}: {
  rows: Appointment[];
  zone: string;
  canStart: boolean;
  loading: boolean;
}) {
  const sorted = useMemo(() => rows, [rows]);
  if (sorted.length === 0) {
    return <p className="empty">{loading ? 'Loading the day…' : 'No appointments on this day.'}</p>;
  }
  return (
    <table className="day-table">
      <caption className="visually-hidden">Appointments, times in {zone}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Patient</th>
          <th scope="col">Visit</th>
          <th scope="col">Status</th>
          <th scope="col">Meeting</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <DayRow key={a.id} a={a} zone={zone} canStart={canStart} />
        ))}
      </tbody>
    </table>
  );
}

function DayRow({ a, zone, canStart }: { a: Appointment; zone: string; canStart: boolean }) {
  const busy = useMeetings((s) => s.busy[a.id]);
  const run = useMeetings((s) => s.run);
  const openEdit = useEditor((s) => s.openEdit);
  const paused = useBookingPaused();
  const startable = canStart && a.visitType === 'telemed' && a.status !== 0 && a.meeting.state === 'ready';
  return (
    <tr className={a.status === 0 ? 'cancelled' : a.overlaps ? 'overlaps' : undefined}>
      <td>
        {formatTime(a.startUtc, zone)} <span className="muted">({a.durationMin} min)</span>
        {a.overlaps && <span className="badge overlap-badge">Overlaps</span>}
      </td>
      <td>
        {a.patientName} <SourceBadge a={a} />
      </td>
      <td>{VISIT_LABELS[a.visitType]}</td>
      <td>
        <StatusBadge a={a} />
      </td>
      <td>
        <MeetingBadge a={a} />
        {liveWords(a) && <span className="badge live-badge">{liveWords(a)}</span>}
      </td>
      <td>
        <div className="row-actions">
          {canStart && a.visitType === 'telemed' && a.status !== 0 && a.meeting.state !== 'site-managed' && (
            <button
              type="button"
              className="primary"
              disabled={!startable || busy !== undefined}
              onClick={() => void run('start', a.id)}
            >
              Start visit<span className="visually-hidden"> with {a.patientName}</span>
            </button>
          )}
          {a.visitType === 'telemed' &&
            (a.meeting.state === 'failed' || a.meeting.state === 'needs-reconnect') && (
              <button type="button" disabled={busy !== undefined} onClick={() => void run('retry', a.id)}>
                Retry<span className="visually-hidden"> meeting for {a.patientName}</span>
              </button>
            )}
          {a.status !== 0 && (
            <button type="button" {...pausable(paused, () => openEdit(a))}>
              Edit<span className="visually-hidden"> appointment of {a.patientName}</span>
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
