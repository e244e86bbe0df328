import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeDbSuite } from './db-suite.ts';

const baseUrl = process.env.DATABASE_URL;

if (!baseUrl) {
  describe.skip('@r1lab/db on PostgreSQL (set DATABASE_URL to run)', () => {
    it('needs DATABASE_URL', () => {});
  });
} else {
  // Each run gets its own database, so suites never see each other's rows.
  const name = `r1lab_test_${process.pid}_${Date.now()}`;
  const url = new URL(baseUrl);
  const testUrl = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
  let admin: postgres.Sql;
  beforeAll(async () => {
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
  });
  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  describeDbSuite('PostgreSQL', () => ({ url: testUrl }));
}
