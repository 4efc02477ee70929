import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import { openDatabase } from '../../src/storage/open-database.ts';
import { apiKeyAndSettingsSuite } from './api-key-and-settings-suite.ts';
import { customerRepositorySuite } from './customer-repository-suite.ts';
import { logRepositorySuite } from './log-repository-suite.ts';

const directory = await mkdtemp(join(tmpdir(), 'switchboard-sqlite-'));
after(() => rm(directory, { recursive: true, force: true }));

let counter = 0;
// A new file per test, in a directory that does not exist yet (openDatabase creates it).
const factory = () => openDatabase(`sqlite:${join(directory, 'nested', `test-${++counter}.db`)}`);

describe('SQLite store', () => {
  describe('logs', () => logRepositorySuite(factory));
  describe('customers', () => customerRepositorySuite(factory));
  describe('api keys and settings', () => apiKeyAndSettingsSuite(factory));
  describe('in memory', () => logRepositorySuite(() => openDatabase('sqlite::memory:')));
});
