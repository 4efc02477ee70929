import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { openDatabase } from '../../src/storage/open-database.ts';
import { PostgresTestSchemas } from '../storage/postgres-test-database.ts';
import { promptRepositorySuite } from './prompt-repository-suite.ts';

const directory = await mkdtemp(join(tmpdir(), 'switchboard-prompts-'));
const schemas = new PostgresTestSchemas();
after(async () => {
  await rm(directory, { recursive: true, force: true });
  await schemas.dropAll();
});

let counter = 0;
describe('prompts on SQLite', () => promptRepositorySuite(() => openDatabase(`sqlite:${join(directory, `prompts-${++counter}.db`)}`)));
describe('prompts on Postgres', () => promptRepositorySuite(() => schemas.open()));
