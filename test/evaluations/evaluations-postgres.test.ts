import { after, describe } from 'node:test';
import { PostgresTestSchemas } from '../storage/postgres-test-database.ts';
import { evaluationsSuite } from './evaluations-suite.ts';

const schemas = new PostgresTestSchemas();
after(() => schemas.dropAll());

describe('evaluations on Postgres', () => {
  evaluationsSuite(async () => {
    const schema = schemas.newSchemaName();
    return { database: await schemas.open({ schema }), reopen: () => schemas.open({ schema }) };
  });
});
