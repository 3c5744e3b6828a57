// A destructive action asks first, in place, and says what stops: a button that turns into the
// warning, a "Yes" and a "Keep".
import { useId, useState } from 'react';

interface Props {
  /** The button that starts it, e.g. "Disconnect Zoom…". */
  label: string;
  /** Words for assistive tech beside the visible label (e.g. whose Zoom). */
  labelSuffix?: string;
  warning: string;
  confirmLabel: string;
  keepLabel?: string;
  busy?: boolean;
  onConfirm(): Promise<unknown> | unknown;
}

export function ConfirmAction({
  label,
  labelSuffix,
  warning,
  confirmLabel,
  keepLabel = 'Keep it',
  busy,
  onConfirm,
}: Props) {
  const [asking, setAsking] = useState(false);
  const warningId = useId();
  if (!asking) {
    return (
      <button type="button" className="danger-outline" disabled={busy} onClick={() => setAsking(true)}>
        {label}
        {labelSuffix && <span className="visually-hidden"> {labelSuffix}</span>}
      </button>
    );
  }
  return (
    <>
      <p id={warningId}>{warning}</p>
      <button
        type="button"
        className="danger"
        disabled={busy}
        aria-describedby={warningId}
        onClick={() => void Promise.resolve(onConfirm()).then(() => setAsking(false))}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {keepLabel}
      </button>
    </>
  );
}
