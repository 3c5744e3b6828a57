// Keys whose values must never be written to the outbox or the audit log.
const SECRET_KEY = /token|secret|passcode|password|pwd|start_?url|join_?url|authorization|cookie|nonce/i;

export const isSecretKey = (key: string) => SECRET_KEY.test(key);

/** A deep copy of value without any secret-named keys. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !isSecretKey(k))
        .map(([k, v]) => [k, withoutSecrets(v)]),
    );
  }
  return value;
}

/** Names the first secret-named key found, so a caller bug fails loudly instead of persisting it. */
export function findSecretKey(value: unknown, path = ''): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findSecretKey(v, `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (isSecretKey(k)) return `${path}${path ? '.' : ''}${k}`;
      const hit = findSecretKey(v, `${path}${path ? '.' : ''}${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}
