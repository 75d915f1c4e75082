import { describe, expect, it } from 'vitest';
import { FakeCipher, MemorySettingsBackend } from '../testing/fakes.ts';
import { defaultSettings } from './schema.ts';
import { SettingsService } from './settings-service.ts';
import { TokenVault } from './token-vault.ts';

const TOKEN = 'wp_member_7f3a9c';

function setup(cipher: FakeCipher, platform: NodeJS.Platform = 'linux') {
  const settings = new SettingsService(new MemorySettingsBackend(defaultSettings()));
  return { settings, vault: new TokenVault(settings, cipher, platform) };
}

describe('TokenVault', () => {
  it('encrypts with the OS keyring and reads the token back', () => {
    const { settings, vault } = setup(new FakeCipher({ backend: 'gnome_libsecret' }));
    vault.save(TOKEN);
    const stored = settings.get().token;
    expect(stored?.kind).toBe('encrypted');
    expect(stored?.data).not.toContain(TOKEN);
    expect(Buffer.from(stored?.data ?? '', 'base64').toString()).not.toContain(TOKEN);
    expect(vault.load()).toBe(TOKEN);
    expect(vault.warning()).toBeNull();
  });

  it.each<[string, FakeCipher, NodeJS.Platform, RegExp]>([
    [
      'Linux with only basic_text',
      new FakeCipher({ backend: 'basic_text' }),
      'linux',
      /stored without OS encryption.*\(secret storage: basic_text\).*GNOME Keyring or KWallet/,
    ],
    [
      'Linux with no encryption at all',
      new FakeCipher({ available: false, backend: 'unknown' }),
      'linux',
      /keyring/,
    ],
    [
      'Windows without secure storage',
      new FakeCipher({ available: false, backend: 'unknown' }),
      'win32',
      /secure storage is not available/,
    ],
  ])('%s: stores the token plainly and warns', (_, cipher, platform, warning) => {
    const { settings, vault } = setup(cipher, platform);
    vault.save(TOKEN);
    expect(settings.get().token).toEqual({ kind: 'plain', data: TOKEN });
    expect(vault.load()).toBe(TOKEN);
    expect(vault.warning()).toMatch(warning);
    expect(vault.warning()).toMatch(/^Your Wolfpack sign-in token is stored without OS encryption/);
  });

  it('no token, no warning', () => {
    const { vault } = setup(new FakeCipher({ backend: 'basic_text' }));
    expect(vault.load()).toBeNull();
    expect(vault.warning()).toBeNull();
  });

  it('moves a plain token into a keyring that has appeared since', () => {
    const cipher = new FakeCipher({ backend: 'basic_text' });
    const { settings, vault } = setup(cipher);
    vault.save(TOKEN);
    cipher.storageBackend = 'kwallet6';
    expect(vault.load()).toBe(TOKEN);
    expect(settings.get().token?.kind).toBe('encrypted');
    expect(vault.warning()).toBeNull();
  });

  it('a keyring that cannot decrypt gives no token and says what to do', () => {
    const cipher = new FakeCipher();
    const { vault } = setup(cipher);
    vault.save(TOKEN);
    cipher.locked = true;
    expect(vault.load()).toBeNull();
    expect(vault.warning()).toMatch(/could not be decrypted.*join your pack again/);
  });

  it('clear forgets the token', () => {
    const { settings, vault } = setup(new FakeCipher());
    vault.save(TOKEN);
    vault.clear();
    expect(settings.get().token).toBeNull();
    expect(vault.load()).toBeNull();
  });
});
