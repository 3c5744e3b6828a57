// The polite live region every confirmation and error is announced through.
import { useToasts } from '../stores/toasts';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <section className="toasts" aria-label="Notifications">
      <div role="status" aria-live="polite" aria-atomic="false" className="toast-list">
        {toasts.map((t) => (
          <p key={t.id} className={`toast toast-${t.tone}`}>
            <span>{t.text}</span>
            <button
              type="button"
              className="link"
              onClick={() => dismiss(t.id)}
              aria-label={`Dismiss: ${t.text}`}
            >
              ×
            </button>
          </p>
        ))}
      </div>
    </section>
  );
}
