import type { Sql } from 'postgres';
import { buildCustomerGetStatement, buildCustomerListStatements, decodeCustomerRow, decodeCustomerWithUsage } from '../customer-query-sql.ts';
import type { CustomerListQuery, CustomerRepository, CustomerRow, CustomerWithUsage } from '../database.ts';
import { postgresDialect } from '../sql-dialect.ts';
import { runCount, runStatement } from './postgres-query.ts';

export class PostgresCustomerRepository implements CustomerRepository {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async list(query: CustomerListQuery): Promise<{ count: number; results: CustomerWithUsage[] }> {
    const statements = buildCustomerListStatements(query, postgresDialect);
    const [count, rows] = await Promise.all([runCount(this.#sql, statements.count), runStatement(this.#sql, statements.page)]);
    return { count, results: rows.map(decodeCustomerWithUsage) };
  }

  async get(customerIdentifier: string, period: { startTime?: string; endTime?: string } = {}): Promise<CustomerWithUsage | undefined> {
    const rows = await runStatement(this.#sql, buildCustomerGetStatement(customerIdentifier, period, postgresDialect));
    return rows.length === 0 ? undefined : decodeCustomerWithUsage(rows[0]);
  }

  async update(customerIdentifier: string, patch: Partial<Pick<CustomerRow, 'name' | 'email' | 'limits'>>): Promise<CustomerRow> {
    const values: unknown[] = [customerIdentifier, new Date().toISOString()];
    const parameter = (value: unknown, cast: string) => `$${values.push(value)}${cast}`;
    const name = patch.name !== undefined ? parameter(patch.name, '::text') : undefined;
    const email = patch.email !== undefined ? parameter(patch.email, '::text') : undefined;
    const limits = patch.limits !== undefined ? parameter(JSON.stringify(patch.limits), '::text::jsonb') : undefined;
    // Only the given fields change; a customer first named here is created, seen "now".
    const assignments = [
      ...(name !== undefined ? ['name = EXCLUDED.name'] : []),
      ...(email !== undefined ? ['email = EXCLUDED.email'] : []),
      ...(limits !== undefined ? ['limits = EXCLUDED.limits'] : []),
    ];
    // DO UPDATE even with nothing to change, so RETURNING gives the existing row.
    const onConflict = `DO UPDATE SET ${assignments.length === 0 ? 'customer_identifier = EXCLUDED.customer_identifier' : assignments.join(', ')}`;
    const insertValues = ['$1::text', name ?? 'NULL', email ?? 'NULL', limits ?? `'[]'::jsonb`, '$2::timestamptz', '$2::timestamptz'];
    const rows = await runStatement(this.#sql, {
      text: `INSERT INTO customers (customer_identifier, name, email, limits, first_seen, last_seen)
        VALUES (${insertValues.join(', ')})
        ON CONFLICT (customer_identifier) ${onConflict}
        RETURNING customer_identifier, name, email, limits::text AS limits, first_seen, last_seen`,
      values,
    });
    return decodeCustomerRow(rows[0]);
  }

  async delete(customerIdentifier: string): Promise<{ customers: number; logs: number }> {
    return this.#sql.begin(async (transaction) => {
      const logs = await transaction.unsafe('DELETE FROM logs WHERE customer_identifier = $1', [customerIdentifier]);
      const customers = await transaction.unsafe('DELETE FROM customers WHERE customer_identifier = $1', [customerIdentifier]);
      return { customers: customers.count, logs: logs.count };
    });
  }
}
