"""Puts one benchmark's section into docs/BENCHMARKS.md: replaces the section with that heading (up to the next
"## ") or appends it, leaving every other benchmark's section as it is.
Usage: python3 bench/write-section.py "## Heading" FILE_WITH_THE_WHOLE_SECTION"""
import os
import pathlib
import re
import sys

heading, section_file = sys.argv[1], sys.argv[2]
if os.environ.get("NURTURE_BENCH_SMOKE"):
    # bench/smoke.sh, as CI runs every bench: proves the bench runs; figures come only from full runs
    print("smoke run: docs/BENCHMARKS.md left as it was")
    sys.exit(0)
doc_path = pathlib.Path("docs/BENCHMARKS.md")
doc = doc_path.read_text(encoding="utf-8") if doc_path.exists() else ""
section = pathlib.Path(section_file).read_text(encoding="utf-8").rstrip("\n") + "\n\n"
pattern = re.compile(r"^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
if pattern.search(doc):
    doc = pattern.sub(lambda _: section, doc)
else:
    doc = (doc.rstrip("\n") or "# Benchmarks") + "\n\n" + section
doc_path.parent.mkdir(exist_ok=True)
doc_path.write_text(doc.rstrip("\n") + "\n", encoding="utf-8")
