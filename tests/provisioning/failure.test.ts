// The decision table for failed Zoom work: every error kind has one answer, none of them a loop
// and none of them dropping a visit's meeting without words for people.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../main/core/errors';
import { decideFailure } from '../../main/core/provisioning/failure';
import { ZoomApiError } from '../../main/core/zoom';

const ctx = (operation: string) => ({
  attempts: 1,
  nowMs: Date.parse('2030-01-01T12:00:00Z'),
  doctorName: 'Dr. Lee',
  operation,
  random: () => 0.5,
});
const notFound = (reason: 'meeting-not-found' | 'user-not-found') =>
  new ZoomApiError({ kind: 'not-found', reason, message: 'not found' });

describe('decideFailure', () => {
  it('a meeting gone while deleting it is done', () => {
    expect(decideFailure(notFound('meeting-not-found'), ctx('delete'))).toEqual({ action: 'done' });
  });

  it('a meeting gone while creating is retried after a back-off, not dropped', () => {
    const o = decideFailure(notFound('meeting-not-found'), ctx('create'));
    expect(o).toMatchObject({ action: 'retry' });
    if (o.action === 'retry') expect(o.at).toBeGreaterThan(ctx('create').nowMs);
  });

  it('a host Zoom does not know parks the visit as failed with the doctor named', () => {
    expect(decideFailure(notFound('user-not-found'), ctx('create'))).toEqual({
      action: 'park',
      mappingState: 'failed',
      message: expect.stringMatching(/Dr\. Lee's account/),
    });
  });

  it('a lost connection parks the work, naming the doctor, or the clinic account in clinic-wide mode', () => {
    const doctor = decideFailure(new AppError('reconnect-needed', 'x'), ctx('update'));
    expect(doctor).toEqual({
      action: 'park',
      mappingState: 'needs-reconnect',
      message: 'Dr. Lee must reconnect Zoom before this meeting can be updated.',
    });
    const clinic = decideFailure(
      new AppError('reconnect-needed', 'The clinic Zoom account is not set up.', { scope: 'clinic' }),
      ctx('create'),
    );
    expect(clinic).toMatchObject({ action: 'park', message: 'The clinic Zoom account is not set up.' });
  });

  it('the daily limit waits until the reset Zoom gave', () => {
    const e = new ZoomApiError({
      kind: 'zoom-daily-limit',
      reason: 'daily-limit',
      resetAt: '2030-01-02T00:00:00.000Z',
      message: 'limit',
    });
    expect(decideFailure(e, ctx('create'))).toMatchObject({
      action: 'retry',
      at: Date.parse('2030-01-02T00:00:00Z'),
      offline: false,
    });
  });
});
