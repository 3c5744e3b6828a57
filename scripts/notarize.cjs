// electron-builder afterSign hook: notarizes the signed macOS app with Apple's notarytool and staples
// the ticket. Credentials come only from the build machine's environment; without them the step is
// skipped with a message (the app still builds, but Gatekeeper will warn on other Macs).

/** Which notarytool credentials the environment holds, or why notarization is skipped. */
function notaryCredentials(env) {
  if (env.APPLE_API_KEY && env.APPLE_API_KEY_ID && env.APPLE_API_ISSUER) {
    return {
      appleApiKey: env.APPLE_API_KEY,
      appleApiKeyId: env.APPLE_API_KEY_ID,
      appleApiIssuer: env.APPLE_API_ISSUER,
    };
  }
  if (env.APPLE_ID && env.APPLE_APP_SPECIFIC_PASSWORD && env.APPLE_TEAM_ID) {
    return {
      appleId: env.APPLE_ID,
      appleIdPassword: env.APPLE_APP_SPECIFIC_PASSWORD,
      teamId: env.APPLE_TEAM_ID,
    };
  }
  if (env.APPLE_KEYCHAIN_PROFILE) {
    return { keychainProfile: env.APPLE_KEYCHAIN_PROFILE, keychain: env.APPLE_KEYCHAIN };
  }
  return null;
}

const SKIP_MESSAGE =
  'Notarization skipped: no Apple credentials in the environment. Set APPLE_ID, ' +
  'APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID (or APPLE_API_KEY, APPLE_API_KEY_ID and ' +
  'APPLE_API_ISSUER, or APPLE_KEYCHAIN_PROFILE) to notarize the macOS build.';

async function afterSign(context, env = process.env) {
  if (context.electronPlatformName !== 'darwin' && context.electronPlatformName !== 'mas') return 'not-mac';
  const credentials = notaryCredentials(env);
  if (!credentials) {
    console.log(SKIP_MESSAGE);
    return 'skipped';
  }
  if (process.platform !== 'darwin') {
    console.log('Notarization skipped: notarytool runs only on macOS; build the mac targets on a Mac.');
    return 'skipped';
  }
  const appPath = `${context.appOutDir}/${context.packager.appInfo.productFilename}.app`;
  const { notarize } = require('@electron/notarize');
  console.log(`Notarizing ${appPath} with Apple (this takes a few minutes)…`);
  await notarize({ appPath, ...credentials });
  console.log('Notarized and stapled.');
  return 'notarized';
}

module.exports = { default: afterSign, notaryCredentials, SKIP_MESSAGE };
