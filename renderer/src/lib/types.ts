// Contract types as the renderer uses them (types only: the renderer never loads zod).
import type { ResponseOf } from '../../../preload/contract';

export type Appointment = ResponseOf<'appointments:listDay'>['appointments'][number];
export type Meeting = Appointment['meeting'];
export type Profile = ResponseOf<'profiles:get'>;
export type Doctor = ResponseOf<'doctors:list'>[number];
export type Patient = ResponseOf<'patients:list'>[number];
export type Connection = ResponseOf<'connections:list'>[number];
export type AppStatus = ResponseOf<'app:getStatus'>;
export type AppInfo = ResponseOf<'app:getInfo'>;
export type ImportPreview = ResponseOf<'import:preview'>;
export type StatusCode = Appointment['status'];
export type VisitType = Appointment['visitType'];
export type Source = Appointment['source'];
