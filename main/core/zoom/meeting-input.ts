// What the companion sends Zoom when it creates or changes a meeting. Strict: a misspelt key is a
// bug in the caller, and Zoom would silently ignore it (e.g. a waiting room that never turns on).
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

const UtcSeconds = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'Use UTC as yyyy-MM-ddTHH:mm:ssZ')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'Not a real date and time');

const IanaZone = z.string().refine((z) => IANAZone.isValidZone(z), 'Not an IANA time zone');

/** Zoom's default passcode rule; an account may demand more (Zoom then answers 300). */
export const MeetingPasscode = z.string().regex(/^[A-Za-z0-9@_*-]{1,10}$/, 'Up to 10 of A-Z a-z 0-9 @ _ * -');

export const MeetingSettingsInput = z
  .object({
    waiting_room: z.boolean(),
    join_before_host: z.boolean(),
    jbh_time: z.union([z.literal(0), z.literal(5), z.literal(10)]),
    meeting_authentication: z.boolean(),
    host_video: z.boolean(),
    participant_video: z.boolean(),
    mute_upon_entry: z.boolean(),
    approval_type: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    auto_recording: z.enum(['local', 'cloud', 'none']),
    encryption_type: z.enum(['enhanced_encryption', 'e2ee']),
  })
  .partial()
  .strict();
export type MeetingSettingsInput = z.infer<typeof MeetingSettingsInput>;

const fields = {
  topic: z.string().trim().min(1).max(200),
  agenda: z.string().max(2000),
  start_time: UtcSeconds,
  timezone: IanaZone,
  duration: z.number().int().min(1).max(1440),
  password: MeetingPasscode,
  settings: MeetingSettingsInput,
};

/** A scheduled (type 2) meeting as the provisioning engine asks for it. */
export const MeetingInput = z
  .object({
    ...fields,
    agenda: fields.agenda.optional(),
    password: fields.password.optional(),
    settings: fields.settings.optional(),
    type: z.literal(2).default(2),
  })
  .strict();
export type MeetingInput = z.input<typeof MeetingInput>;

/** PATCH body: any subset of the same fields, at least one. */
export const MeetingPatch = z
  .object(fields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'Nothing to change');
export type MeetingPatch = z.input<typeof MeetingPatch>;
