"""Entities as records: the typed, immutable :class:`Entity` and the identifier tables.

Plain data, no Sphinx.  Kinds and compartments are the authoring vocabulary (see
CONTRIBUTING, "Entities"); identifiers (``:xref: hgnc:6019``) are validated against a
pattern per database and linked only when they match.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote

KINDS = ("molecule", "cell", "disease", "mechanism", "therapy", "model")
COMPARTMENTS = ("extracellular", "membrane", "cytoplasm", "nucleus")
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+\-/]*$")

# prefix -> (value pattern, URL template ({} = URL-quoted value), display name, shown prefix)
XREF_PREFIXES: dict[str, tuple[str, str, str, str]] = {
    "hgnc": (r"\d+", "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:{}", "HGNC", "HGNC:"),
    "uniprot": (
        r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(?:-\d+)?",
        "https://www.uniprot.org/uniprotkb/{}",
        "UniProt",
        "",
    ),
    "ncbigene": (r"\d+", "https://www.ncbi.nlm.nih.gov/gene/{}", "NCBI Gene", ""),
    "chebi": (r"\d+", "https://www.ebi.ac.uk/chebi/searchId.do?chebiId=CHEBI:{}", "ChEBI", "CHEBI:"),
    "drugbank": (r"DB\d{5}", "https://go.drugbank.com/drugs/{}", "DrugBank", ""),
    "mondo": (r"\d{7}", "https://purl.obolibrary.org/obo/MONDO_{}", "MONDO", "MONDO:"),
    "doid": (r"\d+", "https://purl.obolibrary.org/obo/DOID_{}", "Disease Ontology", "DOID:"),
    "nct": (r"NCT\d{8}", "https://clinicaltrials.gov/study/{}", "ClinicalTrials.gov", ""),
    "pubchem": (r"\d+", "https://pubchem.ncbi.nlm.nih.gov/compound/{}", "PubChem", "CID "),
    "cl": (r"\d{7}", "https://purl.obolibrary.org/obo/CL_{}", "Cell Ontology", "CL:"),
    "mesh": (r"[CDQ]\d{6,9}", "https://meshb.nlm.nih.gov/record/ui?ui={}", "MeSH", ""),
}
_XREF_RES = {prefix: re.compile(rf"^(?:{spec[0]})$") for prefix, spec in XREF_PREFIXES.items()}




class Entity(NamedTuple):
    """One declared entity (immutable; stored in the environment)."""

    id: str
    kind: str  # one of KINDS, or "" when the declaration's kind was missing or invalid
    label: str
    aliases: tuple[str, ...]
    compartment: str  # one of COMPARTMENTS or ""
    xrefs: tuple[tuple[str, str], ...]  # (prefix, value), in the order written
    docname: str
    lineno: int
    anchor: str
    short: str = ""  # the short display name readers know (gp130, RANKL); "" = use the label

    @property
    def display(self) -> str:
        """What a bare link, a diagram node and a table show: never the raw id when a
        label or short name is declared."""
        return self.short or self.label or self.id


def declaration_order(entity: Entity) -> tuple[str, int]:
    """Declaration order: the first declaration of an id or alias wins."""
    return entity.docname, entity.lineno


def xref_url(prefix: str, value: str) -> str | None:
    """URL of an external identifier, or None (unknown prefix or malformed value)."""
    pattern = _XREF_RES.get(prefix)
    if pattern is None or not pattern.match(value):
        return None
    return XREF_PREFIXES[prefix][1].format(quote(value, safe=""))


def xref_display(prefix: str, value: str) -> tuple[str, str]:
    """(database name, identifier as shown) for an identifier."""
    spec = XREF_PREFIXES.get(prefix)
    if spec is None:
        return prefix, value
    return spec[2], f"{spec[3]}{value}" if xref_url(prefix, value) else value


def normalise_xref(prefix: str, value: str) -> str:
    spec = XREF_PREFIXES.get(prefix)
    shown = spec[3].strip().rstrip(":") if spec else ""
    if shown and value.upper().startswith(shown.upper() + ":"):
        value = value[len(shown) + 1 :]
    return value
