// Date and time fields that read and write the clinic's own format (lib/time), not the browser's:
// a native <input type=date|time> follows the desktop's locale ("12/01/2026", "10:50 PM") while
// every list says "Tue 1 Dec 2026" and "22:50". Values stay "YYYY-MM-DD" and "HH:mm".
import { type InputHTMLAttributes, useState } from 'react';
import { formatClock, formatDayLong, formatDayShort, parseClock, parseDay, uses24Hour } from '../lib/time';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'>;

interface FieldProps extends Passed {
  value: string;
  zone: string;
  /** The parsed value ("YYYY-MM-DD" / "HH:mm"), or what was typed when it is not one (the form says why). */
  onValue(value: string): void;
}

function useText(value: string, show: (v: string) => string, parse: (t: string) => string | undefined) {
  const [text, setText] = useState(() => show(value));
  // The value changed from outside (e.g. the next free slot): show it.
  const current = parse(text) ?? text;
  if (current !== value && value !== '' && parse(show(value)) === value && text !== show(value)) {
    setText(show(value));
  }
  return [text, setText] as const;
}

export function ClinicDateInput({ value, zone, onValue, ...rest }: FieldProps) {
  const show = (v: string) => (parseDay(v, zone) ? formatDayShort(v, zone) : v);
  const parse = (t: string) => parseDay(t, zone);
  const [text, setText] = useText(value, show, parse);
  const day = parse(text);
  return (
    <>
      <input
        {...rest}
        type="text"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onValue(parse(e.target.value) ?? e.target.value);
        }}
        onBlur={() => day && setText(show(day))}
      />
      <span className="hint clinic-day" aria-live="polite">
        {day ? formatDayLong(day, zone) : 'e.g. 1 Dec 2026'}
      </span>
    </>
  );
}

export function ClinicTimeInput({ value, zone, onValue, ...rest }: FieldProps) {
  const show = (v: string) => (parseClock(v) ? formatClock(v, zone) : v);
  const [text, setText] = useText(value, show, parseClock);
  return (
    <input
      {...rest}
      type="text"
      inputMode={uses24Hour(zone) ? 'numeric' : 'text'}
      autoComplete="off"
      placeholder={uses24Hour(zone) ? '14:30' : '2:30 PM'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(parseClock(e.target.value) ?? e.target.value);
      }}
      onBlur={() => {
        const t = parseClock(text);
        if (t) setText(show(t));
      }}
    />
  );
}
