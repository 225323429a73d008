"""The page rules ``make check`` enforces, as data: CONTRIBUTING's rule table and the
templates are tested against these values, so the documents cannot drift from the code."""

from __future__ import annotations

from ..site.pagemeta import DRAFT_STATUS

#: folders of docs/ whose pages (other than index.md) are content pages
CONTENT_SECTIONS = ("diseases", "mechanisms", "molecules", "cells", "therapies", "models", "about")
#: front matter every content page carries
REQUIRED_FRONT_MATTER = ("summary", "last-reviewed")
#: distinct references a page of the section must cite (unless it is a draft)
MIN_REFERENCES = {"diseases": 8, "mechanisms": 6}
#: ``status: draft`` (DRAFT_STATUS) marks a page still being written: it builds, shows
#: readers a "draft" notice, and is exempt from the minimum number of references
__all__ = ["CONTENT_SECTIONS", "DRAFT_STATUS", "MIN_REFERENCES", "REQUIRED_FRONT_MATTER"]
