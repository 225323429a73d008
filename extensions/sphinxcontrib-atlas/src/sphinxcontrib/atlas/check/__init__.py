"""``make check``: the store and the pages checked in seconds, without a Sphinx build.

Run as ``python -m sphinxcontrib.atlas.check --root .``.  It reports, as
``file:line: [atlas.<subtype>] message``:

* every store problem the build would warn about (the same code: :mod:`..citations.store`);
* citation keys used in pages (roles and pathway edges) that are not in the store, and
  malformed citation roles;
* entity declarations with bad options, declared twice or sharing an alias; ``{ent}``
  links, pathway nodes and edge contexts that name no entity; bad or repeated pathway
  names (:mod:`.crossrefs`), each at the line the build reports it, with a "did you mean";
* content pages without ``summary`` or ``last-reviewed`` front matter; changelog
  entries (``change``) without a date or text, or naming a page that does not exist;
* disease and mechanism pages citing fewer distinct references than :data:`.rules.MIN_REFERENCES`
  asks (drafts excepted);
* pathway lines the build would refuse (the pathway parser's own problems);
* "approved" claims that do not name the agency or country and the year (:mod:`.integrity`);

and lists store entries that no page cites (information, not an error).  Exit status 1
when anything but the information was reported.  Pages are read with MyST's own parser
(:mod:`.markdown`), so code spans and code blocks are never mistaken for roles.
"""

from .pages import check_pages, main

__all__ = ["check_pages", "main"]
