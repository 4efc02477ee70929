import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { openDatabase } from '../../src/storage/open-database.ts';
import { evaluationsSuite } from './evaluations-suite.ts';

const directory = mkdtempSync(join(tmpdir(), 'switchboard-evaluations-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let counter = 0;

describe('evaluations on SQLite', () => {
  evaluationsSuite(async () => {
    const url = `sqlite:${join(directory, `evaluations-${++counter}.db`)}`;
    return { database: await openDatabase(url), reopen: () => openDatabase(url) };
  });
});
