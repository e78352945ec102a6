// Reads KQL queries separated by lines holding only "----" from stdin (or the
// files named) and checks each with Microsoft's Kusto language service against
// the AzureDiagnostics schema of a Log Analytics workspace. Prints every
// diagnostic and exits 1 when any query has an error.
"use strict";
const fs = require("fs");
require("@kusto/language-service-next/bridge");
require("@kusto/language-service-next/Kusto.Language.Bridge");

// The AzureDiagnostics columns a workspace that receives IoT Hub resource logs has
// (the common ones of the table and those IoT Hub fills), with their types.
const kAzureDiagnostics =
  "(TenantId:string, TimeGenerated:datetime, ResourceId:string, Category:string, " +
  "ResourceGroup:string, SubscriptionId:string, ResourceProvider:string, Resource:string, " +
  "ResourceType:string, OperationName:string, ResultType:string, CorrelationId:string, " +
  "ResultDescription:string, Level:string, DurationMs:long, properties_s:string, " +
  "location_s:string, SourceSystem:string, Type:string, _ResourceId:string)";

const S = Kusto.Language.Symbols;
const table = S.TableSymbol.From(kAzureDiagnostics).WithName("AzureDiagnostics");
const globals = Kusto.Language.GlobalState.Default.WithDatabase(
  new S.DatabaseSymbol.ctor("workspace", [table]));

const text = process.argv.length > 2
  ? process.argv.slice(2).map((f) => fs.readFileSync(f, "utf8")).join("\n----\n")
  : fs.readFileSync(0, "utf8");
const queries = text.split(/^----$/m).map((q) => q.trim()).filter((q) => q.length > 0);
if (queries.length === 0) {
  console.error("check_kql: no query given");
  process.exit(2);
}
let errors = 0;
queries.forEach((query, index) => {
  const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, globals);
  for (const d of Bridge.toArray(code.GetDiagnostics())) {
    const where = query.substring(d.Start, d.End);
    console.log(`query ${index + 1}: ${d.Severity}: ${d.Message} (at '${where}')`);
    if (d.Severity === "Error") errors++;
  }
});
console.log(`${queries.length} queries checked, ${errors} errors`);
process.exit(errors === 0 ? 0 : 1);
