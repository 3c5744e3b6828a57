// A dialog form's two buttons: the action (disabled while it runs) and Cancel.
export function DialogActions({
  label,
  busy,
  onCancel,
}: {
  label: string;
  busy?: boolean;
  onCancel(): void;
}) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
