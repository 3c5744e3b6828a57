// What KiviCare 4.x's /wp-json/kivicare/v1 answers look like, as far as the companion reads them.
import { z } from 'zod';
import { OptText, SiteId } from './item-fields';

export const LoginAnswer = z.object({
  data: z.object({
    nonce: z.string().min(1),
    user_id: z.unknown().optional(),
    roles: z.array(z.string()).optional(),
  }),
});

export const AppointmentsAnswer = z.object({
  data: z.object({
    appointments: z.array(z.unknown()),
    pagination: z
      .object({
        total: z.coerce.number().nonnegative(),
        perPage: z.union([z.coerce.number(), z.string()]).optional(),
        currentPage: z.coerce.number().optional(),
        // The plugin divides without rounding: 2.3 means three pages.
        lastPage: z.coerce.number().nonnegative(),
      })
      .optional(),
  }),
});

export const AppointmentV4 = z.looseObject({
  id: SiteId,
  start: z.string().min(10),
  end: z.string().nullish(),
  doctorId: SiteId,
  patientId: SiteId,
  status: z.union([z.number(), z.string()]),
  statusLabel: OptText.optional(),
  statusName: OptText.optional(),
  doctorName: OptText.optional(),
  patientName: OptText.optional(),
  doctorEmail: OptText.optional(),
  patientEmail: OptText.optional(),
  isTelemed: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  visitType: z.unknown().optional(),
  services: z.unknown().optional(),
  /**
   * The Telemedicine add-on's mapping, under the snake_case key `zoom_data` (its fields are
   * camelCase: zoomId, zoomUUID, joinUrl, startUrl, password). Read by site-meeting.ts, which
   * never keeps startUrl.
   */
  zoom_data: z.unknown().optional(),
});
export type AppointmentV4 = z.infer<typeof AppointmentV4>;
