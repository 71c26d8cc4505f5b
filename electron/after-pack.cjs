// electron-builder afterPack hook (electron-builder.yml `afterPack`): flips Electron's fuses in the
// packaged binary before it is signed and wrapped into an installer. The defaults leave doors open
// that this app never uses: ELECTRON_RUN_AS_NODE turns the app into a plain Node.js, NODE_OPTIONS and
// --inspect let anyone attach code to it, and without asar integrity the app code can be swapped.
// CommonJS: electron-builder `require`s the hook.
'use strict';
const path = require('node:path');
const { existsSync } = require('node:fs');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** The fuse settings of every build. */
const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Windows and macOS check app.asar against the hash electron-builder embeds; Linux ignores it.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app is served from its own app:// scheme (electron/security.ts), never from file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable electron-builder produced in `appOutDir`, per platform. */
function executableOf(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`);
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context, flip = flipFuses) {
  const exe = executableOf(context);
  // Fail the build rather than ship an installer with the default fuses.
  if (!existsSync(exe)) throw new Error(`无法设置 Electron 保险丝：找不到打包出的程序“${exe}”`);
  const sentinels = await flip(exe, {
    ...FUSES,
    // Apple Silicon refuses a binary whose ad-hoc signature no longer matches; re-sign it.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3 /* Arch.arm64 */,
  });
  if (!sentinels) throw new Error(`无法设置 Electron 保险丝：“${exe}”中没有保险丝标记`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.executableOf = executableOf;
