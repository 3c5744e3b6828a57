import { z } from 'zod';
import { AppError } from '../errors';
import { toCanonicalUtc } from '../time/utc';
import { isValidTimeZone } from '../time/zones';

export const Actor = z
  .string()
  .regex(/^(front-desk|admin|system|import|doctor:[\w.@-]+|sync:[\w.-]+)$/, { error: 'Unknown actor' });
export type Actor = z.infer<typeof Actor>;

const Id = z.string().trim().min(1).max(200);

export const StartUtc = z.string().transform((s, ctx) => {
  const utc = toCanonicalUtc(s);
  if (!utc) {
    ctx.addIssue({
      code: 'custom',
      message: 'The start time is not a valid date and time with a time zone.',
    });
    return z.NEVER;
  }
  return utc;
});

export const TimeZone = z
  .string()
  .refine(isValidTimeZone, { error: 'That time zone is not known (use e.g. Europe/Berlin).' });

export const DurationMin = z
  .int({ error: 'The duration must be a whole number of minutes.' })
  .min(5, { error: 'A visit lasts at least 5 minutes.' })
  .max(480, { error: 'A visit lasts at most 8 hours (480 minutes).' });

export const VisitType = z.enum(['telemed', 'in_person'], {
  error: 'The visit type must be telemed or in person.',
});
export const StatusCode = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
  error: 'Unknown appointment status.',
});
const Text = z.string().max(4000, { error: 'The text is too long (at most 4000 characters).' }).nullish();

export const NewAppointmentInput = z
  .object({
    doctorId: Id,
    patientId: Id,
    startUtc: StartUtc,
    timeZone: TimeZone,
    durationMin: DurationMin,
    visitType: VisitType,
    status: StatusCode.default(1),
    reason: Text,
    notes: Text,
    source: z.enum(['local', 'kivicare', 'import']).default('local'),
    sourceId: z.string().max(500).nullish(),
  })
  .strict();
export type NewAppointmentInput = z.input<typeof NewAppointmentInput>;

export const AppointmentChangesInput = z
  .object({
    doctorId: Id,
    patientId: Id,
    startUtc: StartUtc,
    timeZone: TimeZone,
    durationMin: DurationMin,
    visitType: VisitType,
    status: StatusCode,
    reason: Text,
    notes: Text,
  })
  .partial()
  .strict();
export type AppointmentChangesInput = z.input<typeof AppointmentChangesInput>;

const labels: Record<string, string> = {
  doctorId: 'The doctor',
  patientId: 'The patient',
  startUtc: 'The start time',
  timeZone: 'The time zone',
  durationMin: 'The duration',
  visitType: 'The visit type',
};

/** Parses or throws an 'invalid-request' AppError whose message a receptionist can act on. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  const given = issue?.path.reduce<unknown>(
    (o, k) => (o as Record<PropertyKey, unknown> | undefined)?.[k],
    value,
  );
  const missing = issue?.code === 'invalid_type' && given === undefined;
  const message =
    issue?.code === 'unrecognized_keys'
      ? `Unexpected field: ${issue.keys.join(', ')}`
      : missing
        ? `${labels[field] ?? field} is required.`
        : issue?.message;
  throw new AppError('invalid-request', message ?? 'The appointment is not valid.', { field });
}
