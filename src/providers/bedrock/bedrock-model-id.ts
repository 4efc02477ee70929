import { findProvider } from '@pydantic/genai-prices';

/**
 * Geography prefixes of cross-region inference profiles (`us.anthropic.claude-…`), plus genai-prices'
 * `regional.`, which stands for "any one geography" in its ids and is no Bedrock id.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
const GEOGRAPHY_PREFIX = /^(?:us|us-gov|eu|apac|jp|au|ca|global|regional)\./;

/** `-v1:0`, `-v2:0`, `-1:0`, `-v0:2`: the version suffix of a Bedrock model id. */
const VERSION_SUFFIX = /-v?\d+:\d+$/;

/** `anthropic.`, `amazon.`, `meta.`, ...: the model vendor leading a Bedrock id. */
const VENDOR_PREFIX = /^[a-z0-9-]+\./;

let modelIdsByName: ReadonlyMap<string, string> | undefined;

/**
 * Bedrock's model id for a catalog name (Anthropic's `claude-sonnet-4-20250514` →
 * `anthropic.claude-sonnet-4-20250514-v1:0`, `claude-3-5-sonnet-20241022` → `…-v2:0`), or undefined
 * when none is known (a name that already is a Bedrock id is sent as it is). The ids come from the `aws` price data, which
 * lists Bedrock's own ids: a name is an id without its geography prefix, vendor and version suffix.
 * A Claude name the data does not list follows Bedrock's pattern, `anthropic.{name}-v1:0`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html).
 */
export function bedrockModelIdFor(modelName: string): string | undefined {
  const known = knownModelIds().get(modelName.toLowerCase());
  if (known !== undefined) return known;
  return modelName.startsWith('claude-') ? `anthropic.${modelName}-v1:0` : undefined;
}

/**
 * The model id as it goes in the URL. genai-prices' `regional.` marker is dropped; `profilePrefix` (the
 * `model_id_prefix` credential: `us`, `eu`, `apac`, `global`, ...) turns a plain model id into that
 * geography's cross-region inference profile, which newer models (Claude 4 and later, Llama 3.2+)
 * require for on-demand use. Ids that already name a geography and ARNs (provisioned throughput,
 * application inference profiles) are sent as given.
 */
export function resolveBedrockModelId(upstreamModel: string, profilePrefix: string | undefined): string {
  const modelId = upstreamModel.startsWith('regional.') ? upstreamModel.slice('regional.'.length) : upstreamModel;
  if (profilePrefix === undefined || modelId.startsWith('arn:') || GEOGRAPHY_PREFIX.test(modelId)) return modelId;
  return `${profilePrefix.replace(/\.+$/, '')}.${modelId}`;
}

function knownModelIds(): ReadonlyMap<string, string> {
  modelIdsByName ??= buildModelIdIndex(findProvider({ providerId: 'aws' })?.models.map((model) => model.id) ?? []);
  return modelIdsByName;
}

/** Name → id, from ids in the price data; a global-only profile is not a model id to map to. */
function buildModelIdIndex(ids: readonly string[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const id of ids) {
    if (id.startsWith('global.')) continue;
    const modelId = id.startsWith('regional.') ? id.slice('regional.'.length) : id;
    if (GEOGRAPHY_PREFIX.test(modelId)) continue;
    const name = modelId.replace(VENDOR_PREFIX, '').replace(VERSION_SUFFIX, '').toLowerCase();
    if (!index.has(name)) index.set(name, modelId);
  }
  return index;
}
