#!/usr/bin/env bash
# Loads HTML reports in headless Chromium and checks the DOM it builds: the
# samples' page shows every finding's title and an <svg> chart, and a fleet
# with hostile ids (written by the test binary) injects no element or
# attribute. Without Chromium it skips (exit 77), except under CI (CI set).
set -u
binary=$1
tests=$2
root=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ -n "${CI:-}" ]; then
    echo "FAIL chromium is not installed (scripts/setup.sh installs it)"
    exit 1
  fi
  echo "SKIP chromium is not installed (scripts/setup.sh installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root" || exit 2

dump() {
  # A fresh profile each time, so no state leaks between runs or users.
  "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
    --dump-dom "file://$1" 2>/dev/null
}

"$binary" analyze samples/logs --format html -o "$work/samples.html" >/dev/null 2>&1
"$binary" analyze samples/logs --format json -o "$work/samples.json" >/dev/null 2>&1
dump "$work/samples.html" >"$work/samples.dom"
IOTHUB_DIAG_HOSTILE_HTML="$work/hostile.html" "$tests" "[.hostile-html]" >/dev/null
dump "$work/hostile.html" >"$work/hostile.dom"

python3 - "$work" <<'PY'
import html.parser, json, sys
work = sys.argv[1]

class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.text = [], [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.lower().startswith("on")]
    def handle_data(self, data):
        self.text.append(data)

def parse(name):
    dom = Dom()
    with open(f"{work}/{name}", encoding="utf-8") as f:
        dom.feed(f.read())
    return dom

status = 0
def check(ok, message):
    global status
    print(("ok   " if ok else "FAIL ") + message)
    if not ok:
        status = 1

samples = parse("samples.dom")
text = " ".join(samples.text)
with open(f"{work}/samples.json", encoding="utf-8") as f:
    report = json.load(f)
check(len(samples.tags) > 100, "samples: Chromium built a DOM")
for finding in report["findings"]:
    check(finding["title"] in text, f"samples: the page shows '{finding['title']}'")
check("svg" in samples.tags, "samples: the page holds an <svg> chart")
check(samples.tags.count("script") == 1, "samples: one <script>, the report's own")

hostile = parse("hostile.dom")
check(len(hostile.tags) > 100, "hostile ids: Chromium built a DOM")
check(hostile.tags.count("script") == 1, "hostile ids: no <script> besides the report's own")
check("img" not in hostile.tags, "hostile ids: no <img>")
check("b" not in hostile.tags, "hostile ids: no <b> from an id")
check(not hostile.handlers, f"hostile ids: no on* attribute ({hostile.handlers[:3]})")
check("<script>alert(1)</script>" in " ".join(hostile.text), "hostile ids: the id shows as text")
sys.exit(status)
PY
