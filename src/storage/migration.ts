/** One schema version: statements run in order, in the same transaction as its `schema_migrations` row. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
