import { safeStorage } from 'electron';
import type { SecretCipher } from '../settings/token-vault.ts';

/**
 * SecretCipher over safeStorage: Keychain on macOS, DPAPI on Windows, and on Linux whatever
 * secret store the session offers. 'basic_text' there means no real store (no keyring running):
 * the token vault warns the rep about it.
 */
export function createSafeStorageCipher(platform: NodeJS.Platform): SecretCipher {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (text) => safeStorage.encryptString(text),
    decryptString: (bytes) => safeStorage.decryptString(Buffer.from(bytes)),
    backend: () => {
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
      return platform === 'darwin' ? 'keychain' : 'dpapi';
    },
  };
}
