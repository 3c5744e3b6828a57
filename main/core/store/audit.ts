import type { AuditEntry } from './records';
import { type Clock, isoNow } from './row-mapping';
import { withoutSecrets } from './secrets';
import type { Sql } from './sql';

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'entityId' | 'detail'> & {
  entityId?: string | null;
  detail?: Record<string, unknown>;
};

/** Append-only: the table's triggers refuse UPDATE and DELETE, so there is no API for them here. */
export function auditRepository(db: Sql, clock: Clock) {
  return {
    async append(entry: NewAuditEntry): Promise<number> {
      const detail = JSON.stringify(withoutSecrets(entry.detail ?? {}));
      const row = await db.row<{ id: number }>(
        'INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [isoNow(clock), entry.actor, entry.action, entry.entity, entry.entityId ?? null, detail],
      );
      return Number(row!.id);
    },
    forEntity: (entity: string, entityId: string) =>
      db.rows<AuditEntry>(
        'SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id',
        [entity, entityId],
        ['detail'],
      ),
    recent: (limit = 100) =>
      db.rows<AuditEntry>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit], ['detail']),
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
