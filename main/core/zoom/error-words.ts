// Words a receptionist understands for Zoom's field names and permission scopes. Only these
// fixed words reach an error message, never text copied from a response body.

const FIELD_WORDS: Record<string, string> = {
  topic: 'title',
  agenda: 'description',
  start_time: 'start time',
  timezone: 'time zone',
  duration: 'duration',
  password: 'passcode',
  type: 'meeting type',
  'settings.waiting_room': 'waiting room',
  'settings.join_before_host': 'join before host',
  'settings.jbh_time': 'join before host',
  'settings.meeting_authentication': 'sign-in requirement',
  'settings.auto_recording': 'recording',
  'settings.encryption_type': 'encryption',
  'settings.approval_type': 'registration',
};

const SCOPE_WORDS: Record<string, string> = {
  'meeting:write:meeting': 'create meetings',
  'meeting:read:meeting': 'read meetings',
  'meeting:update:meeting': 'change meetings',
  'meeting:delete:meeting': 'delete meetings',
  'meeting:read:list_meetings': 'list meetings',
  'user:read:user': 'read the Zoom profile',
};

export function fieldWord(field: string): string {
  return FIELD_WORDS[field] ?? FIELD_WORDS[field.replace(/^settings\./, '')] ?? 'other details';
}

export function scopeWord(scope: string): string | undefined {
  return SCOPE_WORDS[scope.replace(/:admin$/, '')];
}

/** Scopes named in Zoom's 4711 message, kept only if they look like scope names. */
export function scopesIn(message: string): string[] {
  const list = /scopes?\s*:?\s*\[([^\]]*)\]/i.exec(message)?.[1] ?? '';
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => /^(meeting|user|account|webinar|recording|report):[a-z_]+(:[a-z_]+){0,2}$/.test(s));
}

export function listWords(words: string[]): string {
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique.at(-1)}`;
}
