import type { ChatDialect, EmbeddingsDialect, UpstreamErrorResponse } from '../dialects/dialect.ts';
import type { UpstreamError } from '../errors/upstream-error.ts';

/**
 * A provider is a host: where requests go, how they are authenticated, which model ids it uses and
 * which operations it offers. Operations are present or absent, never stubs (design §3).
 */

export type Operation = 'chat' | 'embeddings' | 'responses';

/** Credentials as configured (YAML, management API, `customer_credentials`): validated by the provider. */
export type ProviderCredentials = Readonly<Record<string, unknown>>;

export type CredentialCheck = { ok: true } | { ok: false; errors: Record<string, string[]> };

export interface UpstreamTarget {
  url: string;
  headers: Record<string, string>;
}

export interface UpstreamRequest extends UpstreamTarget {
  method: 'POST' | 'GET';
  body: string;
}

export interface TargetCall {
  operation: Operation;
  upstreamModel: string;
  stream: boolean;
  credentials: ProviderCredentials;
}

export interface Provider {
  /** Canonical id: slug prefix, `X-Respan-Route-Provider` value, log label. */
  readonly id: string;
  /** Other names accepted in config and slugs (Respan's credential names). */
  readonly aliases?: readonly string[];
  readonly displayName: string;
  /** Provider id in @pydantic/genai-prices, when its data prices this host. */
  readonly pricingProviderId?: string;
  /**
   * Whether this host serves a model its price data lists. Hosts that share price data with
   * another (Gemini and Vertex share Google's, which also prices Claude on Vertex) narrow it here.
   * Absent: every priced model.
   */
  servesModel?(modelName: string): boolean;
  /** Default public endpoint; `base_url` in the credentials replaces it. */
  readonly defaultBaseUrl?: string;
  /** Validates a credentials object; the messages name the field. */
  checkCredentials(credentials: ProviderCredentials): CredentialCheck;
  /** Chat completions; the dialect may depend on the model (Vertex serves Gemini and Claude). */
  readonly chat?: { dialectFor(upstreamModel: string): ChatDialect };
  readonly embeddings?: { dialectFor(upstreamModel: string): EmbeddingsDialect };
  /**
   * The host serves OpenAI's Responses API itself (`POST .../responses`). Hosts without it still
   * serve /api/responses: the gateway translates to and from chat.
   */
  readonly responses?: { decodeError(response: UpstreamErrorResponse): UpstreamError };
  /** URL and static headers for one call: pure. */
  target(call: TargetCall): UpstreamTarget;
  /** Request signing or token minting that needs I/O (SigV4, OAuth); implementations cache what they can. */
  authorize?(request: UpstreamRequest, credentials: ProviderCredentials): Promise<UpstreamRequest>;
  /** This host's own id for a catalog model, when it differs (Vertex `claude-sonnet-4@20250514`). */
  upstreamModelFor?(modelName: string): string | undefined;
}

/** A binding that speaks one dialect whatever the model. */
export function speaks<Dialect>(dialect: Dialect): { dialectFor(upstreamModel: string): Dialect } {
  return { dialectFor: () => dialect };
}
