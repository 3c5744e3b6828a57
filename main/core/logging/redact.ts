// Redaction applied to every log line and diagnostic before it is written: tokens, passcodes and
// start URLs never reach a log file, whatever a caller passes in.
const RULES: readonly [RegExp, string][] = [
  // Zoom start URLs (host rights): /s/<id>?zak=... and any zak parameter.
  [/https?:\/\/[^\s"'<>]*\/s\/[^\s"'<>]*/gi, '[start-url]'],
  [/([?&]zak=)[^&\s"'<>]+/gi, '$1[redacted]'],
  // Passcodes embedded in join links.
  [/([?&]pwd=)[^&\s"'<>]+/gi, '$1[redacted]'],
  // Credentials in query strings or form bodies.
  [
    /((?:access_token|refresh_token|id_token|code_verifier|client_secret|password|passcode|token|code)=)[^&\s"'<>]+/gi,
    '$1[redacted]',
  ],
  // JSON-ish "key": "value" pairs for the same keys.
  [
    /("(?:access_token|refresh_token|id_token|client_secret|password|passcode|h323_password|pstn_password|encrypted_password|start_url|token|nonce)"\s*:\s*)"[^"]*"/gi,
    '$1"[redacted]"',
  ],
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]'],
  // JWTs (Zoom's access tokens are JWT-shaped) wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt]'],
];

/** Field names whose values are never logged, whatever they hold. */
const SECRET_KEYS =
  /^(access_?token|refresh_?token|token|password|passcode|pin|secret|client_?secret|start_?url|nonce|cookie|authorization|code|code_?verifier)$/i;

export function redactText(text: string): string {
  let out = text;
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}

export function redactValue(key: string, value: unknown): unknown {
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactValue('', v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(k, v)]));
  }
  return value;
}

/**
 * Anything thrown, as one redacted string for a log line: name, message, an AppError's details,
 * the stack and nested causes. IPC failures reach the shell's log this way, never raw.
 */
export function redactCause(cause: unknown, depth = 0): string {
  if (cause === undefined || cause === null) return '';
  if (!(cause instanceof Error)) {
    return typeof cause === 'string' ? redactText(cause) : redactText(safeJson(redactValue('', cause)));
  }
  const details = (cause as { details?: unknown }).details;
  const parts = [
    cause.stack ? redactText(cause.stack) : `${cause.name}: ${redactText(cause.message)}`,
    details && typeof details === 'object' ? `details: ${safeJson(redactValue('', details))}` : '',
    depth < 4 && cause.cause !== undefined ? `caused by: ${redactCause(cause.cause, depth + 1)}` : '',
  ];
  return parts.filter(Boolean).join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '[unserializable]';
  }
}
