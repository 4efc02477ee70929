import type { SignatureV4 } from '@smithy/signature-v4';
import type { UpstreamRequest } from '../provider.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS, SSO) sign with their session token, sent as `x-amz-security-token`. */
  sessionToken?: string;
}

export interface AwsRequestSignerOptions {
  credentials: AwsCredentials;
  region: string;
  /** The signing name: `bedrock` for Bedrock Runtime. */
  service: string;
  /**
   * Add and sign `x-amz-content-sha256` (the body's SHA-256), as the AWS SDKs for JavaScript do.
   * Only S3 requires it; AWS's published test vectors are computed without it. Default true.
   */
  signPayloadHeader?: boolean;
}

/**
 * Signs requests with AWS Signature Version 4 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv4-signing.html)
 * through @smithy/signature-v4, which derives and caches the signing key per day. The canonical
 * request covers the method, the path (each segment URI-encoded once more, as every service but S3
 * expects, so a Bedrock model id's `%3A` is signed as `%253A`), the query, every header given and the
 * exact body, so the body must not change after signing. Adds `authorization`, `x-amz-date`, and
 * `x-amz-security-token` with session credentials.
 */
export class AwsRequestSigner {
  readonly #options: AwsRequestSignerOptions;
  /** The AWS signing libraries load on first use: a gateway without Bedrock never carries them. */
  #signer: Promise<SignatureV4> | undefined;

  constructor(options: AwsRequestSignerOptions) {
    this.#options = options;
  }

  async #createSigner(): Promise<SignatureV4> {
    const [{ SignatureV4: Signer }, { Sha256 }] = await Promise.all([import('@smithy/signature-v4'), import('@aws-crypto/sha256-js')]);
    return new Signer({
      credentials: { ...this.#options.credentials },
      region: this.#options.region,
      service: this.#options.service,
      sha256: Sha256,
      applyChecksum: this.#options.signPayloadHeader ?? true,
    });
  }

  async sign(request: UpstreamRequest, signingDate: Date = new Date()): Promise<UpstreamRequest> {
    const signer = await (this.#signer ??= this.#createSigner());
    const url = new URL(request.url);
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of url.searchParams) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const signed = await signer.sign({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: url.pathname,
      query,
      // `host` is signed; the HTTP client sends the same value from the URL, so it is not passed on.
      headers: { ...request.headers, host: url.host },
      body: request.method === 'GET' ? undefined : request.body,
    }, { signingDate });
    const { host: _host, ...headers } = signed.headers;
    return { ...request, headers };
  }
}
