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
