// A native modal dialog: the browser traps focus, Escape closes, the page behind is inert. When it
// closes, focus goes back to what opened it (or, if that is gone, to the same row or the page).
import { type ReactNode, useEffect, useId, useRef } from 'react';

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
}

/** Where focus goes when the dialog closes: the opener, else its row's first control, else main. */
export function returnFocus(opener: Element | null, rowId: string | null): void {
  if (opener instanceof HTMLElement && opener.isConnected) {
    opener.focus();
    return;
  }
  const row = rowId ? document.querySelector(`[data-appointment-id="${CSS.escape(rowId)}"]`) : null;
  const target =
    row?.querySelector<HTMLElement>('button, [href], input, select, textarea') ??
    document.getElementById('main');
  target?.focus();
}

export function Modal({ title, onClose, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    // Read before showModal moves focus into the dialog.
    const opener = document.activeElement;
    const rowId = opener?.closest('[data-appointment-id]')?.getAttribute('data-appointment-id') ?? null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      // After React has finished this update (the opener may be re-rendered in the same commit).
      queueMicrotask(() => {
        const now = document.activeElement;
        if (!now || now === document.body || !now.isConnected || d?.contains(now)) returnFocus(opener, rowId);
      });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
