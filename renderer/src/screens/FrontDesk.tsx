// Every doctor's schedule for the day, filtered and searched instantly; rows are virtualized.
// A patient search also lists the coming weeks; the meeting ID and passcode are shown on demand.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type FocusEvent, type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { BookingPausedNote, pausable, useBookingPaused } from '../components/BookingPaused';
import { DayPicker } from '../components/DayPicker';
import { StaleNote } from '../components/StaleNote';
import { MeetingBadge, SourceBadge, StatusBadge } from '../components/StatusBadge';
import { filterAppointments, searchKeys } from '../lib/filter';
import { STATUS_CODES, STATUS_LABELS, VISIT_LABELS } from '../lib/labels';
import { formatDayLong, formatTime, localParts } from '../lib/time';
import type { Appointment, StatusCode, VisitType } from '../lib/types';
import { useDay } from '../stores/day';
import { useEditor } from '../stores/editor';
import { AHEAD_DAYS, useFilters } from '../stores/filters';
import { useMeetings } from '../stores/meetings';
import { useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';

const ROW_HEIGHT = 52;

export function FrontDesk() {
  const rows = useDay((s) => s.appointments);
  const loading = useDay((s) => s.loading);
  const error = useDay((s) => s.error);
  const listZone = useDay((s) => s.timeZone);
  const clinicZone = useStatus(selectZone);
  const zone = listZone ?? clinicZone;
  const doctorId = useFilters((s) => s.doctorId);
  const visitType = useFilters((s) => s.visitType);
  const status = useFilters((s) => s.status);
  const query = useFilters((s) => s.query);
  const keys = useMemo(() => searchKeys(rows), [rows]);
  const shown = useMemo(
    () => filterAppointments(rows, { doctorId, visitType, status, query }, keys),
    [rows, keys, doctorId, visitType, status, query],
  );
  const openCreate = useEditor((s) => s.openCreate);
  const paused = useBookingPaused();
  const refreshAhead = useFilters((s) => s.refreshAhead);
  // The day's list was read again (a change to the book): so is the look ahead.
  // biome-ignore lint/correctness/useExhaustiveDependencies: rows is the trigger, not an input
  useEffect(() => {
    if (useFilters.getState().ahead.query) void refreshAhead();
  }, [rows, refreshAhead]);
  return (
    <section aria-labelledby="desk-heading" className="screen">
      <div className="screen-head">
        <h2 id="desk-heading">Front desk</h2>
        <button type="button" className="primary" {...pausable(paused, openCreate)}>
          New appointment
        </button>
      </div>
      <BookingPausedNote />
      <div className="toolbar">
        <DayPicker id="desk-date" />
      </div>
      <StaleNote />
      <FilterBar />
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <p className="count" aria-live="polite">
        Showing {shown.length} of {rows.length} appointments
      </p>
      {shown.length === 0 ? (
        <p className="empty">
          {loading
            ? 'Loading the day…'
            : rows.length
              ? 'No appointment matches these filters.'
              : 'No appointments on this day.'}
        </p>
      ) : (
        <DeskList rows={shown} total={rows.length} zone={zone} />
      )}
      <ComingWeeks />
    </section>
  );
}

function FilterBar() {
  const doctors = useProfile((s) => s.doctors);
  const f = useFilters();
  return (
    <search className="filters" aria-label="Filter appointments">
      <div className="field-inline">
        <label htmlFor="f-search">Patient</label>
        <input
          id="f-search"
          type="search"
          placeholder="Search by name"
          value={f.query}
          onChange={(e) => f.set({ query: e.target.value })}
        />
      </div>
      <div className="field-inline">
        <label htmlFor="f-doctor">Doctor</label>
        <select
          id="f-doctor"
          value={f.doctorId ?? ''}
          onChange={(e) => f.set({ doctorId: e.target.value || null })}
        >
          <option value="">All doctors</option>
          {doctors.map((d) => (
            <option key={d.id} value={d.id}>
              {d.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor="f-visit">Visit</label>
        <select
          id="f-visit"
          value={f.visitType ?? ''}
          onChange={(e) => f.set({ visitType: (e.target.value || null) as VisitType | null })}
        >
          <option value="">All visits</option>
          <option value="telemed">{VISIT_LABELS.telemed}</option>
          <option value="in_person">{VISIT_LABELS.in_person}</option>
        </select>
      </div>
      <div className="field-inline">
        <label htmlFor="f-status">Status</label>
        <select
          id="f-status"
          value={f.status ?? ''}
          onChange={(e) =>
            f.set({ status: e.target.value === '' ? null : (Number(e.target.value) as StatusCode) })
          }
        >
          <option value="">All statuses</option>
          {STATUS_CODES.map((c) => (
            <option key={c} value={c}>
              {STATUS_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={f.reset}>
        Clear filters
      </button>
    </search>
  );
}

function DeskList({ rows, total, zone }: { rows: Appointment[]; total: number; zone: string }) {
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = v.getVirtualItems();
  // Spacer rows stand in for the rows scrolled out of view, so the table stays a real table.
  const before = items[0]?.start ?? 0;
  const after = v.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div ref={parent} className="desk-scroll" data-total={total}>
      <table className="desk-table">
        <caption className="visually-hidden">
          Appointments of all doctors, {rows.length} shown, times in {zone}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Length</th>
            <th scope="col">Doctor</th>
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
          {before > 0 && (
            <tr className="spacer">
              <td colSpan={8} style={{ height: `${before}px` }} />
            </tr>
          )}
          {items.map((item) => (
            <DeskRow
              key={rows[item.index]!.id}
              a={rows[item.index]!}
              zone={zone}
              index={item.index}
              measure={v.measureElement}
            />
          ))}
          {after > 0 && (
            <tr className="spacer">
              <td colSpan={8} style={{ height: `${after}px` }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  a: Appointment;
  zone: string;
  index: number;
  /** Rows are measured: a narrow window stacks a row's cells, and phone details add a line. */
  measure(el: Element | null): void;
}

function DeskRow({ a, zone, index, measure }: RowProps) {
  const busy = useMeetings((s) => s.busy[a.id]);
  const run = useMeetings((s) => s.run);
  const phone = useMeetings((s) => (s.phone?.appointmentId === a.id ? s.phone : null));
  const revealPhone = useMeetings((s) => s.revealPhone);
  const hidePhone = useMeetings((s) => s.hidePhone);
  const openEdit = useEditor((s) => s.openEdit);
  const paused = useBookingPaused();
  const linkReady = a.visitType === 'telemed' && a.status !== 0 && a.meeting.joinUrl !== null;
  // Scrolled out of view or gone from the list: the passcode is no longer shown.
  useEffect(() => () => hidePhone(a.id), [a.id, hidePhone]);
  // Buttons stay enabled while busy (a disabled button drops focus to the page): a second press waits.
  const act = (action: 'copyJoinLink' | 'copyInvitation' | 'emailInvitation') => () => {
    if (busy === undefined) void run(action, a.id, a.patientName);
  };
  const leave = (e: FocusEvent<HTMLTableRowElement>) => {
    const to = e.relatedTarget as Node | null;
    if (phone && to && !e.currentTarget.contains(to)) hidePhone(a.id);
  };
  const onEscape = (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (e.key === 'Escape' && phone) hidePhone(a.id);
  };
  return (
    <tr
      className={`desk-row${a.status === 0 ? ' cancelled' : ''}`}
      data-appointment-id={a.id}
      data-index={index}
      ref={measure}
      onBlur={leave}
      onKeyDown={onEscape}
    >
      <td>{formatTime(a.startUtc, zone)}</td>
      <td className="duration">{a.durationMin} min</td>
      <td>{a.doctorName}</td>
      <td className="patient">
        {a.patientName} <SourceBadge a={a} />
      </td>
      <td>{VISIT_LABELS[a.visitType]}</td>
      <td>
        <StatusBadge a={a} />
      </td>
      <td className="meeting-cell">
        <MeetingBadge a={a} />
        {phone && (
          <p className="phone-details">
            <span>
              Meeting ID <strong className="mono">{groupId(phone.meetingId)}</strong>
            </span>{' '}
            <span>
              Passcode <strong className="mono">{phone.passcode}</strong>
            </span>
          </p>
        )}
      </td>
      <td className="actions-cell">
        <div className="row-actions">
          {linkReady && (
            <>
              <button type="button" aria-disabled={busy !== undefined} onClick={act('copyJoinLink')}>
                Copy join link<span className="visually-hidden"> for {a.patientName}</span>
              </button>
              <button type="button" aria-disabled={busy !== undefined} onClick={act('copyInvitation')}>
                Copy invitation<span className="visually-hidden"> for {a.patientName}</span>
              </button>
              <button type="button" aria-disabled={busy !== undefined} onClick={act('emailInvitation')}>
                Email<span className="visually-hidden"> invitation to {a.patientName}</span>
              </button>
              <button
                type="button"
                aria-expanded={phone !== null}
                aria-disabled={busy !== undefined}
                onClick={() => {
                  if (phone) hidePhone(a.id);
                  else if (busy === undefined) void revealPhone(a.id);
                }}
              >
                {phone ? 'Hide phone details' : 'Phone details'}
                <span className="visually-hidden"> for {a.patientName}</span>
              </button>
            </>
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

/** Zoom's 3-4-4 grouping, as the patient sees it in the invitation. */
const groupId = (id: string) =>
  id.length === 11 ? `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}` : id;

/** The patient search over the coming weeks, on days other than the one shown above. */
function ComingWeeks() {
  const ahead = useFilters((s) => s.ahead);
  const day = useDay((s) => s.date);
  const setDate = useDay((s) => s.setDate);
  if (!ahead.query) return null;
  const zone = ahead.timeZone ?? 'UTC';
  const others = ahead.appointments.filter((a) => localParts(a.startUtc, zone).date !== day);
  return (
    <section className="ahead" aria-labelledby="ahead-heading">
      <h3 id="ahead-heading">
        “{ahead.query}” on other days in the next {AHEAD_DAYS / 7} weeks
      </h3>
      {ahead.error && (
        <p className="error-text" role="alert">
          {ahead.error}
        </p>
      )}
      <p className="count" aria-live="polite">
        {ahead.loading
          ? 'Searching the coming weeks…'
          : `${others.length} ${others.length === 1 ? 'visit' : 'visits'} on other days${ahead.more ? ' (more not listed: type more of the name)' : ''}`}
      </p>
      {others.length > 0 && (
        <ul className="ahead-list">
          {others.map((a) => {
            const date = localParts(a.startUtc, zone).date;
            return (
              <li key={a.id} className={a.status === 0 ? 'cancelled' : undefined}>
                <span className="ahead-when">
                  {formatDayLong(date)}, {formatTime(a.startUtc, zone)} · {a.durationMin} min
                </span>
                <span>
                  {a.patientName} with {a.doctorName} · {VISIT_LABELS[a.visitType]} ·{' '}
                  {a.status === 0 ? STATUS_LABELS[0] : <MeetingBadge a={a} />}
                </span>
                <button type="button" onClick={() => void setDate(date)}>
                  Show day
                  <span className="visually-hidden">
                    {' '}
                    {formatDayLong(date)} of {a.patientName}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
