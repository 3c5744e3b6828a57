// A PIN or passphrase input: labelled, never autocompleted, with its error tied to it.
interface Props {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  /** Digits only (a PIN): a numeric keypad where there is one. */
  numeric?: boolean;
  error?: string | null;
  autoFocus?: boolean;
}

export function SecretField({ id, label, value, onValue, numeric, error, autoFocus }: Props) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode={numeric ? 'numeric' : undefined}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: a dialog that exists to take this entry focuses it
        autoFocus={autoFocus}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onValue(e.target.value)}
      />
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
