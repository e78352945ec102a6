# One device flapping for months: DROPS connect / 404104 cycles of one MQTT
# device, as Connections records in the hub's resource-log shape, one per line.
# Each connection lasts 1 + an exponential draw of mean 20 s, and the device
# reconnects 1 to 10 s after each drop, so 500,000 drops span about 5 months
# (1,000,000 records). The same DROPS and SEED give the same bytes with the
# same awk (mawk and gawk draw different numbers).
#
#   awk -v drops=500000 -v seed=1 -f bench/one_device.awk >one-device.jsonl
function two(n) { return (n < 10 ? "0" : "") n }
# Seconds since 1970 to ISO-8601 UTC (days-from-civil, inverted).
function iso(t,    days, secs, z, era, doe, yoe, y, doy, mp, d, m) {
  days = int(t / 86400)
  secs = t - days * 86400
  z = days + 719468
  era = int(z / 146097)
  doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400
  doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153)
  d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return y "-" two(m) "-" two(d) "T" two(int(secs / 3600)) ":" two(int(secs % 3600 / 60)) ":" two(secs % 60) "Z"
}
BEGIN {
  if (drops == "") drops = 500000
  srand(seed == "" ? 1 : seed)
  resource = "/SUBSCRIPTIONS/5E2B1C3A-7D4F-4B8E-9A61-2F0C8D3E7B15/RESOURCEGROUPS/IOT-FLEET-RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/FLEET-HUB-01"
  auth = "\\\"authType\\\":\\\"{\\\\\\\"scope\\\\\\\":\\\\\\\"device\\\\\\\",\\\\\\\"type\\\\\\\":\\\\\\\"sas\\\\\\\",\\\\\\\"issuer\\\\\\\":\\\\\\\"iothub\\\\\\\",\\\\\\\"acceptingIpFilterRule\\\\\\\":null}\\\""
  common = "\\\"deviceId\\\":\\\"flapping-device\\\","
  connect_props = common "\\\"sdkVersion\\\":\\\"azure-iot-device/1.18.2 (node v18.17.0; Ubuntu 22.04; x64)\\\",\\\"protocol\\\":\\\"Mqtt\\\"," auth ",\\\"maskedIpAddress\\\":\\\"52.226.8.XXX\\\",\\\"statusCode\\\":null,\\\"errorMessage\\\":\\\"\\\""
  drop_props = common "\\\"protocol\\\":\\\"Mqtt\\\"," auth ",\\\"maskedIpAddress\\\":\\\"52.226.8.XXX\\\",\\\"statusCode\\\":\\\"404\\\",\\\"errorMessage\\\":\\\"Device disconnected, see cause and resolution at https://aka.ms/iothub404104\\\""
  t = 1763596800  # 2025-11-20T00:00:00Z
  for (i = 0; i < drops; i++) {
    print "{\"time\":\"" iso(t) "\",\"resourceId\":\"" resource "\",\"operationName\":\"deviceConnect\",\"category\":\"Connections\",\"level\":\"Information\",\"properties\":\"{" connect_props "}\",\"location\":\"westeurope\"}"
    t += 1 + int(-20 * log(1 - rand()))
    print "{\"time\":\"" iso(t) "\",\"resourceId\":\"" resource "\",\"operationName\":\"deviceDisconnect\",\"category\":\"Connections\",\"level\":\"Error\",\"resultType\":\"404104\",\"resultDescription\":\"DeviceConnectionClosedRemotely\",\"properties\":\"{" drop_props "}\",\"location\":\"westeurope\"}"
    t += 1 + int(rand() * 10)
  }
}
