import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeDbSuite } from './db-suite.ts';

// A folder (not memory://) so that reopening it exercises migrate-twice on persisted data.
const dir = mkdtempSync(join(tmpdir(), 'r1lab-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeDbSuite('PGlite', () => ({ url: '', dataDir: join(dir, 'db') }));
