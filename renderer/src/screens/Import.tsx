// Import appointments from a calendar (.ics) or spreadsheet (.csv): a template and column guide,
// a preview on the clinic's clock, then confirm. Rows left out stay listed with their reasons.
import { useEffect, useId, useMemo } from 'react';
import { VISIT_LABELS } from '../lib/labels';
import { formatDateTime, zoneLabel } from '../lib/time';
import type { ImportPreview } from '../lib/types';
import { useImporter } from '../stores/importer';
import { selectZone, useStatus } from '../stores/status';

type Row = ImportPreview['rows'][number];

export function Import() {
  const preview = useImporter((s) => s.preview);
  const outcome = useImporter((s) => s.outcome);
  const fileName = useImporter((s) => s.fileName);
  const busy = useImporter((s) => s.busy);
  const error = useImporter((s) => s.error);
  const previewFile = useImporter((s) => s.previewFile);
  const commit = useImporter((s) => s.commit);
  const reset = useImporter((s) => s.reset);
  const zone = useStatus(selectZone);
  const inputId = useId();
  return (
    <section aria-labelledby="import-heading" className="screen">
      <div className="screen-head">
        <h2 id="import-heading">Import appointments</h2>
      </div>
      <p className="hint">
        Choose a calendar export (.ics) or a spreadsheet saved as CSV. Nothing is saved until you confirm.
      </p>
      <p className="zone-note">Times are shown on the clinic’s clock: {zoneLabel(zone)}.</p>
      <TemplateGuide />
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
          <RowsTable rows={preview.rows} zone={zone} caption={`Rows found in ${fileName}`} />
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
      {outcome && (
        <section aria-labelledby="import-outcome" className="import-outcome">
          <h3 id="import-outcome">
            {outcome.imported} {outcome.imported === 1 ? 'appointment' : 'appointments'} imported from{' '}
            {outcome.fileName}
          </h3>
          {outcome.notImported.length > 0 ? (
            <>
              <p>
                {outcome.notImported.length} {outcome.notImported.length === 1 ? 'row was' : 'rows were'} not
                imported. Fix {outcome.notImported.length === 1 ? 'it' : 'them'} in the file and import it
                again: the rows already in are found and skipped.
              </p>
              <RowsTable rows={outcome.notImported} zone={zone} caption="Rows not imported" />
            </>
          ) : (
            <p>Every row was imported.</p>
          )}
          <div className="actions">
            <button type="button" onClick={reset}>
              Done
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

function RowsTable({ rows, zone, caption }: { rows: Row[]; zone: string; caption: string }) {
  return (
    <table className="import-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">When</th>
          <th scope="col">Doctor</th>
          <th scope="col">Patient</th>
          <th scope="col">Visit</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.rowNumber} className={r.ok ? undefined : 'row-error'}>
            <td>{r.rowNumber}</td>
            <td>
              {r.startUtc ? formatDateTime(r.startUtc, zone) : '—'}
              {r.durationMin !== null && <span className="muted"> ({r.durationMin} min)</span>}
            </td>
            <td>{r.doctor ?? '—'}</td>
            <td>{r.patient ?? '—'}</td>
            <td>{r.visitType ? VISIT_LABELS[r.visitType] : '—'}</td>
            <td>
              {r.ok ? (r.duplicate ? 'Already booked: will be skipped' : 'Ready') : r.errors.join(' ')}
              {r.warnings.map((w) => (
                <span key={w} className="hint import-warning">
                  {' '}
                  {w}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The template to download and what each column takes. */
function TemplateGuide() {
  const template = useImporter((s) => s.template);
  const loadTemplate = useImporter((s) => s.loadTemplate);
  useEffect(() => {
    void loadTemplate();
  }, [loadTemplate]);
  const href = useMemo(
    () => (template ? URL.createObjectURL(new Blob([template.csv], { type: 'text/csv' })) : null),
    [template],
  );
  useEffect(() => () => void (href && URL.revokeObjectURL(href)), [href]);
  if (!template || !href) return null;
  return (
    <details className="import-guide">
      <summary>Spreadsheet template and column guide</summary>
      <p>
        <a href={href} download={template.fileName}>
          Download the CSV template
        </a>{' '}
        (the columns and one example row; save your spreadsheet as CSV with the same header row).
      </p>
      <table className="import-table">
        <caption className="visually-hidden">Columns of an import spreadsheet</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Needed</th>
            <th scope="col">What it takes</th>
            <th scope="col">Example</th>
          </tr>
        </thead>
        <tbody>
          {template.columns.map((c) => (
            <tr key={c.name}>
              <td>
                <code>{c.name}</code>
              </td>
              <td>{c.required ? 'Required' : 'Optional'}</td>
              <td>{c.says}</td>
              <td>{c.example || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
