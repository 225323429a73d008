"""The accessibility harness itself: axe-core runs in chromium and reports what it must."""

from __future__ import annotations

import pytest
from conftest import axe_violations

pytestmark = pytest.mark.browser


def test_axe_finds_a_real_violation_and_passes_a_clean_page(page, axe_script):
    page.set_content('<!doctype html><html lang="en"><head><title>t</title></head>'
                     '<body><main><h1>Title</h1><img src="x.png"></main></body></html>')
    found = axe_violations(page, axe_script)
    assert [v["id"] for v in found] == ["image-alt"] and found[0]["impact"] == "critical"
    page.set_content('<!doctype html><html lang="en"><head><title>t</title></head>'
                     '<body><main><h1>Title</h1><img src="x.png" alt="A figure"></main></body></html>')
    assert axe_violations(page, axe_script) == []
