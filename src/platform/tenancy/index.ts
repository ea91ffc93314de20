export * from './api-keys.js';
export { API_KEY_PREFIX, generateApiKey, hashApiKey } from './api-key-secret.js';
export { loadSecretBox } from './load-secret-box.js';
export * from './organizations.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export * from './provider-credentials.js';
export { SecretBox } from './secret-box.js';
export * from './users.js';
