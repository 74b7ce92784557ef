// Preloaded with `node -r` into a server (the built API or the baseline) to record every
// statement it sends to PostgreSQL, in order, to the file named by BENCH_SQL_LOG: one JSON line
// { text, values, named } per statement (named: sent as a prepared statement). The runner compares the two recordings to check that the
// baseline issues the very statements the API issues, without touching the API's code. Only the
// check phase preloads it: the servers that are measured run without it.
'use strict';
const { appendFileSync } = require('node:fs');
const pg = require('pg');

const file = process.env.BENCH_SQL_LOG;

/** Parameters as pg would send them, in a comparable form (dates as ISO, arrays and objects as JSON). */
function comparable(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(...args) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : config && config.text;
    const params = Array.isArray(values) ? values : (config && Array.isArray(config.values) ? config.values : []);
    if (typeof text === 'string') appendFileSync(file, `${JSON.stringify({ text, values: params.map(comparable), named: Boolean(config && config.name) })}\n`);
    return original.apply(this, args);
  };
}
