// Managed policy: a machine-wide JSON file IT writes. Every key present locks that setting.
// A broken file stops the app with the file and field named; it never falls back silently.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DatabasePolicy } from '../clinic/database-config';
import { AppError } from '../errors';
import { defaultPolicyTrust, type PolicyTrust, policyFileProblem } from './policy-trust';
import { isValidTimeZone } from './time-zone';

const HttpsUrl = z.url({ protocol: /^https$/ });
const AnyHttpUrl = z.url({ protocol: /^https?$/ });

export const PolicySchema = z
  .object({
    zoomClientId: z.string().min(1).max(200).optional(),
    zoomOAuthBaseUrl: AnyHttpUrl.optional(),
    zoomApiBaseUrl: AnyHttpUrl.optional(),
    redirectMode: z.enum(['loopback', 'scheme']).optional(),
    bridgeUrl: HttpsUrl.optional(),
    mode: z.enum(['per-doctor', 'clinic-wide']).optional(),
    kivicareSite: AnyHttpUrl.optional(),
    allowHttpKivicare: z.boolean().optional(),
    allowPrivateKivicare: z.boolean().optional(),
    clinicTimeZone: z.string().refine(isValidTimeZone, 'is not an IANA time zone').optional(),
    allowBasicTextSecrets: z.boolean().optional(),
    autoLockMinutes: z.number().int().min(1).max(240).optional(),
    /** The clinic admin's PIN or passphrase as a hash (`npm run hash-admin-pin`); locks it. */
    adminPinHash: z
      .string()
      .regex(
        /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/,
        'is not a hash made by hash-admin-pin',
      )
      .optional(),
    /** A clinic of desktops: the shared PostgreSQL server (see docs/IT.md). Absent: this desktop's own database. */
    database: DatabasePolicy.optional(),
    updates: z
      .object({ mode: z.enum(['auto', 'notify', 'off']), feedUrl: HttpsUrl.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;

export const APP_DIR_NAME = 'clinic-companion';
export const APP_DISPLAY_NAME = 'Clinic Companion';

/** Where IT puts the policy file on each OS (pass `configEnv(packaged, env)`: no override when packaged). */
export function policyPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (env.CLINIC_COMPANION_POLICY) return env.CLINIC_COMPANION_POLICY;
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, APP_DISPLAY_NAME, 'policy.json');
  }
  if (platform === 'darwin') return `/Library/Application Support/${APP_DISPLAY_NAME}/policy.json`;
  return `/etc/${APP_DIR_NAME}/policy.json`;
}

export type PolicyLoad = { found: false; path: string } | { found: true; path: string; policy: Policy };

export function parsePolicy(text: string, file: string): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError(
      'invalid-request',
      `The policy file ${file} is not valid JSON: ${(e as Error).message}`,
      {
        file,
      },
    );
  }
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    throw new AppError(
      'invalid-request',
      `The policy file ${file} has a problem in "${field}": ${issue?.message}`,
      {
        file,
        field,
      },
    );
  }
  return parsed.data;
}

export function loadPolicy(file: string, trust: PolicyTrust = defaultPolicyTrust()): PolicyLoad {
  let text: string;
  let problem: string | null;
  try {
    text = readFileSync(file, 'utf8');
    problem = policyFileProblem(file, trust);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, path: file };
    throw new AppError('invalid-request', `The policy file ${file} cannot be read: ${(e as Error).message}`, {
      file,
    });
  }
  // A file an ordinary user can change would let them unlock what IT locked: refuse it, loudly.
  if (problem) {
    throw new AppError(
      'invalid-request',
      `The policy file ${file} is not protected: ${problem}. Only administrators may be able to change it.`,
      { file, field: '(permissions)' },
    );
  }
  return { found: true, path: file, policy: parsePolicy(text, file) };
}
