import { chmodSync, chownSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveZoomEndpoints } from '../../main/core/app/zoom-endpoints';
import { configEnv } from '../../main/core/settings/config-env';
import { loadPolicy, policyPath } from '../../main/core/settings/policy';
import { icaclsWriters, windowsPolicyProblem } from '../../main/core/settings/policy-trust';

const posix = process.platform !== 'win32';
const isRoot = posix && process.getuid?.() === 0;

function policyIn(folderMode = 0o755, fileMode = 0o644) {
  const base = mkdtempSync(path.join(tmpdir(), 'cc-trust-'));
  const folder = path.join(base, 'clinic-companion');
  mkdirSync(folder);
  chmodSync(folder, folderMode);
  const file = path.join(folder, 'policy.json');
  writeFileSync(file, JSON.stringify({ mode: 'per-doctor' }));
  chmodSync(file, fileMode);
  return { base, folder, file };
}

describe('packaged builds take no configuration from the environment', () => {
  const env = {
    CLINIC_COMPANION_POLICY: '/home/alice/my-policy.json',
    ZOOM_OAUTH_BASE_URL: 'https://evil.example',
    zoom_api_base_url: 'https://evil.example/v2',
    ZOOM_API_BASE_URL: 'https://evil.example/v2',
    ZOOM_CLIENT_ID: 'someone-elses-app',
    ZOOM_BRIDGE_URL: 'https://evil.example/bridge',
    CLINIC_COMPANION_SANDBOX: '1',
    CLINIC_ZOOM_HOSTS: 'evil.example',
    HOME: '/home/alice',
  };

  it('packaged: the policy path and the Zoom servers are the defaults, whatever is set', () => {
    const kept = configEnv(true, env);
    expect(kept).toEqual({ HOME: '/home/alice' });
    expect(policyPath('linux', kept)).toBe('/etc/clinic-companion/policy.json');
    const zoom = resolveZoomEndpoints({ env: kept, policy: {}, settingsClientId: undefined });
    expect(zoom).toMatchObject({
      oauthBaseUrl: 'https://zoom.us',
      apiBaseUrl: 'https://api.zoom.us/v2',
      clientId: undefined,
      schemeBridgeUrl: undefined,
      serverName: 'Zoom',
    });
  });

  it('development runs still honour them (sandbox, test policies)', () => {
    const kept = configEnv(false, env);
    expect(policyPath('linux', kept)).toBe('/home/alice/my-policy.json');
    expect(resolveZoomEndpoints({ env: kept, policy: {}, settingsClientId: undefined }).apiBaseUrl).toBe(
      'https://evil.example/v2',
    );
  });
});

describe.runIf(posix)('a policy file ordinary users can write is refused (POSIX)', () => {
  it('a root-owned file, not group/other-writable, in a root-owned folder is read', () => {
    const { file } = policyIn();
    const trust = { platform: process.platform, trustedUids: [0, process.getuid!()] };
    expect(loadPolicy(file, trust)).toMatchObject({ found: true, policy: { mode: 'per-doctor' } });
  });

  it.each([
    [0o666, /not protected: users other than its owner can write it \(mode 0666\)/],
    [0o620, /not protected: users other than its owner can write it \(mode 0620\)/],
  ])('a file with mode %o is refused, naming the file and why', (mode, why) => {
    const { file } = policyIn(0o755, mode);
    const trust = { platform: process.platform, trustedUids: [process.getuid!()] };
    expect(() => loadPolicy(file, trust)).toThrow(why);
    expect(() => loadPolicy(file, trust)).toThrow(file);
  });

  it('a file in a folder others can write is refused (they could swap it), even a sticky one', () => {
    const trust = { platform: process.platform, trustedUids: [process.getuid!()] };
    const open = policyIn(0o777);
    expect(() => loadPolicy(open.file, trust)).toThrow(
      `users other than its owner can write its folder ${open.folder} (mode 0777)`,
    );
    const sticky = policyIn(0o1777);
    expect(() => loadPolicy(sticky.file, trust)).toThrow(/can write its folder .* \(mode 01777\)/);
  });

  it.runIf(isRoot)('a file owned by an ordinary user is refused, and so is one in their folder', () => {
    const trust = { platform: process.platform, trustedUids: [0] };
    const mine = policyIn();
    chownSync(mine.file, 12345, 12345);
    expect(() => loadPolicy(mine.file, trust)).toThrow(
      `The policy file ${mine.file} is not protected: it is owned by user 12345, not by root`,
    );
    const theirFolder = policyIn();
    chownSync(theirFolder.folder, 12345, 12345);
    expect(() => loadPolicy(theirFolder.file, trust)).toThrow(
      `its folder ${theirFolder.folder} is owned by user 12345, not by root`,
    );
  });

  it.runIf(isRoot)(
    'the app owner is trusted by default only when it owns the running app (root here)',
    () => {
      const { file } = policyIn();
      chownSync(file, 12345, 12345);
      expect(() => loadPolicy(file)).toThrow(/owned by user 12345/);
    },
  );

  it("a symlink is judged by the file it points to and that file's folder", () => {
    const trust = { platform: process.platform, trustedUids: [process.getuid!()] };
    const inOpenFolder = policyIn(0o777, 0o644);
    const { folder } = policyIn();
    const link = path.join(folder, 'link.json');
    symlinkSync(inOpenFolder.file, link);
    expect(() => loadPolicy(link, trust)).toThrow(`can write its folder ${inOpenFolder.folder}`);
  });
});

