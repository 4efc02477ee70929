import { randomUUID } from 'node:crypto';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { parseWith, ValidationError } from '../../../errors/validation-error.ts';
import { parseLogFilters } from '../../../logging/log-filters.ts';
import type { AutomationRow, EvaluationRepository } from '../../../storage/database.ts';
import { notFound } from './evaluations-routes.ts';

const automationFields = {
  name: z.string().trim().min(1).max(200),
  automation_type: z.literal('online_eval'),
  condition: z.record(z.string(), z.unknown()),
  evaluator_ids: z.array(z.string().min(1)).min(1),
  configuration: z.object({ sampling_rate: z.number().min(0).max(1) }),
  is_enabled: z.boolean(),
};
const createSchema = z.object({
  ...automationFields,
  name: automationFields.name.optional(),
  condition: automationFields.condition.default({}),
  configuration: automationFields.configuration.default({ sampling_rate: 1 }),
  is_enabled: automationFields.is_enabled.default(true),
}).strict();
const updateSchema = z.object(automationFields).partial().strict();

/** /api/automations/ (contract §13): online evaluation rules. */
export async function registerAutomationRoutes(app: FastifyInstance, options: {
  repository: EvaluationRepository;
  onlineEvaluator?: { invalidateAutomations(): void };
  admin: { preHandler: preHandlerHookHandler };
}): Promise<void> {
  const { repository, admin } = options;
  // The condition and evaluators are checked at write time so a bad rule is a 400, not a silent no-op.
  const check = async (row: AutomationRow) => {
    parseLogFilters({ filters: row.condition });
    for (const evaluatorId of row.evaluator_ids) {
      const evaluator = await repository.getEvaluator(evaluatorId);
      if (evaluator === undefined) throw new ValidationError({ evaluator_ids: [`No evaluator '${evaluatorId}'`] }, `No evaluator '${evaluatorId}'`);
    }
    // Slugs are stored as ids, so a later slug change does not orphan the rule.
    row.evaluator_ids = await Promise.all(row.evaluator_ids.map(async (reference) => (await repository.getEvaluator(reference))?.id ?? reference));
  };
  const find = async (id: string) => {
    const row = await repository.getAutomation(id);
    if (row === undefined) throw notFound();
    return row;
  };

  app.get('/automations/', async () => {
    const results = await repository.listAutomations();
    return { count: results.length, next: null, previous: null, results };
  });
  app.post('/automations/', admin, async (request, reply) => {
    const input = parseWith(createSchema, request.body);
    const row: AutomationRow = { ...input, name: input.name ?? 'Online evaluation', id: randomUUID(), created_at: new Date().toISOString() };
    await check(row);
    await repository.insertAutomation(row);
    options.onlineEvaluator?.invalidateAutomations();
    return reply.code(201).send(row);
  });
  app.get<{ Params: { id: string } }>('/automations/:id/', async (request) => find(request.params.id));
  app.patch<{ Params: { id: string } }>('/automations/:id/', admin, async (request) => {
    const input = parseWith(updateSchema, request.body);
    const row: AutomationRow = { ...(await find(request.params.id)), ...input };
    await check(row);
    await repository.replaceAutomation(row);
    options.onlineEvaluator?.invalidateAutomations();
    return row;
  });
  app.delete<{ Params: { id: string } }>('/automations/:id/', admin, async (request, reply) => {
    if (!(await repository.deleteAutomation(request.params.id))) throw notFound();
    options.onlineEvaluator?.invalidateAutomations();
    return reply.code(204).send();
  });
}
