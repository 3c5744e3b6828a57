// Chooses the clinic day: previous, next, today, or any date.
import { formatDayLong, todayIn, zoneLabel } from '../lib/time';
import { useDay } from '../stores/day';
import { selectZone, useStatus } from '../stores/status';

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
      <input
        id={id}
        type="date"
        value={date ?? ''}
        onChange={(e) => e.target.value && void setDate(e.target.value)}
      />
      <button type="button" onClick={() => void shift(1)} aria-label="Next day">
        Next ›
      </button>
      <button type="button" onClick={() => void setDate(todayIn(zone))}>
        Today
      </button>
      {date && <span className="day-long">{formatDayLong(date, zone)}</span>}
      {/* Every list sits under this picker: the clinic's zone is said here, in words, for all of them. */}
      <span className="zone-note day-zone">Times on the clinic’s clock: {zoneLabel(zone)}</span>
    </div>
  );
}
