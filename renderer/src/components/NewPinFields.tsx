// A new PIN typed twice (6 to 12 digits; the core checks again), with the error under the second.
import { SecretField } from './SecretField';

export function NewPinFields({
  idPrefix,
  pin,
  again,
  onPin,
  onAgain,
  error,
  first = false,
  autoFocus = false,
}: {
  idPrefix: string;
  pin: string;
  again: string;
  onPin(v: string): void;
  onAgain(v: string): void;
  error?: string | null;
  /** "First PIN" rather than "New PIN" (a doctor being added). */
  first?: boolean;
  autoFocus?: boolean;
}) {
  const word = first ? 'First PIN' : 'New PIN';
  return (
    <>
      <SecretField
        id={`${idPrefix}-pin`}
        label={`${word} (6 to 12 digits)`}
        value={pin}
        onValue={onPin}
        numeric
        autoFocus={autoFocus}
      />
      <SecretField
        id={`${idPrefix}-again`}
        label={`${word} again`}
        value={again}
        onValue={onAgain}
        numeric
        error={error}
      />
    </>
  );
}
