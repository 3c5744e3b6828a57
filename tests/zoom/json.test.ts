import { describe, expect, it } from 'vitest';
import { parseZoomJson } from '../../main/core/zoom/json';
import { ZoomMeeting } from '../../main/core/zoom/schemas';

describe('parseZoomJson', () => {
  it('keeps a meeting id above 2^53 exact, as a string', () => {
    const body = parseZoomJson('{"id":92233720368547758,"topic":"x"}') as { id: string };
    expect(body.id).toBe('92233720368547758');
    expect(BigInt(body.id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('turns ordinary ids into strings too, so callers see one type', () => {
    expect(parseZoomJson('{"id":85012345678,"pmi":5123456789}')).toEqual({
      id: '85012345678',
      pmi: '5123456789',
    });
  });

  it('leaves other numbers as numbers', () => {
    expect(parseZoomJson('{"duration":30,"page_size":300}')).toEqual({ duration: 30, page_size: 300 });
  });

  it('refuses a fractional id instead of guessing', () => {
    expect(() => parseZoomJson('{"id":1.5}')).toThrow();
  });

  it('lets the meeting schema accept the string id and strip fields Zoom adds later', () => {
    const parsed = ZoomMeeting.parse(
      parseZoomJson(
        '{"id":18446744073709551615,"join_url":"https://zoom.us/j/1","start_url":"https://zoom.us/s/1","brand_new":1}',
      ),
    );
    expect(parsed.id).toBe('18446744073709551615');
    expect(parsed).not.toHaveProperty('brand_new');
  });
});
