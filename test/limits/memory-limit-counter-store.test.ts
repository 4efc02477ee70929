import { describe } from 'node:test';
import { MemoryLimitCounterStore } from '../../src/limits/memory-limit-counter-store.ts';
import { limitCounterStoreSuite } from './limit-counter-store-suite.ts';

describe('MemoryLimitCounterStore', () => {
  limitCounterStoreSuite((now) => new MemoryLimitCounterStore({ now }));
});
