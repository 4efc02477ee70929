import type { LogRecord } from '../logging/log-record.ts';
import type { EvaluatorRow } from '../storage/database.ts';
import { runCodeEvaluation } from './run-code-evaluation.ts';
import { scoreValueFrom, type ScoreValueFields } from './score-value.ts';

export interface ModelMessage {
  role: string;
  content: unknown;
}

/**
 * How evaluations and experiments reach a model. The lead wires it to the gateway's own chat
 * pipeline, so routing, fallbacks, keys and cost accounting apply and the call is logged;
 * `parentLogId` asks for that log to be a child span of the scored log.
 */
export type CallModel = (request: {
  model: string;
  messages: ModelMessage[];
  parentLogId?: string;
  purpose: 'evaluation' | 'experiment';
}) => Promise<{ message: ModelMessage; cost?: number }>;

export type EvaluationOutcome = ({ error?: undefined } & ScoreValueFields) | { error: string };

/** The parts of a log an evaluator reads: a LogRecord, or an experiment's fresh output. */
export type EvaluatedLog = Pick<LogRecord, 'prompt_messages' | 'completion_message' | 'metadata'> & { unique_id?: string };

/**
 * Scores one log with one evaluator. Never throws: a judge that fails, a reply that is not
 * `{"score": VALUE}`, or code that throws or runs over becomes an outcome with `error`.
 * Human evaluators are scored by people through the scores API, never here.
 */
export async function runEvaluator(options: { evaluator: EvaluatorRow; log: EvaluatedLog; callModel?: CallModel }): Promise<EvaluationOutcome> {
  const { evaluator, log } = options;
  try {
    let raw: unknown;
    if (evaluator.type === 'llm') {
      if (evaluator.llm_config === undefined) return { error: 'The evaluator has no llm_config' };
      if (options.callModel === undefined) return { error: 'No model caller is configured for llm evaluators' };
      raw = await judge(evaluator.llm_config, log, options.callModel);
    } else if (evaluator.type === 'code') {
      if (evaluator.code_config === undefined) return { error: 'The evaluator has no code_config' };
      const result = await runCodeEvaluation({
        code: evaluator.code_config.eval_code_snippet,
        input: log.prompt_messages ?? null,
        output: log.completion_message ?? null,
        metadata: log.metadata ?? null,
      });
      if (result.error !== undefined) return { error: result.error };
      raw = result.value;
    } else {
      return { error: 'Human evaluators are scored by people' };
    }
    const value = scoreValueFrom(evaluator.score_value_type, raw);
    if (value === undefined) return { error: `The evaluator returned ${JSON.stringify(raw) ?? 'nothing'}, not a ${evaluator.score_value_type} score` };
    return value;
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

async function judge(config: NonNullable<EvaluatorRow['llm_config']>, log: EvaluatedLog, callModel: CallModel): Promise<unknown> {
  const values: Record<string, unknown> = { input: log.prompt_messages ?? null, output: log.completion_message ?? null, metadata: log.metadata ?? null };
  // One pass over the template: a value containing `{{output}}` is never substituted again.
  let prompt = config.evaluator_definition.replace(/\{\{\s*(input|output|metadata)\s*\}\}/g, (_match, name: string) => JSON.stringify(values[name]));
  if (config.scoring_rubric !== undefined && config.scoring_rubric !== '') prompt += `\n\nScoring rubric:\n${config.scoring_rubric}`;
  prompt += '\n\nAnswer with only a JSON object {"score": VALUE}.';
  const reply = await callModel({
    model: config.model,
    messages: [{ role: 'user', content: prompt }],
    purpose: 'evaluation',
    ...(log.unique_id !== undefined && { parentLogId: log.unique_id }),
  });
  return readJudgeScore(messageText(reply.message));
}

export function messageText(message: ModelMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
  }
  return '';
}

/** `{"score": 4}`, possibly inside a ```json fence or after some prose. */
export function readJudgeScore(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const candidate = (fenced?.[1] ?? text).trim();
  const start = candidate.indexOf('{');
  const end = candidate.lastIndexOf('}');
  if (start === -1 || end <= start) throw new Error('The judge did not answer with a JSON object');
  const parsed = JSON.parse(candidate.slice(start, end + 1)) as unknown;
  if (typeof parsed !== 'object' || parsed === null || !('score' in parsed)) throw new Error('The judge\'s JSON has no "score"');
  return (parsed as { score: unknown }).score;
}
