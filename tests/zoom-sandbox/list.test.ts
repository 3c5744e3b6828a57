import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startZoomSandbox, type ZoomSandbox } from '../../main/core/zoom-sandbox';
import { api, connectDoctor, manualClock, s2sToken, visit } from './helpers';

let sb: ZoomSandbox;
let token: string;
const clock = manualClock(Date.UTC(2030, 2, 1, 12, 0, 0));
beforeEach(async () => {
  sb = await startZoomSandbox({ now: clock.now, rateLimits: false });
  token = (await connectDoctor(sb)).access_token;
});
afterEach(() => sb.close());

async function seed(n: number) {
  for (let i = 0; i < n; i++) {
    const start = new Date(Date.UTC(2030, 2, 2 + i, 10)).toISOString().replace('.000', '');
    await api(sb, token, 'POST', '/users/me/meetings', { ...visit, start_time: start });
  }
}

describe('list meetings', () => {
  it('pages through every meeting with next_page_token, ordered by start time', async () => {
    await seed(7);
    const seen: number[] = [];
    let next = '';
    let pages = 0;
    do {
      const q = `?type=scheduled&page_size=3${next ? `&next_page_token=${next}` : ''}`;
      const res = await api(sb, token, 'GET', `/users/me/meetings${q}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ page_size: 3, total_records: 7 });
      seen.push(...res.body.meetings.map((m: { id: number }) => m.id));
      next = res.body.next_page_token;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(seen.map(String)).toEqual(
      sb
        .meetings()
        .sort((a, b) => a.start_time.localeCompare(b.start_time))
        .map((m) => m.id),
    );
  });

  it('lists the fields Zoom lists, and no start_url', async () => {
    await seed(1);
    const m = (await api(sb, token, 'GET', '/users/me/meetings')).body.meetings[0];
    expect(Object.keys(m).sort()).toEqual(
      [
        'agenda',
        'created_at',
        'duration',
        'host_id',
        'id',
        'join_url',
        'start_time',
        'timezone',
        'topic',
        'type',
        'uuid',
      ].sort(),
    );
  });

  it('defaults page_size to 30 and caps it at 300', async () => {
    expect((await api(sb, token, 'GET', '/users/me/meetings')).body.page_size).toBe(30);
    expect((await api(sb, token, 'GET', '/users/me/meetings?page_size=1000')).body.page_size).toBe(300);
    expect((await api(sb, token, 'GET', '/users/me/meetings?page_size=abc')).body.code).toBe(300);
  });

  it('rejects a next_page_token older than 15 minutes', async () => {
    await seed(3);
    const first = await api(sb, token, 'GET', '/users/me/meetings?page_size=1');
    clock.add(15 * 60 * 1000 + 1);
    const fresh = await s2sToken(sb);
    const res = await api(
      sb,
      fresh,
      'GET',
      `/users/dr.lee@sandbox.test/meetings?page_size=1&next_page_token=${first.body.next_page_token}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(300);
  });

  it('filters upcoming and live meetings and refuses an unknown type', async () => {
    await seed(2);
    const [a] = sb.meetings();
    sb.updateMeetingAsZoom(a!.id, { start_time: '2030-02-01T10:00:00Z' });
    expect((await api(sb, token, 'GET', '/users/me/meetings?type=upcoming')).body.total_records).toBe(1);
    sb.setMeetingStatus(a!.id, 'started');
    expect((await api(sb, token, 'GET', '/users/me/meetings?type=live')).body.total_records).toBe(1);
    expect((await api(sb, token, 'GET', '/users/me/meetings?type=bogus')).status).toBe(400);
  });

  it("lists only the host's meetings", async () => {
    await seed(2);
    const patel = (await connectDoctor(sb, 'dr.patel@sandbox.test')).access_token;
    expect((await api(sb, patel, 'GET', '/users/me/meetings')).body.total_records).toBe(0);
  });
});
