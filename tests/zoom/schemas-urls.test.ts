import { describe, expect, it } from 'vitest';
import { ZoomCreatedMeeting } from '../../main/core/zoom/schemas';

const meeting = (start_url: string, join_url = 'https://zoom.us/j/1?pwd=x') => ({
  id: '85012345678',
  join_url,
  start_url,
});

describe('meeting links from Zoom', () => {
  it('accept https, and http only on the loopback test server', () => {
    expect(ZoomCreatedMeeting.safeParse(meeting('https://us02web.zoom.us/s/1?zak=a')).success).toBe(true);
    expect(ZoomCreatedMeeting.safeParse(meeting('http://127.0.0.1:4455/s/1?zak=a')).success).toBe(true);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'http://zoom.us/s/1', 'zoommtg://zoom.us/start'])(
    'refuse %s as a start or join link',
    (bad) => {
      expect(ZoomCreatedMeeting.safeParse(meeting(bad)).success).toBe(false);
      expect(ZoomCreatedMeeting.safeParse(meeting('https://zoom.us/s/1', bad)).success).toBe(false);
    },
  );
});
