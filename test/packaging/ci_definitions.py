"""Checks the CI definitions against the scripts they run: the GitHub composite
action (ci/github-action/action.yml) and the Azure Pipelines template
(ci/azure-pipelines/iothub-diag.yml) parse, use only the inputs or parameters
they declare, run scripts that exist in ci/scripts/, pass only variables those
scripts read, and upload the HTML page even when the analysis failed.
Usage: python3 ci_definitions.py SOURCE_DIR"""
import pathlib
import re
import sys

import yaml

root = pathlib.Path(sys.argv[1])
scripts = root / "ci" / "scripts"
problems = []


def check_step(where, step, declared, reference):
    text = yaml.safe_dump(step)
    for name in re.findall(reference + r"\.([A-Za-z0-9_-]+)", text):
        if name not in declared:
            problems.append(f"{where}: {reference}.{name} is not declared")
    for script in re.findall(r"/(?:\.\./)?scripts/([a-z_]+\.sh)", text):
        if not (scripts / script).is_file():
            problems.append(f"{where}: runs ci/scripts/{script}, which does not exist")
    read = "".join(p.read_text() for p in scripts.glob("*.sh"))
    for variable in (step.get("env") or {}):
        if variable.startswith("IOTHUB_DIAG") and variable not in read:
            problems.append(f"{where}: passes {variable}, which no script reads")


action = yaml.safe_load((root / "ci/github-action/action.yml").read_text())
if action["runs"]["using"] != "composite":
    problems.append("action.yml: not a composite action")
steps = action["runs"]["steps"]
for index, step in enumerate(steps):
    check_step(f"action.yml step {index + 1}", step, action["inputs"], "inputs")
    if "run" in step and step.get("shell") != "bash":
        problems.append(f"action.yml step {index + 1}: a run step without shell: bash")
upload = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
if len(upload) != 1 or "always()" not in str(upload[0].get("if", "")):
    problems.append("action.yml: no actions/upload-artifact step under always()")
for name, output in action["outputs"].items():
    if "steps.analyze.outputs." + name not in output["value"]:
        problems.append(f"action.yml: output {name} is not the analyze step's")

template = yaml.safe_load((root / "ci/azure-pipelines/iothub-diag.yml").read_text())
parameters = {p["name"]: p for p in template["parameters"]}
for index, step in enumerate(template["steps"]):
    check_step(f"iothub-diag.yml step {index + 1}", step, parameters, "parameters")
publish = [s for s in template["steps"] if str(s.get("task", "")).startswith("PublishPipelineArtifact")]
if len(publish) != 1 or publish[0].get("condition") != "always()":
    problems.append("iothub-diag.yml: no PublishPipelineArtifact step under always()")
if parameters["failOn"]["values"] != ["info", "warning", "error", "never"]:
    problems.append("iothub-diag.yml: failOn does not take the severities of --fail-on")

for problem in problems:
    print("FAIL " + problem)
if not problems:
    print(f"ok   action.yml ({len(steps)} steps) and iothub-diag.yml ({len(template['steps'])} steps)")
sys.exit(1 if problems else 0)
