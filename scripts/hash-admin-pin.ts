// `npm run hash-admin-pin`: reads the clinic admin's PIN or passphrase from standard input (typed
// without echo on a terminal, or piped) and prints the hash for the policy key `adminPinHash`.
// The secret itself is never printed or written anywhere.
import { hashPin } from '../main/core/profiles/pin';

async function readSecret(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write('Admin PIN or passphrase (not shown): ');
  process.stdin.setRawMode(true);
  return new Promise((resolve) => {
    let secret = '';
    process.stdin.on('data', (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stderr.write('\n');
          resolve(secret);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        secret = ch === '\u007f' ? secret.slice(0, -1) : secret + ch;
      }
    });
  });
}

const secret = await readSecret();
if (secret.length < 6) {
  console.error('The admin PIN or passphrase has at least 6 characters.');
  process.exit(2);
}
console.log(await hashPin(secret));
process.exit(0);
