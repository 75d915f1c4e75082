import type { SettingsService } from './settings-service.ts';

/** Electron's safeStorage, adapted. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(s: string): Uint8Array;
  decryptString(b: Uint8Array): string;
  /** Linux: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown'; elsewhere the OS store. */
  backend(): string;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * The member token, encrypted with the OS keyring when there is one. Where there is none (Linux
 * without a Secret Service or KWallet offers only 'basic_text', a fixed key, which is plain text in
 * disguise) it is stored plainly and said so, rather than pretending it is protected.
 */
export class TokenVault {
  private readonly settings: SettingsService;
  private readonly cipher: SecretCipher;
  private readonly platform: NodeJS.Platform;
  private loadProblem: string | null = null;

  constructor(settings: SettingsService, cipher: SecretCipher, platform: NodeJS.Platform = process.platform) {
    this.settings = settings;
    this.cipher = cipher;
    this.platform = platform;
  }

  /** Whether the OS offers real encryption now. */
  canEncrypt(): boolean {
    try {
      return this.cipher.isEncryptionAvailable() && this.cipher.backend() !== 'basic_text';
    } catch {
      return false;
    }
  }

  /** Throws only when the settings cannot be written; the message says why. */
  save(token: string): void {
    let stored: { kind: 'encrypted'; data: string } | { kind: 'plain'; data: string } = {
      kind: 'plain',
      data: token,
    };
    if (this.canEncrypt()) {
      try {
        stored = { kind: 'encrypted', data: toBase64(this.cipher.encryptString(token)) };
      } catch {
        // A keyring that is locked or gone: keep the token usable, and warning() says how it is kept.
      }
    }
    const result = this.settings.update({ token: stored });
    if (!result.ok) throw new Error(result.message);
    this.loadProblem = null;
  }

  /** The token, or null when none is stored or it cannot be decrypted (see warning()). */
  load(): string | null {
    const stored = this.settings.get().token;
    if (!stored) return null;
    if (stored.kind === 'plain') {
      // A keyring that has appeared since: move the token into it.
      if (this.canEncrypt()) this.trySave(stored.data);
      return stored.data;
    }
    try {
      const token = this.cipher.decryptString(fromBase64(stored.data));
      this.loadProblem = null;
      return token;
    } catch {
      this.loadProblem =
        'Your saved sign-in could not be decrypted (the system keyring changed or is locked). Unlock the keyring and restart Wolfpack, or join your pack again with its invite code.';
      return null;
    }
  }

  clear(): void {
    const result = this.settings.update({ token: null });
    if (!result.ok) throw new Error(result.message);
    this.loadProblem = null;
  }

  /** A sentence for the settings screen when the token is not protected by the OS, else null. */
  warning(): string | null {
    if (this.loadProblem) return this.loadProblem;
    if (this.settings.get().token?.kind !== 'plain') return null;
    const backend = this.safeBackend();
    if (backend === 'basic_text' || this.platform === 'linux') {
      // Chromium picks the keyring by desktop; elsewhere than GNOME and KDE it must be named.
      return (
        'Your Wolfpack sign-in token is stored without OS encryption: this system offers no keyring ' +
        `(secret storage: ${backend}), so anyone who can read your files could use it. Install and ` +
        'unlock a keyring (GNOME Keyring or KWallet; on other desktops also start Wolfpack with ' +
        '--password-store=gnome-libsecret), then restart Wolfpack to encrypt it.'
      );
    }
    return (
      'Your Wolfpack sign-in token is stored without OS encryption because the system secure storage ' +
      'is not available, so anyone who can read your files could use it. Restart Wolfpack once you ' +
      'are signed in to your computer normally to encrypt it.'
    );
  }

  private trySave(token: string): void {
    try {
      this.save(token);
    } catch {
      // It stays plain for now and warning() still says so; the next start tries again.
    }
  }

  private safeBackend(): string {
    try {
      return this.cipher.backend();
    } catch {
      return 'unknown';
    }
  }
}
