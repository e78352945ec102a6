#!/usr/bin/env python3
"""Checks that what the docs and the code comments cite still exists.

Usage: scripts/check-doc-references.py [ROOT]   (ROOT defaults to the repository)

It reads every Markdown file (README.md, docs/, the READMEs beside code) and
the comments of the sources (C++ `//` and `/* */`, `#` in shell, Python and
CMake files), and checks:

1. Repository paths: a word that starts with one of the top-level folders
   (src/ include/ test/ docs/ scripts/ bench/ fuzz/ samples/ .ci/) must name
   a file or folder under ROOT. A word preceded by `/`, `.` or a letter is not
   one (`../test/data`, `https://host/src/x`, `build/fuzz/x` are relative to
   elsewhere or not in the repository). Skipped on purpose, since they are
   not one path: words holding a placeholder or a pattern (`<`, `>`, `*`,
   `?`, `{`, `}`, `$`, `%`, `...`, `NNN`), since they name a family of files,
   and paths into `node_modules`, which scripts/setup.sh installs. A path
   without an extension that is not a folder (`test/support/log_builder`)
   names a header and source pair: it passes when a file of that stem exists.
   A word that starts with a layer's folder and ends in `.cpp` or `.hpp`
   (`input/record_fields.cpp`, `model/skip_reason.hpp`) is the short form the
   docs use for a layer's files: it must exist under src/, under
   include/<layer>/iothub_diag/, or under test/.
   A name placed with its file, `` `kSkipReasons` (`model/skip_reason.hpp`) ``,
   must also appear in that file (any of them, when the short form matches
   several), so a table or function that moves is caught too.
2. Sections of Markdown files: `FILE.md section N` and `FILE.md sections N
   and M` need a heading numbered N in FILE; `FILE.md "Title"` and `FILE.md,
   section "Title"` need a heading that holds Title; a link or a word
   `FILE.md#anchor` (and `(#anchor)` inside a Markdown file) needs a heading
   whose GitHub anchor is `anchor`. FILE is a path from ROOT (docs/X.md) or,
   for a bare name (ARCHITECTURE.md), the file of that name in docs/ or at
   ROOT; a FILE.md that exists nowhere is reported as a missing path.

Test data and expected outputs (samples/expected/, test/golden/, test/data/)
are data, not docs: only their README.md files are read. Build folders are not
read. Prints one `file:line: problem` per
broken reference and exits 1 when there is any.
"""

import os
import re
import sys

TOP_FOLDERS = ("src", "include", "test", "docs", "scripts", "bench", "fuzz", "samples", ".ci")
SKIPPED_DIRS = {".git", "node_modules"}
DATA_DIRS = ("samples/expected/", "test/golden/", "test/data/")
CODE_SUFFIXES = {".cpp", ".hpp", ".h", ".cc"}
HASH_COMMENT_SUFFIXES = {".sh", ".py", ".cmake", ".awk"}
PLACEHOLDER = re.compile(r"[<>*?{}$%]|\.\.\.|NNN|node_modules")
LAYERS = ("core", "model", "input", "analysis", "rules", "report", "workspace", "app", "simulate")
LAYER_PATH = re.compile(r"(?<![\w./\-])((%s)/[\w/\-]+\.[ch]pp)(?![\w.])" % "|".join(LAYERS))

PATH = re.compile(r"(?<![\w./\-])((?:%s)/[\w./<>*?{}$%%+\-]*)(#[\w\-]+)?"
                  % "|".join(re.escape(folder) for folder in TOP_FOLDERS))
MD_FILE = r"((?:[\w.\-]+/)*[\w.\-]+\.md)"
NUMBERED_SECTION = re.compile(MD_FILE + r",?\s+sections?\s+(\d+)((?:\s*(?:,|and)\s*\d+)*)")
TITLED_SECTION = re.compile(MD_FILE + r",?\s+(?:section\s+)?[\"“]([^\"”\n]+)[\"”]")
NAME_IN_FILE = re.compile(r"`([A-Za-z_][\w:]*)(?:\(\))?`\s+\(`((?:[\w\-]+/)+[\w\-]+\.[ch]pp)`\)")
LOCAL_ANCHOR = re.compile(r"\]\(#([\w\-]+)\)")
FILE_ANCHOR = re.compile(MD_FILE + r"#([\w\-]+)")


def is_build_dir(relative):
    first = relative.split("/", 1)[0]
    return first == "build" or first.startswith("build-")


def source_files(root):
    for folder, dirs, files in os.walk(root):
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        relative_folder = "" if relative_folder == "." else relative_folder
        dirs[:] = sorted(
            d for d in dirs
            if (f"{relative_folder}/{d}".lstrip("/") not in SKIPPED_DIRS and d not in SKIPPED_DIRS
                and not is_build_dir(f"{relative_folder}/{d}".lstrip("/"))))
        for name in sorted(files):
            relative = f"{relative_folder}/{name}".lstrip("/")
            if name == "README.md" or not relative.startswith(DATA_DIRS):
                yield relative


