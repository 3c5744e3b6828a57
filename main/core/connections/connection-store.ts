import { AppError } from '../errors';
import type { CredentialVault } from '../vault/credential-vault';
import { CONNECTION_SERVICE, ConnectionRecord } from './connection-record';

/** Connection records in the vault, one entry per doctor. */
export class ConnectionStore {
  constructor(private readonly vault: CredentialVault) {}

  async load(doctorId: string): Promise<ConnectionRecord | null> {
    const raw = await this.vault.getPassword(CONNECTION_SERVICE, doctorId);
    if (raw === null) return null;
    return this.parse(raw);
  }

  async loadAll(): Promise<ConnectionRecord[]> {
    const all = await this.vault.findCredentials(CONNECTION_SERVICE);
    return all.map((c) => this.parse(c.password));
  }

  /** Resolves only once the vault write has completed (atomic rename done). */
  async save(record: ConnectionRecord): Promise<void> {
    await this.vault.setPassword(CONNECTION_SERVICE, record.doctorId, JSON.stringify(record));
  }

  async remove(doctorId: string): Promise<boolean> {
    return this.vault.deletePassword(CONNECTION_SERVICE, doctorId);
  }

  private parse(raw: string): ConnectionRecord {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const r = ConnectionRecord.safeParse(json);
    if (!r.success) {
      throw new AppError(
        'vault-unavailable',
        'A saved Zoom connection could not be read. The doctor must reconnect Zoom.',
      );
    }
    return r.data;
  }
}
