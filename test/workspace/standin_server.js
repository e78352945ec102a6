// A stand-in for the Log Analytics query API on 127.0.0.1, for tests: it serves
// IoT Hub resource-log records as AzureDiagnostics rows with the service's
// caps and faults (see docs/workspace.md and DOMAIN.md, "Log Analytics"):
//  - POST /v1/workspaces/{id}/query, body {"query": "..."}, bearer token;
//    a wrong token is 401 with an `error` object; with --token-uses N a token
//    expires after N requests (401 again), as az's cached tokens do during a long
//    pull, and the tokens a renewal gives (the --token text, then "-renewed-"
//    and anything) are accepted, each for N requests;
//  - answers past --row-cap rows or --byte-cap bytes are HTTP 200 with the rows
//    so far and the PartialError body (E_QUERY_RESULT_SET_TOO_LARGE);
//  - --fault-rate of the requests get 429 (Retry-After), 503, 504 or a
//    connection dropped in the middle of the answer, drawn from --seed;
//  - with --late-minutes M --late-for-requests N, the rows of the data's last M
//    minutes reach the workspace late: the first N queries do not see them, as
//    rows still being ingested.
// Like the service, it returns rows in no particular order and single-line JSON.
// It evaluates only time bounds on TimeGenerated (datetime() literals with
// >=, >, <, <=, between), `summarize count() by bin(TimeGenerated, N<unit>)` and
// `summarize min(TimeGenerated), max(TimeGenerated), count()`; any other query is
// answered with every column of the rows in its time window, so the client
// cannot depend on the projection or filters being applied.
// With --apply-selection (for bench/workspace_pushdown.sh, which measures what the
// push-down saves) it also applies the tool's own selection: `Resource in~ (...)`,
// `Category == "Connections" or ResultType startswith ... or ResultType in (...)`
// and `project`.
// Usage: node standin_server.js --data PATH... [--row-cap N] [--byte-cap N]
//        [--fault-rate P] [--seed N] [--token T] [--token-uses N] [--log FILE]
//        [--late-minutes M --late-for-requests N] [--apply-selection]
// Prints "listening PORT" once ready; stops on SIGTERM or SIGINT.
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");

const args = { data: [], rowCap: 500000, byteCap: 64000000, faultRate: 0, seed: 1,
               token: "test-token", tokenUses: Infinity, log: "", applySelection: false,
               lateMinutes: 0, lateForRequests: 0 };
for (let i = 2; i < process.argv.length; i++) {
  const name = process.argv[i];
  if (name === "--apply-selection") { args.applySelection = true; continue; }
  const value = process.argv[++i];
  if (name === "--data") args.data.push(value);
  else if (name === "--row-cap") args.rowCap = Number(value);
  else if (name === "--byte-cap") args.byteCap = Number(value);
  else if (name === "--fault-rate") args.faultRate = Number(value);
  else if (name === "--seed") args.seed = Number(value);
  else if (name === "--token") args.token = value;
  else if (name === "--token-uses") args.tokenUses = Number(value);
  else if (name === "--late-minutes") args.lateMinutes = Number(value);
  else if (name === "--late-for-requests") args.lateForRequests = Number(value);
  else if (name === "--log") args.log = value;
  else { console.error(`standin_server: unknown option ${name}`); process.exit(2); }
}

// A small seeded generator (mulberry32), so a run's faults repeat with its seed.
let state = args.seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// The AzureDiagnostics columns, in the table's order (not the client's projection).
const kColumns = [
  ["TenantId", "string"], ["TimeGenerated", "datetime"], ["ResourceId", "string"],
  ["Category", "string"], ["ResourceGroup", "string"], ["SubscriptionId", "string"],
  ["ResourceProvider", "string"], ["Resource", "string"], ["ResourceType", "string"],
  ["OperationName", "string"], ["ResultType", "string"], ["CorrelationId", "string"],
  ["ResultDescription", "string"], ["Level", "string"], ["DurationMs", "long"],
  ["properties_s", "string"], ["location_s", "string"], ["SourceSystem", "string"],
  ["Type", "string"], ["_ResourceId", "string"],
];

function files(at) {
  const stat = fs.statSync(at);
  if (!stat.isDirectory()) return [at];
  return fs.readdirSync(at).sort().flatMap((name) => files(path.join(at, name)));
}

function toRow(record) {
  const id = String(record.resourceId || "");
  const part = (key) => {
    const match = id.match(new RegExp(`/${key}/([^/]+)`, "i"));
    return match ? match[1] : "";
  };
  const properties = typeof record.properties === "string"
    ? record.properties : JSON.stringify(record.properties || {});
  const row = {
    TenantId: "00000000-0000-0000-0000-000000000000",
    TimeGenerated: record.time,
    ResourceId: id.toUpperCase(),
    Category: record.category || "",
    ResourceGroup: part("resourceGroups").toUpperCase(),
    SubscriptionId: part("subscriptions"),
    ResourceProvider: "MICROSOFT.DEVICES",
    Resource: part("IOTHUBS").toUpperCase(),
    ResourceType: "IOTHUBS",
    OperationName: record.operationName || "",
    ResultType: record.resultType === undefined || record.resultType === null
      ? "" : String(record.resultType),
    CorrelationId: "",
    ResultDescription: record.resultDescription || "",
    Level: record.level || "",
    DurationMs: record.durationMs === undefined ? null : Number(record.durationMs) || 0,
    properties_s: properties,
    location_s: record.location || "",
    SourceSystem: "Azure",
    Type: "AzureDiagnostics",
    _ResourceId: id.toLowerCase(),
  };
  return { time: Date.parse(record.time), cells: kColumns.map(([name]) => row[name]) };
}

