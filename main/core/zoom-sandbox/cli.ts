import { startZoomSandbox } from './index';

// Usage: npx tsx main/core/zoom-sandbox/cli.ts [port]
const port = Number(process.argv[2] ?? 4710);
const sandbox = await startZoomSandbox({ port });
console.log(`Zoom sandbox listening on ${sandbox.origin}`);
console.log(`  authorize : ${sandbox.oauthBaseUrl}/oauth/authorize`);
console.log(`  token     : ${sandbox.oauthBaseUrl}/oauth/token`);
console.log(`  API       : ${sandbox.apiBaseUrl}`);
console.log(
  `  users     : ${sandbox
    .users()
    .map((u) => u.email)
    .join(', ')}`,
);
const stop = () => void sandbox.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
