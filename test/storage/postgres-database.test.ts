import { after, describe } from 'node:test';
import { apiKeyAndSettingsSuite } from './api-key-and-settings-suite.ts';
import { customerRepositorySuite } from './customer-repository-suite.ts';
import { logRepositorySuite } from './log-repository-suite.ts';
import { PostgresTestSchemas } from './postgres-test-database.ts';

// Each test gets a schema of its own; all are dropped at the end.
const schemas = new PostgresTestSchemas();
after(() => schemas.dropAll());
const factory = () => schemas.open();

describe('Postgres store', () => {
  describe('logs', () => logRepositorySuite(factory));
  describe('customers', () => customerRepositorySuite(factory));
  describe('api keys and settings', () => apiKeyAndSettingsSuite(factory));
});
