#!/usr/bin/env python3
"""Writes the input of the hostile-ids scenarios: device ids (and one SDK string)
that carry terminal escapes, a bell, bidi overrides, markup, pipes and
spreadsheet formulas, on the real record layout of
test/data/conformance/az220-2021-connect-404104.jsonl. Each device drops twice
times at irregular intervals, so the random-disconnects finding lists them all.
Run from this folder; the output is deterministic."""
import json

IDS = [
    "red\x1b[31mALERT\x1b[0m-01",
    "bell\x07\x07-02",
    "\u202etxt.exe-03",
    "iso\u2066late\u2069-04",
    "<script>alert(1)</script>",
    "pipe|in|id-06",
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)-09",
    "line\nbreak\rret-10",
]
SDK = ".NET/1.38.0 \x1b]0;title\x07 <b>bold</b>"
# minutes after 08:00 at which each device drops (irregular: no token period)
DROPS = [7, 71]


def record(minute, second, device, operation, code=None):
    hour, minute = divmod(minute, 60)
    props = {"deviceId": device, "protocol": "Mqtt", "maskedIpAddress": "24.9.142.XXX"}
    if operation == "deviceConnect":
        props["sdkVersion"] = SDK
    rec = {"time": f"2026-11-20T{8 + hour:02d}:{minute:02d}:{second:02d}Z", "operationName": operation, "category": "Connections",
           "level": "Error" if code else "Information"}
    if code:
        rec["resultType"] = code
        rec["resultDescription"] = "DeviceConnectionClosedRemotely"
    rec["properties"] = json.dumps(props, separators=(",", ":"))
    return rec


records = []
for index, device in enumerate(IDS):
    offset = index * 3  # keep the devices' drops apart, so no burst forms
    records.append(record(offset, index, device, "deviceConnect"))
    for n, minute in enumerate(DROPS):
        at = minute + offset + 11 * n * index % 17
        records.append(record(at, 5, device, "deviceDisconnect", "404104"))
        records.append(record(at, 40, device, "deviceConnect"))
records.sort(key=lambda r: r["time"])
with open("hostile-ids/PT1H.json", "w", encoding="utf-8") as out:
    for rec in records:
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")
with open("hostile-ids-json/PT1H.json", "w", encoding="utf-8") as out:
    for rec in records:
        out.write(json.dumps(rec, separators=(",", ":"), ensure_ascii=False) + "\n")
