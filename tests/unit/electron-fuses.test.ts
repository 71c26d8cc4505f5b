/**
 * The afterPack hook flips Electron's fuses with @electron/fuses 1.8 — run for real on a fake
 * "binary": random bytes around the fuse sentinel and a wire in Electron's default states.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

const require = createRequire(import.meta.url);
const afterPack = require('../../electron/after-pack.cjs') as ((context: unknown, flip?: unknown) => Promise<void>) & {
  executableOf(context: unknown): string;
};

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 49;
const OFF = 48;
// Electron's own defaults for the eight V1 fuses, plus a ninth this version of the library does not know.
const DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON];

function fakeElectron(file: string): void {
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff));
  writeFileSync(file, Buffer.concat([noise(4096), Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, DEFAULTS.length, ...DEFAULTS]), noise(4096)]));
}

const context = (appOutDir: string, electronPlatformName: string) => ({
  appOutDir,
  electronPlatformName,
  arch: 1,
  packager: { appInfo: { productFilename: '部门预算公开工作台' }, executableName: 'budget-workbench' },
});

describe('Electron fuses (electron-builder afterPack)', () => {
  it.each([
    ['linux', 'budget-workbench'],
    ['win32', '部门预算公开工作台.exe'],
  ])('%s: RunAsNode, NODE_OPTIONS, --inspect and file:// privileges off; cookie encryption, asar integrity, asar-only on', async (platform, exe) => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-fuses-'));
    const file = join(dir, exe);
    fakeElectron(file);
    const before = readFileSync(file);
    await afterPack(context(dir, platform));
    const wire = (await getCurrentFuseWire(file)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF);
    // Untouched: the V8 snapshot fuse (default off) and the fuse this library does not know.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF);
    expect(wire[8]).toBe(ON);
    // Only the wire changed, nothing else in the binary.
    const after = readFileSync(file);
    expect(after.length).toBe(before.length);
    const changed = [...after].map((b, i) => (b !== before[i] ? i : -1)).filter((i) => i >= 0);
    const wireStart = 4096 + SENTINEL.length + 2;
    expect(changed.every((i) => i >= wireStart && i < wireStart + DEFAULTS.length)).toBe(true);
  });

  it('asks @electron/fuses for exactly these settings, re-signing only Apple Silicon builds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-fuses-'));
    mkdirSync(join(dir, '部门预算公开工作台.app'));
    const flip = vi.fn(async () => 1);
    await afterPack({ ...context(dir, 'darwin'), arch: 3 }, flip);
    expect(flip).toHaveBeenCalledWith(join(dir, '部门预算公开工作台.app'), {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('fails the build when the binary is missing or has no fuse wire', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-fuses-'));
    await expect(afterPack(context(dir, 'linux'))).rejects.toThrow(`无法设置 Electron 保险丝：找不到打包出的程序“${join(dir, 'budget-workbench')}”`);
    writeFileSync(join(dir, 'budget-workbench'), 'not electron');
    await expect(afterPack(context(dir, 'linux'))).rejects.toThrow(/sentinel/);
  });

  it('is the hook electron-builder runs', () => {
    expect(readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8')).toMatch(/^afterPack: electron\/after-pack\.cjs$/m);
  });
});
