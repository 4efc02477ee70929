import type { ScoreRow, ScoreValueType } from '../storage/database.ts';

export type ScoreValueFields = Pick<ScoreRow, 'numerical_value' | 'string_value' | 'boolean_value' | 'categorical_value'>;

export const emptyScoreValue: ScoreValueFields = { numerical_value: null, string_value: null, boolean_value: null, categorical_value: null };

/**
 * Reads an evaluator's raw result (a judge's `score`, a code expression's value) as the value type
 * the evaluator declares; undefined when it cannot be read as that type. Lenient the way upstream
 * output is: "4" is 4, "true" is true, a single category is a one-element list.
 */
export function scoreValueFrom(valueType: ScoreValueType, raw: unknown): ScoreValueFields | undefined {
  switch (valueType) {
    case 'numerical': {
      const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : typeof raw === 'boolean' ? Number(raw) : Number.NaN;
      return Number.isFinite(number) ? { ...emptyScoreValue, numerical_value: number } : undefined;
    }
    case 'boolean':
      if (raw === true || raw === 'true' || raw === 1) return { ...emptyScoreValue, boolean_value: true };
      if (raw === false || raw === 'false' || raw === 0) return { ...emptyScoreValue, boolean_value: false };
      return undefined;
    case 'string':
      if (raw === null || raw === undefined) return undefined;
      return { ...emptyScoreValue, string_value: typeof raw === 'string' ? raw : JSON.stringify(raw) };
    case 'categorical': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : undefined;
      if (list === undefined || !list.every((item) => typeof item === 'string')) return undefined;
      return { ...emptyScoreValue, categorical_value: list as string[] };
    }
  }
}

/** The single value of a score, whatever its type (experiment result cells show this). */
export function scoreValueOf(score: ScoreValueFields): unknown {
  return score.numerical_value ?? score.boolean_value ?? score.string_value ?? score.categorical_value ?? null;
}

/** A score as the API shows it (contract §13): only its value field, `error` when set. */
export function presentScore(score: ScoreRow): Record<string, unknown> {
  const valueField = {
    numerical: 'numerical_value', boolean: 'boolean_value', string: 'string_value', categorical: 'categorical_value',
  }[score.score_value_type] as keyof ScoreValueFields;
  return {
    id: score.id,
    log_unique_id: score.log_unique_id,
    evaluator_id: score.evaluator_id,
    evaluator_slug: score.evaluator_slug,
    score_value_type: score.score_value_type,
    [valueField]: score[valueField],
    ...(score.error !== null && { error: score.error }),
    created_at: score.created_at,
    updated_at: score.updated_at,
  };
}
