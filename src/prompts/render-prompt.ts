import type { ChatMessage } from '../dialects/openai-chat/types.ts';
import { GatewayError } from '../errors/gateway-error.ts';
import type { PromptVersionRow } from '../storage/database.ts';
import { placeholderNames, renderTemplate, variableText } from './render-template.ts';

/** `undefined` selects the deployed version (the latest when none is deployed). */
export type VersionSelector = number | 'latest' | undefined;

export interface PromptVersionResolver {
  resolveVersion(promptId: string, selector: VersionSelector): Promise<PromptVersionRow | undefined>;
}

/** Nested prompts below the requested one: a variable's prompt may use one more, no deeper (contract §12). */
export const maxNestingDepth = 2;

export interface RenderedPrompt {
  version: PromptVersionRow;
  messages: ChatMessage[];
}

export function promptError(message: string, code: string): GatewayError {
  return new GatewayError({ status: 400, message, param: 'prompt', code });
}

/** Reads `version`: a positive whole number (or its digits), `"latest"`, or absent. */
export function parseVersionSelector(value: unknown, promptId: string): VersionSelector {
  if (value === undefined || value === null) return undefined;
  if (value === 'latest') return 'latest';
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number) && number >= 1) return number;
  throw promptError(`Prompt '${promptId}': version must be a positive whole number or "latest"`, 'invalid_prompt_version');
}

/**
 * Renders one version's messages. `path` holds the prompts being rendered above this one, so a
 * prompt that reaches itself through its variables is found before any recursion runs away.
 */
export async function renderPrompt(options: {
  promptId: string;
  selector: VersionSelector;
  variables: Record<string, unknown>;
  resolver: PromptVersionResolver;
  path?: readonly string[];
}): Promise<RenderedPrompt> {
  const { promptId, resolver } = options;
  const path = options.path ?? [];
  if (path.includes(promptId)) {
    throw promptError(`Prompt cycle: '${promptId}' appears twice on one nesting path (${[...path, promptId].join(' → ')})`, 'prompt_cycle');
  }
  if (path.length > maxNestingDepth) {
    throw promptError(`Prompt '${promptId}' is nested ${path.length} levels deep; at most ${maxNestingDepth} are allowed`, 'prompt_nesting_too_deep');
  }
  const version = await resolver.resolveVersion(promptId, options.selector);
  if (version === undefined) {
    const which = options.selector === undefined ? '' : ` version ${options.selector}`;
    throw promptError(`Unknown prompt '${promptId}'${which}`, 'prompt_not_found');
  }
  const merged: Record<string, unknown> = { ...version.variables, ...options.variables };
  const used = new Set(version.messages.flatMap((message) => messageTexts(message as ChatMessage).flatMap(placeholderNames)));
  // Only the variables the messages use are rendered: a nested prompt nobody refers to costs nothing.
  const values = new Map<string, string>();
  for (const name of used) {
    if (!Object.hasOwn(merged, name) || merged[name] === undefined) continue;
    const value = merged[name];
    values.set(name, isPromptReference(value) ? await renderNested(value, resolver, [...path, promptId]) : variableText(value));
  }
  const missing = new Set<string>();
  const messages = version.messages.map((message) => renderMessage(message as ChatMessage, values, missing));
  if (missing.size > 0) {
    const names = [...missing].map((name) => `'${name}'`).join(', ');
    throw promptError(`Prompt '${promptId}' version ${version.version}: no value for variable ${names} (set it in prompt.variables)`, 'prompt_variable_missing');
  }
  return { version, messages };
}

export function isPromptReference(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Record<string, unknown>)._type === 'prompt';
}

/** A nested prompt becomes the text of its rendered messages, one per line. */
async function renderNested(reference: Record<string, unknown>, resolver: PromptVersionResolver, path: readonly string[]): Promise<string> {
  const promptId = reference.prompt_id;
  if (typeof promptId !== 'string' || promptId === '') throw promptError('A nested prompt variable needs a prompt_id', 'invalid_prompt');
  const variables = reference.variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw promptError(`Nested prompt '${promptId}': variables must be an object`, 'invalid_prompt');
  }
  const rendered = await renderPrompt({
    promptId, selector: parseVersionSelector(reference.version, promptId), variables: variables as Record<string, unknown>, resolver, path,
  });
  return rendered.messages.flatMap(messageTexts).join('\n');
}

function messageTexts(message: ChatMessage): string[] {
  const content = message.content;
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : []));
}

function renderMessage(message: ChatMessage, values: ReadonlyMap<string, string>, missing: Set<string>): ChatMessage {
  const render = (text: string) => {
    const result = renderTemplate(text, values);
    for (const name of result.missing) missing.add(name);
    return result.text;
  };
  const content = message.content;
  if (typeof content === 'string') return { ...message, content: render(content) };
  if (Array.isArray(content)) {
    return { ...message, content: content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? { ...part, text: render(part.text) } : part)) };
  }
  return { ...message };
}