def comment_lines(relative, text):
    """(line number, text) of what is read: all of a Markdown file, the comments of code."""
    suffix = os.path.splitext(relative)[1]
    name = os.path.basename(relative)
    lines = text.split("\n")
    if suffix == ".md":
        return list(enumerate(lines, 1))
    result = []
    if suffix in CODE_SUFFIXES:
        in_block = False
        for number, line in enumerate(lines, 1):
            if in_block:
                end = line.find("*/")
                result.append((number, line if end < 0 else line[:end]))
                in_block = end < 0
                continue
            start = line.find("//")
            block = line.find("/*")
            if block >= 0 and (start < 0 or block < start):
                end = line.find("*/", block + 2)
                result.append((number, line[block + 2:] if end < 0 else line[block + 2:end]))
                in_block = end < 0
            elif start >= 0:
                result.append((number, line[start + 2:]))
        return result
    if suffix in HASH_COMMENT_SUFFIXES or name == "CMakeLists.txt" or (
            suffix == "" and text.startswith("#!")):
        for number, line in enumerate(lines, 1):
            stripped = line.lstrip()
            if stripped.startswith("#") and not stripped.startswith("#!"):
                result.append((number, stripped[1:]))
        return result
    return []


def github_anchor(heading):
    anchor = heading.strip().lower()
    anchor = re.sub(r"[^\w\- ]", "", anchor)
    return anchor.replace(" ", "-")


class Headings:
    def __init__(self, root):
        self.root = root
        self.cache = {}

    def of(self, path):
        if path not in self.cache:
            titles = []
            in_fence = False
            with open(os.path.join(self.root, path), encoding="utf-8") as file:
                for line in file:
                    if line.startswith("```"):
                        in_fence = not in_fence
                    elif not in_fence and re.match(r"#{1,6} ", line):
                        titles.append(line.lstrip("#").strip())
            self.cache[path] = titles
        return self.cache[path]


def read_text(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as file:
        return file.read()


def exists(root, path):
    full = os.path.join(root, path)
    if os.path.exists(full):
        return True
    if os.path.splitext(path)[1] or path.endswith("/"):
        return False
    folder = os.path.dirname(full)
    stem = os.path.basename(full) + "."
    return os.path.isdir(folder) and any(name.startswith(stem) for name in os.listdir(folder))


def resolve_markdown(root, citing, name):
    """The path from ROOT of a cited .md file, or None when it exists nowhere."""
    candidates = [name] if "/" in name else [f"docs/{name}", name,
                                              f"{os.path.dirname(citing)}/{name}".lstrip("/")]
    for candidate in candidates:
        if os.path.isfile(os.path.join(root, candidate)):
            return candidate
    return None


def check(root):
    problems = []
    headings = Headings(root)
    for relative in source_files(root):
        try:
            with open(os.path.join(root, relative), encoding="utf-8") as file:
                text = file.read()
        except (UnicodeDecodeError, OSError):
            continue
        is_markdown = relative.endswith(".md")
        for number, line in comment_lines(relative, text):
            where = f"{relative}:{number}"

            for match in PATH.finditer(line):
                path = match.group(1).rstrip(".,:;")
                if PLACEHOLDER.search(path):
                    continue
                if not exists(root, path):
                    problems.append(f"{where}: no such path: {path}")
                elif match.group(2) and path.endswith(".md"):
                    anchor = match.group(2)[1:]
                    if anchor not in {github_anchor(h) for h in headings.of(path)}:
                        problems.append(f"{where}: no section with anchor #{anchor} in {path}")

            for match in LAYER_PATH.finditer(line):
                path, layer = match.group(1), match.group(2)
                if not any(os.path.isfile(os.path.join(root, candidate)) for candidate in
                           (f"src/{path}", f"include/{layer}/iothub_diag/{path}", f"test/{path}")):
                    problems.append(f"{where}: no such file in src/, include/ or test/: {path}")

            for match in NAME_IN_FILE.finditer(line):
                name, path = match.group(1).split("::")[-1], match.group(2)
                layer = path.split("/", 1)[0]
                candidates = [path, f"src/{path}", f"include/{layer}/iothub_diag/{path}"]
                files = [c for c in candidates if os.path.isfile(os.path.join(root, c))]
                if files and not any(name in read_text(root, c) for c in files):
                    problems.append(f"{where}: {name} is not in {path}")

            for match in NUMBERED_SECTION.finditer(line):
                target = resolve_markdown(root, relative, match.group(1))
                if target is None:
                    problems.append(f"{where}: no such file: {match.group(1)}")
                    continue
                numbers = [match.group(2)] + re.findall(r"\d+", match.group(3))
                for section in numbers:
                    if not any(re.match(rf"{section}[.)\s]", h) for h in headings.of(target)):
                        problems.append(f"{where}: no section {section} in {target}")

            for match in TITLED_SECTION.finditer(line):
                target = resolve_markdown(root, relative, match.group(1))
                if target is None:
                    problems.append(f"{where}: no such file: {match.group(1)}")
                    continue
                title = match.group(2).strip().lower()
                if not any(title in h.lower() for h in headings.of(target)):
                    problems.append(f"{where}: no section \"{match.group(2)}\" in {target}")

            for match in FILE_ANCHOR.finditer(line):
                if match.start() > 0 and PATH.match(line, match.start()):
                    continue  # a repository path: checked above
                target = resolve_markdown(root, relative, match.group(1))
                if target is None:
                    problems.append(f"{where}: no such file: {match.group(1)}")
                elif match.group(2) not in {github_anchor(h) for h in headings.of(target)}:
                    problems.append(f"{where}: no section with anchor #{match.group(2)} in {target}")

            if is_markdown:
                for match in LOCAL_ANCHOR.finditer(line):
                    if match.group(1) not in {github_anchor(h) for h in headings.of(relative)}:
                        problems.append(f"{where}: no section with anchor #{match.group(1)}")
    return problems


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = check(os.path.abspath(root))
    for problem in problems:
        print(problem, flush=True)
    if problems:
        print(f"check-doc-references: {len(problems)} broken reference(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
