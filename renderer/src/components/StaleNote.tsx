// Under the day picker while the clinic server is away: the list is the day as this desktop last
// read it, and when that was.
import { asOfWords } from '../lib/server-away';
import { useDay } from '../stores/day';
import { selectZone, useStatus } from '../stores/status';

export function StaleNote() {
  const asOf = useDay((s) => s.asOf);
  const zone = useStatus(selectZone);
  return asOf ? <p className="stale-note">{asOfWords(asOf, zone)}</p> : null;
}
