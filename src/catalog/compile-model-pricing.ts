import type { ConditionalPrice, ModelInfo, ModelPrice } from '@pydantic/genai-prices';

/** USD per 1M tokens, flat or by tier; a tier applies when the request's total input exceeds `start`. */
export type TokenRate = number | TieredTokenRate;

export interface TieredTokenRate {
  readonly base: number;
  /** Ascending by start. */
  readonly tiers: readonly { readonly start: number; readonly price: number }[];
}

/**
 * The prices of one model at one time, reduced to what gateway usage can report. Other units
 * (audio, images, searches) have no usage here and so cost nothing, exactly as in calcPrice.
 */
export interface CompiledPrice {
  readonly input: TokenRate | undefined;
  readonly output: TokenRate | undefined;
  readonly cacheRead: TokenRate | undefined;
  readonly cacheWrite: TokenRate | undefined;
  /** When set, reasoning tokens are billed at this rate and the rest of the output at `output`. */
  readonly outputReasoning: TokenRate | undefined;
  /** USD per request (`requests_kcount` / 1000). */
  readonly perRequest: number;
}

/** A model's prices, resolved for the moment of a request. */
export interface CompiledModelPricing {
  priceAt(epochMilliseconds: number): CompiledPrice;
}

type Constraint = { kind: 'always' } | { kind: 'from'; startMilliseconds: number } | { kind: 'daily'; startSecond: number; endSecond: number };

const SECONDS_PER_DAY = 86_400;

export function compileModelPricing(model: ModelInfo): CompiledModelPricing {
  if (!Array.isArray(model.prices)) {
    const price = compilePrice(model.prices);
    return { priceAt: () => price };
  }
  const variants = model.prices.map((variant) => ({ constraint: compileConstraint(variant, model.id), price: compilePrice(variant.prices) }));
  return { priceAt: (epochMilliseconds) => selectVariant(variants, epochMilliseconds) };
}

export function compilePrice(prices: ModelPrice): CompiledPrice {
  const requestsPerThousand = prices.requests_kcount;
  return {
    input: compileRate(prices.input_mtok),
    output: compileRate(prices.output_mtok),
    cacheRead: compileRate(prices.cache_read_mtok),
    cacheWrite: compileRate(prices.cache_write_mtok),
    outputReasoning: compileRate(prices.output_reasoning_mtok),
    perRequest: typeof requestsPerThousand === 'number' ? requestsPerThousand / 1000 : 0,
  };
}

function compileRate(value: ModelPrice[string]): TokenRate | undefined {
  if (value === undefined || typeof value === 'number') return value;
  return { base: value.base, tiers: [...value.tiers].sort((first, second) => first.start - second.start) };
}

/**
 * calcPrice's selection: the last variant whose constraint holds at that moment, else the first.
 * A time-of-day window may wrap midnight (DeepSeek's off-peak discount).
 */
function selectVariant(variants: readonly { constraint: Constraint; price: CompiledPrice }[], epochMilliseconds: number): CompiledPrice {
  const secondOfDay = (((epochMilliseconds / 1000) % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
  for (let index = variants.length - 1; index >= 0; index--) {
    const { constraint, price } = variants[index];
    if (constraint.kind === 'always') return price;
    if (constraint.kind === 'from') {
      if (epochMilliseconds >= constraint.startMilliseconds) return price;
    } else if (constraint.endSecond < constraint.startSecond) {
      if (secondOfDay >= constraint.startSecond || secondOfDay < constraint.endSecond) return price;
    } else if (secondOfDay >= constraint.startSecond && secondOfDay < constraint.endSecond) {
      return price;
    }
  }
  return variants[0].price;
}

function compileConstraint(variant: ConditionalPrice, modelId: string): Constraint {
  const constraint = variant.constraint;
  if (constraint === undefined) return { kind: 'always' };
  if (constraint.type === 'start_date') return { kind: 'from', startMilliseconds: Date.parse(`${constraint.start_date}T00:00:00Z`) };
  if (constraint.type === 'time_of_date') {
    return { kind: 'daily', startSecond: utcSecondOfDay(constraint.start_time, modelId), endSecond: utcSecondOfDay(constraint.end_time, modelId) };
  }
  throw new Error(`Unknown price constraint for model '${modelId}'`);
}

const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** `HH:MM:SS[.fff](Z|±HH:MM)` as seconds after UTC midnight. */
function utcSecondOfDay(time: string, modelId: string): number {
  const parts = TIME_OF_DAY.exec(time);
  if (parts === null) throw new Error(`Invalid time-of-day price constraint '${time}' for model '${modelId}'`);
  const [, hours, minutes, seconds, fraction = '', zone, sign, offsetHours = '00', offsetMinutes = '00'] = parts;
  const local = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction}`);
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(offsetHours) * 3600 + Number(offsetMinutes) * 60);
  return (local - offset + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}
