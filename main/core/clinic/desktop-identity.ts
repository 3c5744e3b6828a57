// Which desktop this is, in a clinic of desktops on one database: a random id made once and kept
// in the data folder, and a name people recognise ("Reception", "Room 2") from policy or the host.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export interface DesktopIdentity {
  id: string;
  name: string;
}

const Stored = z.object({ id: z.string().uuid() }).strict();
export const DESKTOP_FILE = 'desktop.json';

export function desktopIdentity(dataDir: string, name?: string): DesktopIdentity {
  const file = join(dataDir, DESKTOP_FILE);
  let id: string | undefined;
  if (existsSync(file)) {
    const parsed = Stored.safeParse(safeJson(readFileSync(file, 'utf8')));
    if (parsed.success) id = parsed.data.id;
  }
  if (!id) {
    id = randomUUID();
    writeFileSync(file, `${JSON.stringify({ id })}\n`, { mode: 0o600 });
  }
  return { id, name: (name ?? hostname()).trim().slice(0, 80) || 'Desktop' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