const rows = [];
for (const root of args.data) {
  for (const file of files(root)) {
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      let value;
      try { value = JSON.parse(line); } catch { continue; }
      const records = Array.isArray(value.records) ? value.records : [value];
      for (const record of records) {
        if (record && typeof record.time === "string" && !Number.isNaN(Date.parse(record.time)))
          rows.push(toRow(record));
      }
    }
  }
}
// The service's answers come in no particular order: shuffle once, with the seed.
for (let i = rows.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [rows[i], rows[j]] = [rows[j], rows[i]];
}

function timeOf(literal) {
  const text = literal.trim();
  const at = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : text + "Z");
  if (Number.isNaN(at)) throw new Error(`bad datetime literal ${literal}`);
  return at;
}

// The window [from, to] (each bound inclusive or not) the query's TimeGenerated bounds set.
function windowOf(query) {
  const bounds = { from: -Infinity, fromIncluded: true, to: Infinity, toIncluded: true };
  const compare = /TimeGenerated\s*(>=|<=|>|<)\s*datetime\(([^)]*)\)/g;
  for (let match; (match = compare.exec(query)) !== null;) {
    const at = timeOf(match[2]);
    if (match[1][0] === ">") {
      if (at >= bounds.from) { bounds.from = at; bounds.fromIncluded = match[1] === ">="; }
    } else if (at <= bounds.to) { bounds.to = at; bounds.toIncluded = match[1] === "<="; }
  }
  const between = /TimeGenerated\s+between\s*\(\s*datetime\(([^)]*)\)\s*\.\.\s*datetime\(([^)]*)\)\s*\)/g;
  for (let match; (match = between.exec(query)) !== null;) {
    bounds.from = Math.max(bounds.from, timeOf(match[1]));
    bounds.to = Math.min(bounds.to, timeOf(match[2]));
  }
  return bounds;
}

function inWindow(time, w) {
  return (w.fromIncluded ? time >= w.from : time > w.from) &&
         (w.toIncluded ? time <= w.to : time < w.to);
}

const kUnits = { d: 86400000, h: 3600000, m: 60000, s: 1000, ms: 1 };

function iso(ms) {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

const kPartialError = {
  code: "PartialError",
  message: "There were some errors when processing your query.",
  details: [{
    code: "EngineError",
    message: "Something went wrong processing your query on the server.",
    innererror: {
      code: "-2133196797",
      message: "Query result set has exceeded the internal data size limit 64000000 " +
               "(E_QUERY_RESULT_SET_TOO_LARGE; see the query limits)",
      severity: 2,
      severityName: "Error",
    },
  }],
};

// Rows of the data's last --late-minutes are not in the workspace yet for the
// first --late-for-requests queries.
let queriesAnswered = 0;
const newest = rows.reduce((latest, row) => Math.max(latest, row.time), -Infinity);
function ingested(row) {
  return queriesAnswered > args.lateForRequests || row.time <= newest - args.lateMinutes * 60000;
}

function answer(query) {
  ++queriesAnswered;
  const w = windowOf(query);
  const selected = rows.filter((row) => inWindow(row.time, w) && ingested(row));
  const bin = query.match(/summarize\s+count\(\)\s+by\s+bin\(\s*TimeGenerated\s*,\s*(\d+)(ms|d|h|m|s)\s*\)/);
  if (bin) {
    const size = Number(bin[1]) * kUnits[bin[2]];
    const counts = new Map();
    for (const row of selected) {
      const start = Math.floor(row.time / size) * size;
      counts.set(start, (counts.get(start) || 0) + 1);
    }
    const binRows = [...counts.entries()].map(([start, count]) => [iso(start), count]);
    binRows.sort(() => random() - 0.5);
    return { kind: "count", table: { name: "PrimaryResult", columns: [
      { name: "TimeGenerated", type: "datetime" }, { name: "count_", type: "long" }],
      rows: binRows } };
  }
  if (/summarize\s+min\(\s*TimeGenerated\s*\)\s*,\s*max\(\s*TimeGenerated\s*\)\s*,\s*count\(\)/.test(query)) {
    const times = selected.map((row) => row.time);
    return { kind: "span", table: { name: "PrimaryResult", columns: [
      { name: "min_TimeGenerated", type: "datetime" }, { name: "max_TimeGenerated", type: "datetime" },
      { name: "count_", type: "long" }],
      rows: [[times.length ? iso(Math.min(...times)) : null,
              times.length ? iso(Math.max(...times)) : null, times.length]] } };
  }
  let columns = kColumns;
  let rowsOut = selected.map((row) => row.cells);
  if (args.applySelection) ({ columns, rowsOut } = applySelection(query, rowsOut));
  const kept = [];
  let bytes = 0;
  let cut = false;
  for (const cells of rowsOut) {
    const text = JSON.stringify(cells);
    if (kept.length >= args.rowCap || bytes + text.length > args.byteCap) { cut = true; break; }
    kept.push(cells);
    bytes += text.length + 1;
  }
  return { kind: "rows", cut, window: w, table: { name: "PrimaryResult",
    columns: columns.map(([name, type]) => ({ name, type })), rows: kept } };
}

// The tool's selection and projection, applied as the service would (--apply-selection).
function applySelection(query, rowsIn) {
  const index = (name) => kColumns.findIndex(([column]) => column === name);
  let out = rowsIn;
  const hubs = query.match(/Resource in~ \(([^)]*)\)/);
  if (hubs) {
    const names = JSON.parse(`[${hubs[1]}]`).map((hub) => hub.toLowerCase());
    out = out.filter((cells) => names.includes(String(cells[index("Resource")]).toLowerCase()));
  }
  if (/Category == "Connections"/.test(query)) {
    const prefixes = [...query.matchAll(/ResultType startswith "(\d+)"/g)].map((m) => m[1]);
    const listed = query.match(/ResultType in \(([^)]*)\)/);
    const codes = listed ? JSON.parse(`[${listed[1]}]`) : [];
    out = out.filter((cells) => {
      const code = String(cells[index("ResultType")]);
      return cells[index("Category")] === "Connections" || codes.includes(code) ||
        prefixes.some((prefix) => code.startsWith(prefix));
    });
  }
  const projection = query.match(/\| project ([^\n|]*)/);
  if (!projection) return { columns: kColumns, rowsOut: out };
  const names = projection[1].split(",").map((name) => name.trim());
  const positions = names.map(index);
  return { columns: names.map((name, i) => [name, kColumns[positions[i]][1]]),
           rowsOut: out.map((cells) => positions.map((p) => cells[p])) };
}

