import { z } from 'zod';
import { parseWith } from '../errors/validation-error.ts';
import { toIsoTimestamp } from './log-filters.ts';

/**
 * The query string shared by Respan's list endpoints: `page` (from 1), `page_size` (default 100,
 * at most 1,000), `start_time`, `end_time`, `sort_by`. Other parameters Respan clients send
 * (`is_test`, `all_envs`, `fetch_filters`) are ignored.
 */
export interface ListQuery {
  page: number;
  pageSize: number;
  startTime?: string;
  endTime?: string;
  sortBy?: string;
}

export const maxPageSize = 1000;

const timestampSchema = z.string().transform((text, context) => {
  const timestamp = toIsoTimestamp(text);
  if (timestamp === undefined) {
    context.addIssue({ code: 'custom', message: 'Expected an ISO 8601 timestamp' });
    return z.NEVER;
  }
  return timestamp;
});

const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  // Larger pages are cut to the maximum rather than refused, as Django REST framework does.
  page_size: z.coerce.number().int().min(1).default(100).transform((size) => Math.min(size, maxPageSize)),
  start_time: timestampSchema.optional(),
  end_time: timestampSchema.optional(),
  sort_by: z.string().optional(),
});

export function parseListQuery(query: unknown): ListQuery {
  const parsed = parseWith(listQuerySchema, query);
  return {
    page: parsed.page,
    pageSize: parsed.page_size,
    ...(parsed.start_time !== undefined && { startTime: parsed.start_time }),
    ...(parsed.end_time !== undefined && { endTime: parsed.end_time }),
    ...(parsed.sort_by !== undefined && { sortBy: parsed.sort_by }),
  };
}

/** `{count, next, previous, results}` with `next`/`previous` as this URL with `page` changed, or null. */
export function paginatedResponse<T>(options: { requestUrl: string; page: number; pageSize: number; count: number; results: T[] }): {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
} {
  const { requestUrl, page, pageSize, count } = options;
  const withPage = (target: number) => {
    const url = new URL(requestUrl);
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  const lastPage = Math.max(1, Math.ceil(count / pageSize));
  return {
    count,
    next: page < lastPage ? withPage(page + 1) : null,
    previous: page > 1 ? withPage(Math.min(page - 1, lastPage)) : null,
    results: options.results,
  };
}
