/**
 * Which provider serves a bare slug that several providers price: the model's maker first, then the
 * clouds that resell first-party models, then open-model hosts, then aggregators. Providers not listed
 * come last, alphabetically, so the choice never depends on configuration order.
 */
export const DEFAULT_PROVIDER_PRIORITY: readonly string[] = [
  'openai',
  'anthropic',
  'gemini',
  'mistral',
  'deepseek',
  'xai',
  'cohere',
  'perplexity',
  'moonshot',
  'azure',
  'vertex_ai',
  'bedrock',
  'groq',
  'cerebras',
  'together_ai',
  'fireworks',
  'fireworks_ai',
  'deepinfra',
  'novita',
  'openrouter',
];

export function compareProviderPriority(firstProviderId: string, secondProviderId: string): number {
  const firstRank = rank(firstProviderId);
  const secondRank = rank(secondProviderId);
  if (firstRank !== secondRank) return firstRank - secondRank;
  return firstProviderId < secondProviderId ? -1 : firstProviderId > secondProviderId ? 1 : 0;
}

function rank(providerId: string): number {
  const index = DEFAULT_PROVIDER_PRIORITY.indexOf(providerId);
  return index === -1 ? DEFAULT_PROVIDER_PRIORITY.length : index;
}
