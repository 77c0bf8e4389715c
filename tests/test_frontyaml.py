"""frontyaml.load_yaml gives exactly what PyYAML's safe C loader gives."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwidgets.frontyaml import _Loader, load_yaml

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.floats(allow_nan=False), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)


def _stock(text):
    try:
        return ("ok", yaml.load(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return ("error", type(exc))


def _ours(text):
    try:
        return ("ok", load_yaml(text))
    except yaml.YAMLError as exc:
        return ("error", type(exc))


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([False, True]))
def test_dumped_documents_load_the_same(value, flow):
    text = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    assert _ours(text) == _stock(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab:- \n[]{},'\"#1.", max_size=40))
def test_any_text_loads_the_same_or_fails_the_same(text):
    assert _ours(text) == _stock(text)


# Plain scalars of every implicit kind YAML 1.1 resolves (and near misses), as front matter has them.
PLAIN = ["", "~", "null", "Null", "NULL", "nul", "yes", "No", "ON", "off", "y", "n", "true", "False",
         "0", "-12", "+3", "0x1F", "0o17", "017", "0b101", "1_000", "190:20:30", "1.5", "-.5", ".inf",
         "-.Inf", ".NaN", "1e3", "6.8523015e+5", "2026-12-04", "2026-12-04 15:30:00",
         "2026-12-04T15:30:00.5Z", "2026-13-45", "=", "<<", "<", "reward models", "12 notes",
         "n000001-id", "#tag", "v1.2.3", "1:2", "-", "yes please"]


@given(st.one_of(st.sampled_from(PLAIN), st.text(alphabet="0123456789.-+:eE_xob~nNyYtTfF =<",
                                                   max_size=12)))
@settings(max_examples=300, deadline=None)
def test_plain_scalars_resolve_to_the_same_tags(text):
    """The fast resolver of the lean path gives every plain and quoted scalar PyYAML's tag."""
    def outcome(load, doc):
        try:
            return ("ok", load(doc))
        except (yaml.YAMLError, ValueError) as exc:  # "2026-13-45" is a timestamp of month 13
            return ("error", type(exc))

    for doc in (f"k: {text}\n", f"k: '{text}'\n", f"- {text}\n", f"[{text}]\n"):
        assert outcome(load_yaml, doc) == outcome(lambda d: yaml.load(d, Loader=_Loader), doc)
