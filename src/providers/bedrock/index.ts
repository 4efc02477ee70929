import { bedrockConverseDialect } from '../../dialects/bedrock-converse/index.ts';
import { bedrockEmbeddingsDialectFor } from '../../dialects/bedrock-embeddings/index.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { checkStringField, checkUrlField, readStringField, toCredentialCheck, type CredentialErrors } from '../check-credential-fields.ts';
import { normalizeBaseUrl } from '../normalize-base-url.ts';
import { speaks, type Provider, type ProviderCredentials, type TargetCall, type UpstreamRequest, type UpstreamTarget } from '../provider.ts';
import { bedrockModelIdFor, resolveBedrockModelId } from './bedrock-model-id.ts';
import { AwsRequestSigner } from './sign-aws-request.ts';

const DEFAULT_REGION = 'us-east-1';

/** An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-4`. */
const REGION_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/** A cross-region inference profile geography: `us`, `eu`, `apac`, `us-gov`, `global` (a trailing dot is accepted). */
const PROFILE_PREFIX = /^[a-z]+(?:-[a-z]+)?\.?$/;

/** Bedrock Runtime's SigV4 signing name (the endpoint is `bedrock-runtime`, the signing name is not). */
const SIGNING_SERVICE = 'bedrock';

interface ResolvedEndpoint {
  /** `{base}/model/`: the URL-encoded model id and the operation follow. */
  modelsUrl: string;
  profilePrefix: string | undefined;
  signer: AwsRequestSigner;
}

/** One endpoint and one signer per credentials object (the signer caches its derived signing key). */
const endpoints = new WeakMap<ProviderCredentials, ResolvedEndpoint>();

/**
 * Amazon Bedrock. Credentials `{aws_access_key_id, aws_secret_access_key, aws_session_token?,
 * aws_region_name? (default us-east-1), base_url?, model_id_prefix?}`; `base_url` replaces
 * `https://bedrock-runtime.{region}.amazonaws.com` (a VPC endpoint, a proxy, a mock) and the region
 * still signs. Chat goes through Converse for every model family — `POST /model/{modelId}/converse`,
 * or `/converse-stream` answering an AWS event stream — and embeddings through
 * `POST /model/{modelId}/invoke` (Titan, Cohere). Every request is signed with SigV4 (service
 * `bedrock`). Catalog names map to Bedrock ids (bedrock-model-id.ts); `model_id_prefix` (`us`, `eu`,
 * `apac`, `global`) sends them as that geography's inference profile, which newer models require.
 * References: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * https://docs.aws.amazon.com/general/latest/gr/bedrock.html (endpoints).
 */
export const bedrockProvider: Provider = {
  id: 'bedrock',
  aliases: ['aws_bedrock'],
  displayName: 'Amazon Bedrock',
  pricingProviderId: 'aws',
  /**
   * Every model the `aws` price data lists, except the Nova Sonic speech-to-speech models, which only
   * answer InvokeModelWithBidirectionalStream, not Converse.
   */
  servesModel: (modelName) => !/nova(?:-\d+)?-sonic/i.test(modelName),
  checkCredentials(credentials) {
    const errors: CredentialErrors = {};
    checkStringField({ credentials, field: 'aws_access_key_id', required: true, errors });
    checkStringField({ credentials, field: 'aws_secret_access_key', required: true, errors });
    checkStringField({ credentials, field: 'aws_session_token', required: false, errors });
    checkPatternField(credentials, 'aws_region_name', REGION_NAME, 'expected an AWS region name such as us-east-1', errors);
    checkPatternField(credentials, 'model_id_prefix', PROFILE_PREFIX, 'expected an inference profile geography such as us, eu, apac or global', errors);
    checkUrlField({ credentials, field: 'base_url', required: false, errors });
    return toCredentialCheck(errors);
  },
  chat: speaks(bedrockConverseDialect),
  embeddings: { dialectFor: bedrockEmbeddingsDialectFor },
  target(call: TargetCall): UpstreamTarget {
    const endpoint = resolveEndpoint(call.credentials);
    const modelId = encodeURIComponent(resolveBedrockModelId(call.upstreamModel, endpoint.profilePrefix));
    if (call.operation === 'embeddings') {
      return { url: `${endpoint.modelsUrl}${modelId}/invoke`, headers: { 'content-type': 'application/json', accept: 'application/json' } };
    }
    return call.stream
      ? { url: `${endpoint.modelsUrl}${modelId}/converse-stream`, headers: { 'content-type': 'application/json', accept: 'application/vnd.amazon.eventstream' } }
      : { url: `${endpoint.modelsUrl}${modelId}/converse`, headers: { 'content-type': 'application/json', accept: 'application/json' } };
  },
  authorize(request: UpstreamRequest, credentials: ProviderCredentials): Promise<UpstreamRequest> {
    return resolveEndpoint(credentials).signer.sign(request);
  },
  upstreamModelFor: bedrockModelIdFor,
};

function resolveEndpoint(credentials: ProviderCredentials): ResolvedEndpoint {
  let endpoint = endpoints.get(credentials);
  if (endpoint !== undefined) return endpoint;
  const accessKeyId = readStringField(credentials, 'aws_access_key_id');
  const secretAccessKey = readStringField(credentials, 'aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new GatewayError({ status: 500, type: 'api_error', message: 'Provider bedrock needs aws_access_key_id and aws_secret_access_key' });
  }
  const sessionToken = readStringField(credentials, 'aws_session_token');
  const region = readStringField(credentials, 'aws_region_name')?.trim() ?? DEFAULT_REGION;
  const baseUrl = readStringField(credentials, 'base_url');
  endpoint = {
    modelsUrl: `${baseUrl === undefined ? `https://bedrock-runtime.${region}.amazonaws.com` : normalizeBaseUrl(baseUrl)}/model/`,
    profilePrefix: readStringField(credentials, 'model_id_prefix')?.trim(),
    signer: new AwsRequestSigner({
      credentials: sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken },
      region,
      service: SIGNING_SERVICE,
    }),
  };
  endpoints.set(credentials, endpoint);
  return endpoint;
}

function checkPatternField(credentials: ProviderCredentials, field: string, pattern: RegExp, message: string, errors: CredentialErrors): void {
  checkStringField({ credentials, field, required: false, errors });
  const value = readStringField(credentials, field);
  if (value !== undefined && !pattern.test(value.trim())) (errors[field] ??= []).push(message);
}
