import { digits, zoomUserId } from './ids';
import { DEFAULT_ACCOUNT_ID, type SandboxState } from './state';
import type { SandboxUser, SandboxUserInit } from './types';

/** Fixed ids so the demo and tests can name a doctor by id across runs. */
export const DEMO_USERS: SandboxUserInit[] = [
  {
    id: 'sbxLee0TkQ2mWn8rYz4Hq1',
    email: 'dr.lee@sandbox.test',
    first_name: 'Grace',
    last_name: 'Lee',
    timezone: 'America/New_York',
  },
  {
    id: 'sbxPatel9Lm3Vc7Xs5Bd2P',
    email: 'dr.patel@sandbox.test',
    first_name: 'Anil',
    last_name: 'Patel',
    timezone: 'America/Chicago',
  },
  {
    id: 'sbxGarcia4Jh6Nf1Rt8Wk0',
    email: 'dr.garcia@sandbox.test',
    first_name: 'Sofia',
    last_name: 'Garcia',
    timezone: 'Europe/Madrid',
  },
];

export function addUser(state: SandboxState, init: SandboxUserInit): SandboxUser {
  if (state.findUser(init.email)) throw new Error(`Sandbox user ${init.email} already exists`);
  const id = init.id ?? zoomUserId();
  const pmi = Number(`5${digits(9)}`);
  const first = init.first_name ?? init.email.split('@')[0] ?? 'Sandbox';
  const last = init.last_name ?? 'User';
  const created = state.iso();
  const user: SandboxUser = {
    id,
    email: init.email,
    first_name: first,
    last_name: last,
    display_name: `${first} ${last}`,
    account_id: init.account_id ?? DEFAULT_ACCOUNT_ID,
    account_number: 10_000_001,
    type: init.type ?? 2,
    timezone: init.timezone ?? 'UTC',
    pmi,
    use_pmi: false,
    status: 'active',
    role_name: 'Member',
    language: 'en-US',
    verified: 1,
    created_at: created,
    user_created_at: created,
    personal_meeting_url: `${state.origin}/j/${pmi}`,
  };
  state.users.set(id, user);
  return user;
}
