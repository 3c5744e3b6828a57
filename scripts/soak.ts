// `npm run soak`: a simulated clinic week (10 doctors, 600 appointments) against the Zoom sandbox
// under faults, one revoked token and an hour of Zoom down; then a KiviCare site's week (300 visits,
// a third of the tele-visits with the site's own meetings, visits moved far past the sync windows).
// Prints tables, writes the figures to bench/soak.json, and exits 1 if any goal is missed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runClinicWeek } from '../tests/reliability/soak/clinic-week';
import { runKiviCareWeek } from '../tests/reliability/soak/kivicare-week';

const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const out = resolve(import.meta.dirname, '..', 'bench', 'soak.json');

const figures = await runClinicWeek({
  doctors: arg('doctors', 10),
  appointments: arg('appointments', 600),
  seed: arg('seed', 8),
  burstSize: arg('burst', 12),
  maxRealMs: arg('max-minutes', 5) * 60_000,
  progress: (line) => console.log(line),
});

const rows: [string, string | number, string][] = [
  ['doctors / appointments booked', `${figures.doctors} / ${figures.appointments}`, ''],
  ['simulated days (steps of 15 min)', `${figures.simulatedDays} (${figures.steps})`, 'goal 7'],
  ['changes', JSON.stringify(figures.changes), ''],
  ['tele-visits checked', figures.teleVisitsChecked, ''],
  ['  with exactly one correct meeting', figures.exactlyOneCorrectMeeting, 'goal: all'],
  ['  wrong or missing meeting', figures.wrongOrMissingMeeting, 'goal 0'],
  ['duplicate meetings (references)', figures.duplicates, 'goal 0'],
  ['orphan meetings on Zoom', figures.orphansOnZoom, 'goal 0'],
  ['lost appointments', figures.lostAppointments, 'goal 0'],
  ['flagged at the end (reconnect/failed)', figures.flagged, 'goal 0'],
  ['API calls (per appointment)', `${figures.apiCalls} (${figures.apiCallsPerAppointment})`, ''],
  ['faults injected / 429 answers', `${figures.faultsInjected} / ${figures.rateLimitedAnswers}`, ''],
  ['token refreshes', figures.tokenRefreshes, ''],
  ['work parked while token revoked', figures.revokedDoctorParked, ''],
  [
    'drain after reconnect (items, real ms)',
    `${figures.drainAfterReconnect.itemsWaiting}, ${figures.drainAfterReconnect.realMs} ms`,
    '',
  ],
  [
    'drain after 1 h outage (items, sim s, real ms)',
    `${figures.drainAfterOutage.itemsWaiting}, ${figures.drainAfterOutage.simulatedMs / 1000} s, ${figures.drainAfterOutage.realMs} ms`,
    '',
  ],
  ['real time', `${Math.round(figures.realMs / 1000)} s`, '< 300 s'],
];
const table = (title: string, list: [string, string | number, string][], problems: string[]) => {
  const width = Math.max(...list.map((r) => r[0].length));
  console.log(`\n${title}`);
  for (const [k, v, goal] of list) console.log(`${k.padEnd(width)}  ${String(v).padEnd(28)} ${goal}`);
  for (const p of problems) console.log(`  problem: ${p}`);
};
table('Clinic week (companion-booked)', rows, figures.problems);

const kivicare = await runKiviCareWeek({
  visits: arg('kivicare-visits', 300),
  days: arg('kivicare-days', 7),
  seed: arg('seed', 8),
  maxRealMs: arg('max-minutes', 5) * 60_000,
  progress: (line) => console.log(line),
});
table(
  'KiviCare site week',
  [
    ['visits on the site / with the site’s meeting', `${kivicare.visits} / ${kivicare.siteMadeAtStart}`, ''],
    ['simulated days', kivicare.simulatedDays, `goal ${arg('kivicare-days', 7)}`],
    ['changes on the site', JSON.stringify(kivicare.changes), ''],
    ['syncs (ok / failed)', `${kivicare.syncs.ok} / ${kivicare.syncs.failed}`, ''],
    ['second meetings for a site-made visit', kivicare.secondMeetings, 'goal 0'],
    [
      'moved far ahead: checked / meeting recreated',
      `${kivicare.movedChecked} / ${kivicare.movedRecreated}`,
      'goal 0 recreated',
    ],
    ['cancelled here but still on the site', kivicare.wronglyCancelled, 'goal 0'],
    ['duplicate / orphan meetings', `${kivicare.duplicates} / ${kivicare.orphansOnZoom}`, 'goal 0 / 0'],
    ['meetings created on Zoom', kivicare.zoomCreates, ''],
    ['real time', `${Math.round(kivicare.realMs / 1000)} s`, ''],
  ],
  kivicare.problems,
);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), ...figures, kivicare }, null, 2)}\n`);
console.log(`\nFigures written to ${out}`);

const held =
  figures.finishedInTime &&
  figures.duplicates === 0 &&
  figures.orphansOnZoom === 0 &&
  figures.lostAppointments === 0 &&
  figures.wrongOrMissingMeeting === 0 &&
  kivicare.finishedInTime &&
  kivicare.problems.length === 0;
process.exit(held ? 0 : 1);
