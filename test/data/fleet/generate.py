#!/usr/bin/env python3
"""Writes one small fleet in every log shape the ingest reads.

The records are derived from test/data/conformance (same devices, SDK strings,
IP addresses, auth types and time of day as the AZ-220 captures) and extended
into a short fleet history: a SAS device with a periodic 404104 preceded by
401003, an X.509 device with clean disconnects, and one with a random 404104.
Every shape holds the same records, so tests can check that each one yields
exactly the events of fleet.jsonl. Run from this folder; the output is
deterministic (gzip mtime fixed).
"""
import csv
import gzip
import io
import json
import os

HUB = ("/SUBSCRIPTIONS/AE82FF3B-4BD0-462B-8449-D713DD18E11E/RESOURCEGROUPS/AZ-220/PROVIDERS/"
       "MICROSOFT.DEVICES/IOTHUBS/IOT-AZ220-TRAINING-DM092121")
NET_SDK = (".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000 WindowsProduct:0x00000030; X64; "
           "{FF88E933-1C12-457D-A098-A5093B53FBA2})")
X509 = json.dumps({"scope": "device", "type": "x509Certificate", "issuer": "external",
                   "acceptingIpFilterRule": None}, separators=(",", ":"))
SAS = json.dumps({"scope": "device", "type": "sas", "issuer": "iothub", "acceptingIpFilterRule": None},
                 separators=(",", ":"))

DEVICES = {
    "sensor-thl-2001": {"protocol": "Mqtt", "authType": SAS, "maskedIpAddress": "24.9.142.XXX", "sdk": NET_SDK},
    "asset-track9": {"protocol": "Amqp", "authType": X509, "maskedIpAddress": "67.176.115.XXX",
                     "sdk": "azure-iot-device/1.17.3 (node v14.17.0; Ubuntu 20.04; x64)"},
    "asset-track10": {"protocol": "Amqp", "authType": X509, "maskedIpAddress": "67.176.115.XXX",
                      "sdk": "Java/1.30.1 (Linux; amd64)"},
}

# (time, device, operation, resultType or None)
EVENTS = [
    ("2021-09-21T22:16:00.250", "sensor-thl-2001", "deviceConnect", None),
    ("2021-09-21T22:20:12", "asset-track9", "deviceConnect", None),
    ("2021-09-21T22:21:00", "asset-track10", "deviceConnect", None),
    ("2021-09-21T22:50:00", "asset-track9", "deviceDisconnect", None),
    ("2021-09-21T22:50:41", "asset-track9", "deviceConnect", None),
    ("2021-09-21T22:58:31", "asset-track10", "deviceDisconnect", "404104"),
    ("2021-09-21T22:59:02", "asset-track10", "deviceConnect", None),
    ("2021-09-21T23:21:04", "sensor-thl-2001", "deviceDisconnect", "401003"),
    ("2021-09-21T23:21:05", "sensor-thl-2001", "deviceDisconnect", "404104"),
    ("2021-09-21T23:21:40", "sensor-thl-2001", "deviceConnect", None),
    ("2021-09-21T23:21:40", "asset-track9", "deviceDisconnect", None),
    ("2021-09-22T00:26:45", "sensor-thl-2001", "deviceDisconnect", "404104"),
    ("2021-09-22T00:27:15", "sensor-thl-2001", "deviceConnect", None),
]
DESCRIPTIONS = {"404104": "DeviceConnectionClosedRemotely", "401003": "IoTHubUnauthorized"}


def properties(device, operation, code):
    info = DEVICES[device]
    props = {"deviceId": device}
    if operation == "deviceConnect":
        props["sdkVersion"] = info["sdk"]
    props.update({"protocol": info["protocol"], "authType": info["authType"],
                  "maskedIpAddress": info["maskedIpAddress"],
                  "statusCode": code[:3] if code else None})
    if code == "404104":
        props["errorMessage"] = "Device disconnected, see cause and resolution at https://aka.ms/iothub404104"
    return props


def iso(time):
    return time + ("0000Z" if "." in time else "Z")


def record(time, device, operation, code, properties_as_object=False):
    props = properties(device, operation, code)
    out = {"time": iso(time), "resourceId": HUB, "operationName": operation, "category": "Connections",
           "level": "Error" if code else "Information"}
    if code:
        out["resultType"] = code
        out["resultDescription"] = DESCRIPTIONS[code]
    out["properties"] = props if properties_as_object else json.dumps(props, separators=(",", ":"))
    out["location"] = "centralus"
    return out


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def write(path, text, newline="\n"):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)


RECORDS = [record(*event) for event in EVENTS]

# 1. JSON Lines twin.
write("fleet.jsonl", "".join(compact(r) + "\n" for r in RECORDS))

# 2. Storage tree: hourly blobs, CRLF line ends, the last hour gzipped; a
#    record received late sits in the next hour's blob.
by_hour = {}
for r in RECORDS:
    by_hour.setdefault(r["time"][:13], []).append(r)
by_hour["2021-09-21T23"].insert(0, by_hour["2021-09-21T22"].pop())
for hour, records in by_hour.items():
    y, m, d, h = hour[0:4], hour[5:7], hour[8:10], hour[11:13]
    folder = (f"storage/insights-logs-connections/resourceId={HUB}/y={y}/m={m}/d={d}/h={h}/m=00")
    text = "".join(compact(r) + "\r\n" for r in records)
    if h == "00":
        os.makedirs(folder, exist_ok=True)
        with open(f"{folder}/PT1H.json.gz", "wb") as f:
            f.write(gzip.compress(text.encode(), mtime=0))
    else:
        write(f"{folder}/PT1H.json", text, newline="")

