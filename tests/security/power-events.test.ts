import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockOnPowerEvents, POWER_EVENTS, powerEventAction } from '../../main/core/security/power-events';

describe("the doctor's profile locks with the OS", () => {
  it.each(['lock-screen', 'suspend', 'user-did-resign-active'])('%s locks the profile', (event) => {
    expect(powerEventAction(event)).toBe('lock-profile');
  });

  it.each(['unlock-screen', 'resume', 'on-ac', 'shutdown', ''])('%s unlocks nothing', (event) => {
    expect(powerEventAction(event)).toBe('none');
  });

  it('subscribed to a real emitter: screen lock and suspend call lock, resume does not, stop unsubscribes', () => {
    const monitor = new EventEmitter();
    let locks = 0;
    const stop = lockOnPowerEvents(monitor, () => locks++);
    expect(POWER_EVENTS.every((e) => monitor.listenerCount(e) === 1)).toBe(true);
    monitor.emit('lock-screen');
    monitor.emit('unlock-screen');
    monitor.emit('suspend');
    monitor.emit('resume');
    expect(locks).toBe(2);
    stop();
    monitor.emit('lock-screen');
    expect(locks).toBe(2);
    expect(POWER_EVENTS.every((e) => monitor.listenerCount(e) === 0)).toBe(true);
  });
});
