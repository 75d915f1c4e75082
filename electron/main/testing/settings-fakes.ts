/** Fakes for the settings store and Electron's safeStorage. */
import type { DesktopSettings } from '../settings/schema.ts';
import type { SettingsBackend } from '../settings/settings-service.ts';
import type { SecretCipher } from '../settings/token-vault.ts';

/** Settings in memory; `writes` counts saves, `failWrites` simulates a full or read-only disk. */
export class MemorySettingsBackend implements SettingsBackend {
  stored: unknown;
  writes = 0;
  failWrites = false;

  constructor(initial?: unknown) {
    this.stored = initial;
  }

  read(): unknown {
    return structuredClone(this.stored);
  }

  write(value: DesktopSettings): void {
    if (this.failWrites) throw new Error('disk full');
    this.stored = structuredClone(value);
    this.writes++;
  }
}

/**
 * safeStorage stand-in. "Encryption" reverses the bytes and adds a marker, so a test can tell
 * ciphertext from the token and decrypting with the wrong key (`locked`) fails like the real one.
 */
export class FakeCipher implements SecretCipher {
  available: boolean;
  storageBackend: string;
  locked = false;

  constructor(opts: { available?: boolean; backend?: string } = {}) {
    this.available = opts.available ?? true;
    this.storageBackend = opts.backend ?? 'gnome_libsecret';
  }

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  encryptString(s: string): Uint8Array {
    if (!this.available) throw new Error('Encryption is not available.');
    return new Uint8Array([0xfe, ...new TextEncoder().encode(s)].reverse());
  }

  decryptString(b: Uint8Array): string {
    const bytes = [...b].reverse();
    if (this.locked || bytes[0] !== 0xfe)
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return new TextDecoder().decode(new Uint8Array(bytes.slice(1)));
  }

  backend(): string {
    return this.storageBackend;
  }
}
