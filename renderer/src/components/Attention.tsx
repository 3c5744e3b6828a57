// What stands in the way of today's and the coming visits, soonest first: each item names the
// doctor, the visit and its date, and offers the action that fixes it, or says who can.
import { formatDateTime } from '../lib/time';
import { type AttentionItem, useAttention } from '../stores/attention';
import { useConnections } from '../stores/connections';
import { useMeetings } from '../stores/meetings';
import { useNav } from '../stores/nav';
import { can, useProfile } from '../stores/profile';
import { selectZone, useStatus } from '../stores/status';

export function Attention() {
  const items = useAttention((s) => s.items);
  if (items.length === 0) return null;
  const urgent = items.filter((i) => i.urgent).length;
  return (
    <section className="attention" aria-labelledby="attention-heading">
      <h2 id="attention-heading" aria-live="polite">
        {items.length} {items.length === 1 ? 'visit needs' : 'visits need'} attention
        {urgent > 0 && <span className="attention-soon"> ({urgent} within two hours)</span>}
      </h2>
      <ul>
        {items.map((i) => (
          <Item key={i.id} item={i} />
        ))}
      </ul>
    </section>
  );
}

function Item({ item }: { item: AttentionItem }) {
  const zone = useStatus(selectZone);
  const more = item.moreVisits;
  return (
    <li className={`attention-item${item.urgent ? ' attention-urgent' : ''}`}>
      <div className="attention-what">
        {item.urgent && <strong className="attention-flag">Soon: </strong>}
        <strong>{item.doctorName}</strong>: {item.patientName}, {formatDateTime(item.startUtc, zone)}
        {more > 0 && ` and ${more} more ${more === 1 ? 'visit' : 'visits'}`}.
        <span className="attention-why"> {item.message}</span>
      </div>
      <Fix item={item} />
    </li>
  );
}

function Fix({ item }: { item: AttentionItem }) {
  const connect = useConnections((s) => s.connect);
  const connecting = useConnections((s) => s.pending[item.doctorId] ?? false);
  const run = useMeetings((s) => s.run);
  const retrying = useMeetings((s) => s.busy[item.appointmentId] === 'retry');
  const go = useNav((s) => s.go);
  const mayConnect = useProfile((s) => can(s, 'connections:connect', item.doctorId));
  const mayRetry = useProfile((s) => can(s, 'meetings:retry'));
  const maySettings = useProfile((s) => can(s, 'settings:update'));
  const who = item.doctorName;
  switch (item.action) {
    case 'connect':
    case 'reconnect': {
      const verb = item.action === 'connect' ? 'Connect' : 'Reconnect';
      return mayConnect ? (
        <button
          type="button"
          className="primary"
          disabled={connecting}
          onClick={() => void connect(item.doctorId)}
        >
          {verb} Zoom<span className="visually-hidden"> for {who}</span>
        </button>
      ) : (
        <p className="hint">
          {who} {verb.toLowerCase()}s Zoom after unlocking their profile (Profile → {who}).
        </p>
      );
    }
    case 'retry':
      return mayRetry ? (
        <button
          type="button"
          disabled={retrying}
          onClick={() => void run('retry', item.appointmentId, item.patientName)}
        >
          Try again<span className="visually-hidden"> for {item.patientName}</span>
        </button>
      ) : (
        <p className="hint">Front desk, the doctor or the clinic admin can try again.</p>
      );
    case 'settings':
      return maySettings ? (
        <button type="button" onClick={() => go('settings')}>
          Open Settings<span className="visually-hidden"> for {who}</span>
        </button>
      ) : (
        <p className="hint">The clinic admin fixes this in Settings (Profile → Clinic admin).</p>
      );
    default:
      return (
        <button type="button" onClick={() => go('connections')}>
          Open Zoom connections<span className="visually-hidden"> for {who}</span>
        </button>
      );
  }
}
