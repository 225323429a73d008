"""The site's own pages and page furniture: the last-reviewed line and description
(:mod:`.pagemeta`), the generated warnings table (:mod:`.warnings_page`) and the
navigation part of the site index (:mod:`.navigation`)."""
