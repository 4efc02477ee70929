import { buildCustomerGetStatement, buildCustomerListStatements, decodeCustomerRow, decodeCustomerWithUsage } from '../customer-query-sql.ts';
import type { CustomerListQuery, CustomerRepository, CustomerRow, CustomerWithUsage } from '../database.ts';
import { sqliteDialect } from '../sql-dialect.ts';
import type { SqliteStatements } from './sqlite-statements.ts';

export class SqliteCustomerRepository implements CustomerRepository {
  readonly #statements: SqliteStatements;

  constructor(statements: SqliteStatements) {
    this.#statements = statements;
  }

  async list(query: CustomerListQuery): Promise<{ count: number; results: CustomerWithUsage[] }> {
    const statements = buildCustomerListStatements(query, sqliteDialect);
    const count = Number(this.#statements.all(statements.count.text, statements.count.values)[0]?.count ?? 0);
    const rows = this.#statements.all(statements.page.text, statements.page.values);
    return { count, results: rows.map(decodeCustomerWithUsage) };
  }

  async get(customerIdentifier: string, period: { startTime?: string; endTime?: string } = {}): Promise<CustomerWithUsage | undefined> {
    const statement = buildCustomerGetStatement(customerIdentifier, period, sqliteDialect);
    const rows = this.#statements.all(statement.text, statement.values);
    return rows.length === 0 ? undefined : decodeCustomerWithUsage(rows[0]);
  }

  async update(customerIdentifier: string, patch: Partial<Pick<CustomerRow, 'name' | 'email' | 'limits'>>): Promise<CustomerRow> {
    const values: unknown[] = [customerIdentifier, new Date().toISOString()];
    const parameter = (value: unknown) => `?${values.push(value)}`;
    const name = patch.name !== undefined ? parameter(patch.name) : undefined;
    const email = patch.email !== undefined ? parameter(patch.email) : undefined;
    const limits = patch.limits !== undefined ? parameter(JSON.stringify(patch.limits)) : undefined;
    // Only the given fields change; a customer first named here is created, seen "now".
    const assignments = [
      ...(name !== undefined ? ['name = excluded.name'] : []),
      ...(email !== undefined ? ['email = excluded.email'] : []),
      ...(limits !== undefined ? ['limits = excluded.limits'] : []),
    ];
    const onConflict = assignments.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${assignments.join(', ')}`;
    this.#statements.run(
      `INSERT INTO customers (customer_identifier, name, email, limits, first_seen, last_seen)
        VALUES (?1, ${name ?? 'NULL'}, ${email ?? 'NULL'}, ${limits ?? `'[]'`}, ?2, ?2)
        ON CONFLICT (customer_identifier) ${onConflict}`,
      values,
    );
    const rows = this.#statements.all('SELECT * FROM customers WHERE customer_identifier = ?1', [customerIdentifier]);
    return decodeCustomerRow(rows[0]);
  }

  async delete(customerIdentifier: string): Promise<{ customers: number; logs: number }> {
    return this.#statements.transaction(() => ({
      logs: this.#statements.run('DELETE FROM logs WHERE customer_identifier = ?1', [customerIdentifier]),
      customers: this.#statements.run('DELETE FROM customers WHERE customer_identifier = ?1', [customerIdentifier]),
    }));
  }
}
