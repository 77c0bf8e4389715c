"""The self-contained HTML export: structure, embedded data, and escaping of hostile text."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import hubwidgets
from hubwidgets.export import hub_page_data, to_html


def embedded(page: str, element_id: str) -> str:
    match = re.search(rf'<script type="[^"]+" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return match.group(1)


def test_page_embeds_the_hub_and_the_widget_front_end(bundled):
    page = bundled.to_html("domain-training")
    data = json.loads(embedded(page, "hw-data"))
    hub = bundled.hub("domain-training")
    assert [n["id"] for n in data["state"]["notes"]] == [n.id for n in hub.notes]
    assert set(data["answers"]["notes"]) == {n.id for n in hub.notes}
    assert all("html" in a for a in data["answers"]["notes"].values())
    assert data["answers"]["graph"]["nodes"]
    assert "export default { render }" in embedded(page, "hw-hub-js")
    # nothing to fetch: no external script, stylesheet, image or font
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', page)
    assert "@import" not in page and "url(http" not in page
    assert "default-src 'none'" in page
    # readable without JavaScript too: sections as <details>
    assert page.count("<details") >= hub.n_sections


def test_hostile_text_stays_data(make_catalog):
    payload = '</script><script>window.__pwned=1</script><!--'
    root = make_catalog(
        notes={"x": {"title": payload, "summary": payload, "tags": [payload],
                     "body": f"{payload}\n\n<img src=x onerror=alert(1)>"}},
        hubs={"h": {"title": payload, "description": payload,
                    "sections": [{"title": payload, "notes": ["x"]}]}})
    page = hubwidgets.load(root).to_html("h")
    # the only <script> elements are the three the page itself defines
    assert page.count("<script") == 3 and page.count("</script>") == 3
    data = json.loads(embedded(page, "hw-data"))
    assert data["state"]["notes"][0]["title"] == payload
    body_html = data["answers"]["notes"]["x"]["html"]
    assert "onerror" not in body_html and "<script" not in body_html
    assert "<title>&lt;/script&gt;" in page


def test_cli_export_html(tmp_path):
    out = tmp_path / "site" / "hub.html"
    done = subprocess.run([sys.executable, "-m", "hubwidgets", "export-html", "domain-training",
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = subprocess.run([sys.executable, "-m", "hubwidgets", "export-html", "domain-trainin",
                          "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Did you mean 'domain-training'?" in bad.stderr


def test_index_of_every_note(bundled):
    data = hub_page_data(bundled, None)
    assert len(data["state"]["notes"]) == len(bundled)


def test_unknown_hub_fails_before_writing(bundled, tmp_path):
    with pytest.raises(hubwidgets.UnknownNameError):
        bundled.export_html("nope", tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()
    assert to_html(bundled, "domain-training").count("<main") == 1
