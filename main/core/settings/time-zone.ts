import { z } from 'zod';
import { timeZoneProblem } from '../time/zones';

export { isValidTimeZone } from '../time/zones';

/** The clinic's zone as settings and policy accept it; a refusal says in words what is wrong. */
export const ClinicTimeZone = z.string().superRefine((zone, ctx) => {
  const problem = timeZoneProblem(zone);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The zone this computer is set to, as the default clinic zone. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