# 3. Event Hubs: batches one per line, and pretty-printed batches one after another.
batches = [RECORDS[0:5], RECORDS[5:9], RECORDS[9:]]
write("eventhubs-lines.json", "".join(compact({"records": b}) + "\n" for b in batches))
write("eventhubs-pretty.json", "".join(json.dumps({"records": b}, indent=2) + "\n" for b in batches))

# 4. Pretty-printed records with `properties` as objects, one after another; and a JSON array of records.
write("pretty-properties-objects.json",
      "".join(json.dumps(record(*e, properties_as_object=True), indent=4) + "\n" for e in EVENTS))
write("records-array.json", json.dumps(RECORDS, indent=1) + "\n")

# 5. Log Analytics AzureDiagnostics rows.
COLUMNS = ["TenantId", "TimeGenerated", "ResourceId", "Category", "ResourceGroup", "SubscriptionId",
           "ResourceProvider", "Resource", "ResourceType", "OperationName", "ResultType", "Level",
           "Location", "ResultDescription", "properties_s", "SourceSystem", "Type", "_ResourceId"]


def la_row(r, time_text):
    return {"TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "TimeGenerated": time_text,
            "ResourceId": HUB, "Category": r["category"], "ResourceGroup": "AZ-220",
            "SubscriptionId": "ae82ff3b-4bd0-462b-8449-d713dd18e11e", "ResourceProvider": "MICROSOFT.DEVICES",
            "Resource": "IOT-AZ220-TRAINING-DM092121", "ResourceType": "IOTHUBS",
            "OperationName": r["operationName"], "ResultType": r.get("resultType", ""), "Level": r["level"],
            "Location": "centralus", "ResultDescription": r.get("resultDescription", ""),
            "properties_s": r["properties"], "SourceSystem": "Azure", "Type": "AzureDiagnostics",
            "_ResourceId": HUB.lower()}


def la_iso(time):  # Log Analytics writes 7 fraction digits
    return time + ("0000Z" if "." in time else ".0000000Z")


def en_us(time):
    date, clock = time.split("T")
    y, m, d = date.split("-")
    hh, mm, ss = clock.split(":")
    h = int(hh)
    ms = ss.split(".")[1] if "." in ss else "000"
    return f"{int(m)}/{int(d)}/{y}, {(h % 12) or 12}:{mm}:{ss[:2]}.{ms} {'PM' if h >= 12 else 'AM'}"


def en_gb(time, hours=0):
    date, clock = time.split("T")
    y, mo, d = date.split("-")
    hh, mm, ss = clock.split(":")
    h = int(hh) + hours
    day = int(d) + h // 24
    h %= 24
    ms = ss.split(".")[1] if "." in ss else "000"
    return f"{day:02}/{mo}/{y} {h:02}:{mm}:{ss[:2]}.{ms}"


def write_csv(path, header, rows, bom=True):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    write(path, ("\ufeff" if bom else "") + buffer.getvalue(), newline="")


all_rows = []
for r, e in zip(RECORDS, EVENTS):
    row = la_row(r, en_us(e[0]))
    if r.get("resultType") == "404104" and e[1] == "asset-track10":
        # Pretty JSON inside the cell: line breaks inside a quoted CSV field.
        row["properties_s"] = json.dumps(json.loads(r["properties"]), indent=2)
    all_rows.append(row)
header = [c + " [UTC]" if c == "TimeGenerated" else c for c in COLUMNS]
write_csv("log-analytics-all-columns.csv", header, [[row[c] for c in COLUMNS] for row in all_rows])

# Day-first locale (en-GB); the first rows are ambiguous until a day above 12 appears.
gb_rows = [la_row(r, en_gb(e[0])) for r, e in zip(RECORDS, EVENTS)]
write_csv("log-analytics-day-first.csv", header, [[row[c] for c in COLUMNS] for row in gb_rows])

# Local time export written at UTC+02:00.
local_header = [c + " [Local Time]" if c == "TimeGenerated" else c for c in COLUMNS]
local_rows = [la_row(r, en_gb(e[0], hours=2)) for r, e in zip(RECORDS, EVENTS)]
write_csv("log-analytics-local-time.csv", local_header, [[row[c] for c in COLUMNS] for row in local_rows])

# Displayed columns only, with device fields already projected, ISO dates.
shown = ["TimeGenerated [UTC]", "DeviceId", "OperationName", "Level", "ResultType", "Protocol", "SDKVersion",
         "properties_s"]
shown_rows = []
for r, e in zip(RECORDS, EVENTS):
    props = json.loads(r["properties"])
    shown_rows.append([la_iso(e[0]), e[1], r["operationName"], r["level"], r.get("resultType", ""),
                       props["protocol"], props.get("sdkVersion", ""), r["properties"]])
write_csv("log-analytics-displayed-columns.csv", shown, shown_rows, bom=False)

# Query API JSON (az monitor log-analytics query --output json is the row-object form).
types = {"TimeGenerated": "datetime"}
api = {"tables": [{"name": "PrimaryResult",
                   "columns": [{"name": c, "type": types.get(c, "string")} for c in COLUMNS],
                   "rows": [[la_row(r, la_iso(e[0]))[c] for c in COLUMNS] for r, e in zip(RECORDS, EVENTS)]}]}
write("log-analytics-api.json", json.dumps(api, indent=2) + "\n")
write("az-cli-rows.json", json.dumps([la_row(r, la_iso(e[0])) for r, e in zip(RECORDS, EVENTS)], indent=2) + "\n")
