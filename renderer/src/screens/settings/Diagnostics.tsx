// Help for IT: export a diagnostics folder, and which settings the clinic's policy manages.
import { AdminOnly } from '../../components/AdminOnly';
import { useDiagnostics } from '../../stores/diagnostics';
import { useSettings } from '../../stores/settings';
import { lockedNames } from './locks';

export function HelpPanel() {
  const settings = useSettings((s) => s.settings);
  const busy = useDiagnostics((s) => s.busy);
  const folder = useDiagnostics((s) => s.folder);
  const problems = useDiagnostics((s) => s.problems);
  const error = useDiagnostics((s) => s.error);
  const exportNow = useDiagnostics((s) => s.exportNow);
  const managed = settings ? lockedNames(settings.locked) : [];
  return (
    <article className="panel" aria-labelledby="help-heading">
      <h3 id="help-heading">Help and diagnostics</h3>
      <p className="hint">
        A folder of logs, versions and a health check for IT or support. It holds no patient names, no
        passwords and no Zoom tokens.
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {folder && (
        <p className="done-text">
          Thank you. The diagnostics folder was written to <code className="path">{folder}</code> on this
          computer.
          {problems > 0 &&
            ` The health check found ${problems} ${problems === 1 ? 'problem' : 'problems'}; IT will see them in the folder.`}
        </p>
      )}
      <AdminOnly channel="app:exportDiagnostics">
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void exportNow()}>
            {busy ? 'Exporting…' : 'Export diagnostics…'}
          </button>
        </div>
      </AdminOnly>
      <h4 id="managed-heading">Managed by your IT department</h4>
      {managed.length ? (
        <ul aria-labelledby="managed-heading" className="managed-list">
          {managed.map((n) => (
            <li key={n}>
              {n} <span className="badge lock-badge">Locked</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Nothing: every setting here can be changed on this computer.</p>
      )}
    </article>
  );
}
