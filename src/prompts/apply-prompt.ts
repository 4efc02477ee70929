import type { ChatCompletionRequest, ChatMessage } from '../dialects/openai-chat/types.ts';
import { parseVersionSelector, promptError, renderPrompt, type PromptVersionResolver } from './render-prompt.ts';

export type { PromptVersionResolver } from './render-prompt.ts';

export interface AppliedPrompt {
  /** What goes upstream: the merged request, with the version's model and messages where the request had none. */
  request: ChatCompletionRequest;
  promptId: string;
  /** The version rendered, for the log's prompt_version_number. */
  version: number;
  /** The version's messages after rendering; the caller returns them as `prompt_message` when `echo` is set. */
  renderedMessages: ChatMessage[];
  echo: boolean;
}

type MessagesOverrideMode = 'override' | 'append' | undefined;

/**
 * Applies a Respan prompt reference (`prompt: {prompt_id, ...}`, contract §12) to a chat request
 * whose gateway parameters are already split off. Field precedence, lowest first:
 * without `override`, the version's fields then the request's; with `override: true`, the
 * request's then the version's; `override_params` over both. Messages follow
 * `override_config.messages_override_mode`: by default the version's rendered messages are sent
 * (the request's are placeholders SDKs insist on), `override` sends the request's, `append` the
 * version's followed by the request's.
 */
export async function applyPromptToChatRequest(options: {
  prompt: Record<string, unknown>;
  request: Partial<ChatCompletionRequest> & Record<string, unknown>;
  resolver: PromptVersionResolver;
}): Promise<AppliedPrompt> {
  const { prompt } = options;
  const promptId = prompt.prompt_id;
  if (typeof promptId !== 'string' || promptId.trim() === '') throw promptError('prompt.prompt_id must be a non-empty string', 'invalid_prompt');
  const variables = objectOption(prompt, 'variables', promptId);
  const overrideParams = objectOption(prompt, 'override_params', promptId);
  const overrideConfig = objectOption(prompt, 'override_config', promptId);
  const mode = overrideConfig.messages_override_mode as MessagesOverrideMode;
  if (mode !== undefined && mode !== 'override' && mode !== 'append') {
    throw promptError(`Prompt '${promptId}': override_config.messages_override_mode must be "override" or "append"`, 'invalid_prompt');
  }

  const rendered = await renderPrompt({ promptId, selector: parseVersionSelector(prompt.version, promptId), variables, resolver: options.resolver });
  const versionFields: Record<string, unknown> = { ...rendered.version.parameters };
  if (rendered.version.model !== null && rendered.version.model !== '') versionFields.model = rendered.version.model;

  const { messages: requestMessages, ...requestFields } = options.request;
  // A field the client left out or set to null does not hide the version's value.
  const presentRequestFields = Object.fromEntries(Object.entries(requestFields).filter(([, value]) => value !== undefined && value !== null));
  const merged: Record<string, unknown> = prompt.override === true
    ? { ...presentRequestFields, ...versionFields }
    : { ...versionFields, ...presentRequestFields };

  const ownMessages = Array.isArray(requestMessages) ? requestMessages : [];
  merged.messages = mode === 'override' ? ownMessages : mode === 'append' ? [...rendered.messages, ...ownMessages] : rendered.messages;
  Object.assign(merged, overrideParams);

  if (typeof merged.model !== 'string' || merged.model === '') {
    throw promptError(`Prompt '${promptId}' version ${rendered.version.version} sets no model and the request has none`, 'prompt_model_missing');
  }
  if (!Array.isArray(merged.messages) || merged.messages.length === 0) {
    throw promptError(`Prompt '${promptId}': no messages to send`, 'prompt_messages_missing');
  }
  return {
    request: merged as ChatCompletionRequest,
    promptId,
    version: rendered.version.version,
    renderedMessages: rendered.messages,
    echo: prompt.echo === true,
  };
}

function objectOption(prompt: Record<string, unknown>, name: string, promptId: string): Record<string, unknown> {
  const value = prompt[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw promptError(`Prompt '${promptId}': ${name} must be an object`, 'invalid_prompt');
  return value as Record<string, unknown>;
}
