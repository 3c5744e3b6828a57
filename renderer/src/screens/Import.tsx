// Import appointments from a calendar (.ics) or spreadsheet (.csv): preview, then confirm.
import { useId } from 'react';
import { useImporter } from '../stores/importer';

export function Import() {
  const preview = useImporter((s) => s.preview);
  const fileName = useImporter((s) => s.fileName);
  const busy = useImporter((s) => s.busy);
  const error = useImporter((s) => s.error);
  const previewFile = useImporter((s) => s.previewFile);
  const commit = useImporter((s) => s.commit);
  const reset = useImporter((s) => s.reset);
  const inputId = useId();
  return (
    <section aria-labelledby="import-heading" className="screen">
      <div className="screen-head">
        <h2 id="import-heading">Import appointments</h2>
      </div>
      <p className="hint">
        Choose a calendar export (.ics) or a spreadsheet saved as CSV. Nothing is saved until you confirm.
      </p>
      <div className="field">
        <label htmlFor={inputId}>File to import</label>
        <input
          id={inputId}
          type="file"
          accept=".ics,.csv,text/calendar,text/csv"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) await previewFile(file.name, await file.text());
          }}
        />
      </div>
      {busy && <p className="hint">Reading {fileName}…</p>}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {preview?.fileError && (
        <p className="error-text" role="alert">
          {preview.fileError}
        </p>
      )}
      {preview && !preview.fileError && (
        <>
          <p>
            {preview.valid} valid, {preview.invalid} with problems.
          </p>
          <table className="import-table">
            <caption className="visually-hidden">Rows found in {fileName}</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Appointment</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.rowNumber} className={r.ok ? undefined : 'row-error'}>
                  <td>{r.rowNumber}</td>
                  <td>{r.summary}</td>
                  <td>
                    {r.ok ? (r.duplicate ? 'Already booked: will be skipped' : 'Ready') : r.errors.join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy || preview.valid === 0}
              onClick={() => void commit()}
            >
              Import {preview.valid} valid {preview.valid === 1 ? 'row' : 'rows'}
            </button>
            <button type="button" onClick={reset}>
              Discard
            </button>
          </div>
        </>
      )}
    </section>
  );
}
