// Chooses the clinic day: previous, next, today, or any date.
import { todayIn, zoneLabel } from '../lib/time';
import { useDay } from '../stores/day';
import { selectZone, useStatus } from '../stores/status';
import { ClinicDateInput } from './ClinicTimeFields';

export function DayPicker({ id }: { id: string }) {
  const date = useDay((s) => s.date);
  const setDate = useDay((s) => s.setDate);
  const shift = useDay((s) => s.shift);
  const zone = useStatus(selectZone);
  return (
    <div className="day-picker">
      <button type="button" onClick={() => void shift(-1)} aria-label="Previous day">
        ‹ Previous
      </button>
      <label htmlFor={id} className="visually-hidden">
        Day
      </label>
      {/* In the clinic's own date format, like every list (a native date input shows the desktop's). */}
      <ClinicDateInput
        id={id}
        className="day-input"
        data-day={date ?? ''}
        value={date ?? ''}
        zone={zone}
        onValue={(v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && v !== date && void setDate(v)}
      />
      <button type="button" onClick={() => void shift(1)} aria-label="Next day">
        Next ›
      </button>
      <button type="button" onClick={() => void setDate(todayIn(zone))}>
        Today
      </button>
      {/* Every list sits under this picker: the clinic's zone is said here, in words, for all of them. */}
      <span className="zone-note day-zone">Times on the clinic’s clock: {zoneLabel(zone)}</span>
    </div>
  );
}
