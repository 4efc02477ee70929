import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../../errors/gateway-error.ts';
import { parseWith, ValidationError } from '../../../errors/validation-error.ts';
import type { PromptService } from '../../../prompts/prompt-service.ts';
import {
  createPromptSchema, createVersionSchema, presentPrompt, presentVersion, updatePromptSchema, updateVersionSchema, versionContent,
} from '../../../prompts/prompt-wire.ts';
import type { PromptRow, PromptVersionContent } from '../../../storage/database.ts';

type PromptParams = { Params: { prompt_id: string } };
type VersionParams = { Params: { prompt_id: string; version: string } };

/**
 * /api/prompts/ (contract §12): prompts, their numbered versions, and which one is deployed.
 * Every change goes through the service, which clears the resolved-prompt cache.
 */
export function promptsRoutes(options: { prompts: PromptService }) {
  const { prompts } = options;
  return async function registerPromptRoutes(app: FastifyInstance): Promise<void> {
    app.get('/prompts/', async () => {
      const rows = await prompts.list();
      return { count: rows.length, next: null, previous: null, results: rows.map(presentPrompt) };
    });
    app.post('/prompts/', async (request, reply) => {
      const input = parseWith(createPromptSchema, request.body);
      const row = await prompts.create({ name: input.name, description: input.description });
      return reply.code(201).send(presentPrompt(row));
    });
    app.get<PromptParams>('/prompts/:prompt_id/', async (request) => presentPrompt(await findPrompt(prompts, request.params.prompt_id)));
    app.patch<PromptParams>('/prompts/:prompt_id/', async (request) => {
      const input = parseWith(updatePromptSchema, request.body);
      await findPrompt(prompts, request.params.prompt_id);
      const row = await prompts.update(request.params.prompt_id, input);
      if (row === undefined) throw notFound();
      return presentPrompt(row);
    });
    app.delete<PromptParams>('/prompts/:prompt_id/', async (request, reply) => {
      if (!(await prompts.delete(request.params.prompt_id))) throw notFound();
      return reply.code(204).send();
    });

    app.get<PromptParams>('/prompts/:prompt_id/versions/', async (request) => {
      const prompt = await findPrompt(prompts, request.params.prompt_id);
      const rows = await prompts.listVersions(prompt.prompt_id);
      return { count: rows.length, next: null, previous: null, results: rows.map((row) => presentVersion(row, prompt.deployed_version)) };
    });
    app.post<PromptParams>('/prompts/:prompt_id/versions/', async (request, reply) => {
      const input = parseWith(createVersionSchema, request.body) as Record<string, unknown> & { deploy: boolean };
      await findPrompt(prompts, request.params.prompt_id);
      const content = versionContent(input) as PromptVersionContent;
      const row = await prompts.createVersion(request.params.prompt_id, { ...content, model: content.model ?? null, description: content.description ?? null }, input.deploy);
      if (row === undefined) throw notFound();
      const prompt = await findPrompt(prompts, request.params.prompt_id);
      return reply.code(201).send(presentVersion(row, prompt.deployed_version));
    });
    app.get<VersionParams>('/prompts/:prompt_id/versions/:version/', async (request) => {
      const prompt = await findPrompt(prompts, request.params.prompt_id);
      const row = await prompts.getVersion(prompt.prompt_id, versionNumber(request.params.version));
      if (row === undefined) throw notFound();
      return presentVersion(row, prompt.deployed_version);
    });
    app.patch<VersionParams>('/prompts/:prompt_id/versions/:version/', async (request) => {
      const input = parseWith(updateVersionSchema, request.body) as Record<string, unknown> & { deploy?: boolean };
      if (input.messages === null) throw new ValidationError({ messages: ['A version needs messages.'] });
      const version = versionNumber(request.params.version);
      const existing = await prompts.getVersion(request.params.prompt_id, version);
      if (existing === undefined) throw notFound();
      const row = await prompts.updateVersion(request.params.prompt_id, version, versionContent(input, existing), input.deploy);
      if (row === undefined) throw notFound();
      const prompt = await findPrompt(prompts, request.params.prompt_id);
      return presentVersion(row, prompt.deployed_version);
    });
    app.delete<VersionParams>('/prompts/:prompt_id/versions/:version/', async (request, reply) => {
      if (!(await prompts.deleteVersion(request.params.prompt_id, versionNumber(request.params.version)))) throw notFound();
      return reply.code(204).send();
    });
  };
}

async function findPrompt(prompts: PromptService, promptId: string): Promise<PromptRow> {
  const row = await prompts.get(promptId);
  if (row === undefined) throw notFound();
  return row;
}

/** A version in a path is its number; anything else names no version. */
function versionNumber(text: string): number {
  const number = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(number) || number < 1) throw notFound();
  return number;
}

function notFound(): GatewayError {
  return new GatewayError({ status: 404, message: 'Not found.', code: 'not_found' });
}
