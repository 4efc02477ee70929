/**
 * Vertex AI names Claude versions `{model}@{YYYYMMDD}` where Anthropic's API uses `{model}-{YYYYMMDD}`
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/partner-models/claude): `claude-sonnet-4-20250514`
 * → `claude-sonnet-4@20250514`. One release was renamed on Vertex: the October 2024 Claude 3.5
 * Sonnet is `claude-3-5-sonnet-v2@20241022`. Undated names (`claude-sonnet-4-5`) and other models
 * keep their names.
 */
const RENAMED_ON_VERTEX: Readonly<Record<string, string>> = {
  'claude-3-5-sonnet-20241022': 'claude-3-5-sonnet-v2@20241022',
};

export function toVertexModelId(modelName: string): string | undefined {
  const renamed = RENAMED_ON_VERTEX[modelName];
  if (renamed !== undefined) return renamed;
  const dated = /^(claude-.+)-(\d{8})$/.exec(modelName);
  return dated === null ? undefined : `${dated[1]}@${dated[2]}`;
}

/** Claude models go to the `anthropic` publisher; everything else is Google's. */
export function isClaudeModel(upstreamModel: string): boolean {
  return upstreamModel.startsWith('claude');
}
