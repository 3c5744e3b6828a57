import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateReference, isReference } from '../../main/core/appointments/reference';
import { meetingAgenda, meetingTopic } from '../../main/core/appointments/topic';
import { bookFactory, telemed } from './helpers';

const setup = bookFactory();

describe('meeting topic and agenda', () => {
  it('the topic is the generic title with the opaque reference', () => {
    const ref = generateReference();
    expect(meetingTopic(ref)).toBe(`Telemedical Consultation (ref ${ref})`);
    expect(meetingTopic(ref).length).toBeLessThanOrEqual(200);
    expect(meetingAgenda().length).toBeLessThanOrEqual(2000);
  });

  it('only a reference goes in: any other text is refused rather than put in the topic', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!isReference(text));
        expect(() => meetingTopic(text)).toThrow();
      }),
    );
  });

  it('never contains the patient’s name or the reason, whatever they are', async () => {
    const { book } = await setup();
    // Text that is part of the fixed wording anyway ("ion", "ref") cannot be a leak.
    const fixed = `${meetingTopic('CC-0000000000')}\n${meetingAgenda()}`;
    // A marker no field name or generated value contains, so a short random name like "eat" is not
    // "found" inside a word such as "created" in the outbox payload.
    const text = (max: number) =>
      fc
        .string({ minLength: 3, maxLength: max })
        .filter((s) => s.trim().length >= 3 && !fixed.includes(s))
        .map((s) => `§${s}`);
    await fc.assert(
      fc.asyncProperty(text(40), text(80), async (name, reason) => {
        const id = `pat-${Math.random()}`;
        await book.repos.patients.insert({ id, displayName: name });
        const { appointment } = await book.create(telemed({ patientId: id, reason }), {
          actor: 'front-desk',
        });
        const topic = meetingTopic(appointment.reference).replace(appointment.reference, 'CC-0000000000');
        const agenda = meetingAgenda();
        for (const text of [topic, agenda]) {
          expect(text.includes(name)).toBe(false);
          expect(text.includes(reason)).toBe(false);
        }
        const payload = JSON.stringify(await book.repos.outbox.forAppointment(appointment.id));
        expect(payload.includes(JSON.stringify(name).slice(1, -1))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('references are unique and non-sequential', () => {
    const refs = new Set(Array.from({ length: 20_000 }, generateReference));
    expect(refs.size).toBe(20_000);
    for (const r of refs) expect(isReference(r)).toBe(true);
  });
});
