import type { DatabaseSync } from 'node:sqlite';
import type { AuditEntry } from './records';
import { type Clock, isoNow, toRecords } from './row-mapping';
import { withoutSecrets } from './secrets';

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'entityId' | 'detail'> & {
  entityId?: string | null;
  detail?: Record<string, unknown>;
};

/** Append-only: the table's triggers refuse UPDATE and DELETE, so there is no API for them here. */
export function auditRepository(db: DatabaseSync, clock: Clock) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const forEntity = db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id');
  const recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');

  return {
    append(entry: NewAuditEntry): number {
      const detail = JSON.stringify(withoutSecrets(entry.detail ?? {}));
      const result = insert.run(
        isoNow(clock),
        entry.actor,
        entry.action,
        entry.entity,
        entry.entityId ?? null,
        detail,
      );
      return Number(result.lastInsertRowid);
    },
    forEntity: (entity: string, entityId: string): AuditEntry[] =>
      toRecords<AuditEntry>(forEntity.all(entity, entityId), ['detail']),
    recent: (limit = 100): AuditEntry[] => toRecords<AuditEntry>(recent.all(limit), ['detail']),
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
