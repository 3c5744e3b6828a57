// One labelled input: the label, the hint or the "locked by IT" note tied to it with
// aria-describedby, and a locked setting shown disabled.
import type { InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  hint?: string;
  /** The words shown when IT locked this setting; the input is then disabled. */
  lockedNote?: string | false;
};

export function TextField({ id, label, value, onValue, hint, lockedNote, ...input }: Props) {
  const note = lockedNote || hint;
  const noteId = note ? `${id}-${lockedNote ? 'locked' : 'hint'}` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        {...input}
        value={value}
        disabled={input.disabled || !!lockedNote}
        aria-describedby={noteId}
        onChange={(e) => onValue(e.target.value)}
      />
      {note && (
        <span id={noteId} className="hint">
          {note}
        </span>
      )}
    </div>
  );
}
