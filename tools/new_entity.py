#!/usr/bin/env python3
"""Write a minimal, valid page for a new entity: ``make entity ID=CCL5 KIND=molecule``.

For the molecule, cell, therapy or model a new page needs before anyone has written its
page: the stub declares the entity (so ``{ent}`CCL5``` and pathway nodes resolve), is
marked ``status: draft`` (readers see a "Draft" notice), and is added to its section's
toctree. Fill it in from the matching template when you can; until then it builds warning-
free. Optional: ``LABEL="C-C motif chemokine ligand 5"``, ``SHORT=CCL5``,
``COMPARTMENT=extracellular`` (molecules only).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = {"molecule": "molecules", "cell": "cells", "therapy": "therapies", "model": "models",
            "disease": "diseases", "mechanism": "mechanisms"}
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+\-/]*$")
COMPARTMENTS = ("extracellular", "membrane", "cytoplasm", "nucleus")


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "entity"


def stub(entity_id: str, kind: str, label: str, short: str, compartment: str, today: date) -> str:
    options = [f":kind: {kind}", f":label: {label}"]
    if short and short != label:
        options.append(f":short: {short}")
    if compartment:
        options.append(f":compartment: {compartment}")
    body = "\n".join(options)
    return (
        "---\n"
        "summary: >-\n"
        f"  {label}: an atlas page still to be written. It declares the {kind} so that other pages\n"
        "  and pathway diagrams can link it.\n"
        f"last-reviewed: {today.isoformat()}\n"
        "status: draft\n"
        "---\n\n"
        f"# {label}\n\n"
        f"```{{entity}} {entity_id}\n{body}\n```\n\n"
        "This page has not been written yet. The pages that mention it are listed above.\n"
    )


def add_to_toctree(index: Path, name: str) -> bool:
    text = index.read_text(encoding="utf-8")
    match = re.search(r"```\{toctree\}\n(?:[^\n]*\n)*?```", text)
    if match is None or re.search(rf"^{re.escape(name)}$", match.group(0), re.M):
        return False
    block = match.group(0)
    index.write_text(text.replace(block, block[:-3] + f"{name}\n```"), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make entity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--id", required=True)
    parser.add_argument("--kind", required=True, choices=sorted(SECTIONS))
    parser.add_argument("--label", default="")
    parser.add_argument("--short", default="")
    parser.add_argument("--compartment", default="", choices=("", *COMPARTMENTS))
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    if not ID_RE.match(args.id):
        parser.error(f"{args.id!r} is not a valid entity id (letters, digits and - _ . + /)")
    if args.compartment and args.kind != "molecule":
        parser.error("COMPARTMENT applies to molecules only")
    docs = args.root / "docs"
    for existing in docs.rglob("*.md"):
        if re.search(rf"^```\{{entity\}} {re.escape(args.id)}\s*$", existing.read_text(encoding="utf-8"), re.M):
            print(f"{args.id} is already declared in {existing.relative_to(args.root)}; link it with {{ent}}`{args.id}`")
            return 1
    section = docs / SECTIONS[args.kind]
    page = section / f"{slug(args.id)}.md"
    if page.exists():
        print(f"{page.relative_to(args.root)} already exists; choose another id or edit that page")
        return 1
    page.write_text(stub(args.id, args.kind, args.label or args.id, args.short, args.compartment, date.today()),
                    encoding="utf-8")
    print(f"wrote {page.relative_to(args.root)}")
    if add_to_toctree(section / "index.md", page.stem):
        print(f"added {page.stem} to {(section / 'index.md').relative_to(args.root)}")
    print("next: run `make check` and `make html`; fill the page in from templates/ when you can")
    return 0


if __name__ == "__main__":
    sys.exit(main())
