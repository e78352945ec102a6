// Counts the 404104 records of a JSON Lines file with DuckDB, as a user who just
// wants to query a big export would: read_json_auto, then a count. Prints the count.
//   node bench/duckdb/count_404104.js FILE [THREADS]
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [file, threads = '2'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: count_404104.js FILE [THREADS]');
    process.exit(2);
  }
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  const quoted = `'${file.replace(/'/g, "''")}'`;
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS drops FROM read_json_auto(${quoted}) WHERE resultType = '404104'`);
  console.log(String(reader.getRows()[0][0]));
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