function log(entry) {
  if (args.log) fs.appendFileSync(args.log, JSON.stringify(entry) + "\n");
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

const tokenUses = new Map();  // requests made with each token, for --token-uses

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const route = request.url.match(/^\/v1\/workspaces\/([^/]+)\/query$/);
    if (request.method !== "POST" || !route) {
      send(response, 404, { error: { code: "PathNotFoundError", message: "The requested path does not exist" } });
      return;
    }
    const authorization = String(request.headers.authorization || "");
    const token = authorization.startsWith("Bearer ") ? authorization.slice(7) : "";
    const known = args.tokenUses === Infinity ? token === args.token
      : token === args.token || token.startsWith(`${args.token}-renewed-`);
    if (!known) {
      log({ status: 401 });
      send(response, 401, { error: { code: "InvalidTokenError",
        message: "The provided authentication is not valid for this resource",
        innererror: { code: "SignatureVerificationFailed", message: "Signature validation failed" } } });
      return;
    }
    const used = (tokenUses.get(token) || 0) + 1;
    tokenUses.set(token, used);
    if (used > args.tokenUses) {
      log({ status: 401, expired: true });
      send(response, 401, { error: { code: "InvalidTokenError",
        message: "The provided authentication is not valid for this resource",
        innererror: { code: "TokenExpired", message: "The access token has expired" } } });
      return;
    }
    let query;
    try {
      query = JSON.parse(Buffer.concat(chunks).toString("utf8")).query;
      if (typeof query !== "string") throw new Error("no query");
    } catch {
      send(response, 400, { error: { code: "BadArgumentError", message: "The request had some invalid properties" } });
      return;
    }
    const fault = random() < args.faultRate ? Math.floor(random() * 4) : -1;
    let result;
    try {
      result = answer(query);
    } catch (error) {
      send(response, 400, { error: { code: "SemanticError", message: String(error.message) } });
      return;
    }
    const entry = { kind: result.kind, status: 200, rows: result.table.rows.length, cut: !!result.cut };
    if (result.window) { entry.from = result.window.from; entry.to = result.window.to; }
    if (fault === 0) {
      log({ ...entry, status: 429 });
      send(response, 429, { error: { code: "ThrottledError", message: "Too many requests" } }, { "Retry-After": "1" });
    } else if (fault === 1) {
      log({ ...entry, status: 503 });
      send(response, 503, { error: { code: "ServiceUnavailableError", message: "The service is unavailable" } });
    } else if (fault === 2) {
      log({ ...entry, status: 504 });
      send(response, 504, { error: { code: "GatewayTimeout", message: "The query timed out" } });
    } else {
      const body = { tables: [result.table] };
      if (result.cut) body.error = kPartialError;
      const text = JSON.stringify(body);
      if (fault === 3) {
        // A connection dropped in the middle of the answer.
        log({ ...entry, status: "dropped" });
        response.writeHead(200, { "Content-Type": "application/json; charset=utf-8",
                                  "Content-Length": String(Buffer.byteLength(text)) });
        response.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => response.socket.destroy(), 10);
        return;
      }
      log(entry);
      response.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
      response.end(text);
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
