import { generateKeyPairSync, randomUUID } from 'node:crypto';

/** One RSA key pair per test process: generating one takes tens of milliseconds. */
const keyPair = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** The public half, for the Vertex mock to check assertion signatures with. */
export const serviceAccountPublicKey = keyPair.publicKey;

/**
 * A Google service-account key whose `token_uri` is a mock's token endpoint. Each key has its own
 * `private_key_id`, so the gateway keeps a token per key and tests do not share tokens.
 */
export function createServiceAccountKey(tokenUri: string): Record<string, string> {
  return {
    type: 'service_account',
    project_id: 'test-project',
    private_key_id: randomUUID(),
    private_key: keyPair.privateKey,
    client_email: 'gateway@test-project.iam.gserviceaccount.com',
    client_id: '100000000000000000001',
    token_uri: tokenUri,
  };
}