describe('a policy file ordinary users can write is refused (Windows, icacls)', () => {
  const file = 'C:\\ProgramData\\Clinic Companion\\policy.json';
  const folder = 'C:\\ProgramData\\Clinic Companion';
  // What icacls prints for a folder made under %ProgramData% by an installer, and its file.
  const defaultFolder = `${folder} NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)
                                BUILTIN\\Administrators:(I)(OI)(CI)(F)
                                CREATOR OWNER:(I)(OI)(CI)(IO)(F)
                                BUILTIN\\Users:(I)(OI)(CI)(RX)
                                BUILTIN\\Users:(I)(CI)(WD,AD,WEA,WA)

Successfully processed 1 files; Failed processing 0 files
`;
  const defaultFile = `${file} NT AUTHORITY\\SYSTEM:(I)(F)
                                            BUILTIN\\Administrators:(I)(F)
                                            BUILTIN\\Users:(I)(RX)

Successfully processed 1 files; Failed processing 0 files
`;

  it('the installer default is accepted: Users may add files to the folder but not replace this one', () => {
    expect(icaclsWriters(file, defaultFile, 'file')).toEqual([]);
    expect(icaclsWriters(folder, defaultFolder, 'folder')).toEqual([]);
    expect(
      windowsPolicyProblem({ path: file, icacls: defaultFile }, { path: folder, icacls: defaultFolder }),
    ).toBe(null);
  });

  it.each([
    ['BUILTIN\\Users:(I)(M)', 'BUILTIN\\Users'],
    ['Everyone:(F)', 'Everyone'],
    ['NT AUTHORITY\\Authenticated Users:(I)(W)', 'NT AUTHORITY\\Authenticated Users'],
    ['CLINIC-PC\\frontdesk:(WD,AD)', 'CLINIC-PC\\frontdesk'],
    ['S-1-5-21-1004336348-1177238915-682003330-1001:(WDAC)', 'S-1-5-21-1004336348-1177238915-682003330-1001'],
  ])('a file granting %s is refused, naming who can change it', (ace, who) => {
    const out = defaultFile.replace('BUILTIN\\Users:(I)(RX)', `BUILTIN\\Users:(I)(RX)\n  ${ace}`);
    expect(windowsPolicyProblem({ path: file, icacls: out }, { path: folder, icacls: defaultFolder })).toBe(
      `${who} can change it`,
    );
  });

  it('a folder that lets users delete or re-permission its files is refused', () => {
    const out = defaultFolder.replace('(WD,AD,WEA,WA)', '(WD,AD,WEA,WA,DC)');
    expect(windowsPolicyProblem({ path: file, icacls: defaultFile }, { path: folder, icacls: out })).toBe(
      `BUILTIN\\Users can replace it through its folder ${folder}`,
    );
  });

  it('deny and inherit-only entries grant nothing on the file itself', () => {
    const out = `${file} Everyone:(DENY)(W)\n  BUILTIN\\Users:(OI)(IO)(F)\n  NT AUTHORITY\\SYSTEM:(F)\n`;
    expect(icaclsWriters(file, out, 'file')).toEqual([]);
  });
});
