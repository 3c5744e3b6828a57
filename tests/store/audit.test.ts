import { describe, expect, it } from 'vitest';
import { createRepositories, openStore } from '../../main/core/store';
import { dbPath, tempDirFactory } from './helpers';

const tempDir = tempDirFactory();

describe('audit log', () => {
  it('is append-only: the database itself refuses updates and deletes', () => {
    const store = openStore(dbPath(tempDir()));
    const { audit } = createRepositories(store);
    const id = audit.append({
      actor: 'front-desk',
      action: 'appointment.created',
      entity: 'appointment',
      entityId: 'a1',
    });
    expect(() =>
      store.db.prepare('UPDATE audit_log SET actor = ? WHERE id = ?').run('someone-else', id),
    ).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE id = ?').run(id)).toThrow(/append-only/);
    expect(() => store.db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(audit.forEntity('appointment', 'a1')).toMatchObject([{ id, actor: 'front-desk' }]);
    store.close();
  });

  it('never stores tokens, passcodes or meeting URLs even when a caller passes them', () => {
    const store = openStore(dbPath(tempDir()));
    const { audit } = createRepositories(store);
    audit.append({
      actor: 'system',
      action: 'meeting.created',
      entity: 'appointment',
      entityId: 'a2',
      detail: {
        meetingId: '123',
        passcode: 'Secr3tPass',
        start_url: 'https://zoom.us/s/1',
        nested: { accessToken: 't' },
      },
    });
    const [entry] = audit.forEntity('appointment', 'a2');
    expect(entry?.detail).toEqual({ meetingId: '123', nested: {} });
    const raw = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    expect(raw).not.toMatch(/Secr3tPass|zoom\.us\/s|accessToken/);
    store.close();
  });
});
