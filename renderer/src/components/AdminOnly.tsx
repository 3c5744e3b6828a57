// Controls only some profiles may use: disabled together (one fieldset) for everyone else, with a
// note that says who can and how. The core refuses these requests anyway; this only mirrors it.
import { type ReactNode, useId } from 'react';
import { can, useProfile } from '../stores/profile';

export const ADMIN_NOTE =
  'Only the clinic admin can change this. Choose “Clinic admin” under Profile to unlock.';

export function AdminOnly({ channel, children }: { channel: string; children: ReactNode }) {
  const allowed = useProfile((s) => can(s, channel));
  const noteId = useId();
  return (
    <fieldset className="plain-fieldset" disabled={!allowed} aria-describedby={allowed ? undefined : noteId}>
      {!allowed && (
        <p id={noteId} className="hint locked-note">
          {ADMIN_NOTE}
        </p>
      )}
      {children}
    </fieldset>
  );
}
