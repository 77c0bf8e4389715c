"""Safe YAML for front matter and hub files: limits on nesting and aliases, and a lean builder.

``load_yaml`` gives exactly what ``yaml.load(text, Loader=CSafeLoader)`` gives. PyYAML's C
loader parses and composes in C but builds the Python objects in its generic Python
constructor, half the time of a front matter; documents without anchors, tags or merge keys
(every real front matter) are built here from the composed nodes directly, which takes a third
of that. Anything else goes through PyYAML's own constructor. While composing, libyaml asks the
loader's Python ``resolve`` for the tag of every node; :class:`_PlainLoader` answers from the same
implicit resolvers in a third of the time (PyYAML's generic one also walks path resolvers, which a
safe loader has none of).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # libyaml is ~10x faster; fall back to the pure-Python loader where it is missing
    _Loader: Any = yaml.CSafeLoader
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader
    _Dumper = yaml.SafeDumper

MAX_YAML_DEPTH = 50  # collections inside collections; real front matter uses 2 or 3
MAX_YAML_VALUES = 100_000  # values once YAML aliases are expanded
_INDICATORS = re.compile(r"[-:?][\s\x00]|[-:?]\Z")  # block indicators: what opens a block collection
_NEEDS_CONSTRUCTOR = re.compile(r"[&!]|<<")  # anchors, tags, merge keys: left to PyYAML's constructor
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_CONSTRUCTORS = _Loader.yaml_constructors
_IMPLICIT: dict = _Loader.yaml_implicit_resolvers  # first character -> [(tag, regexp)]


def _resolve(self: Any, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
    """``BaseResolver.resolve`` for a loader without path or wildcard resolvers: the same tags."""
    if kind is ScalarNode:
        if implicit[0]:
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _STR
    return _SEQ if kind is SequenceNode else _MAP


class _PlainLoader(_Loader):
    """The C safe loader with the fast :func:`_resolve` (used where it gives the same tags).

    With libyaml, only the parser is set up: the lean builder uses the constructor's scalar
    methods alone, which keep no state (``CSafeLoader.__init__`` also makes the constructor's and
    resolver's, a tenth of a front matter's time).
    """


if not _Loader.yaml_path_resolvers and None not in _IMPLICIT:  # else PyYAML's resolve is needed
    _PlainLoader.resolve = _resolve  # type: ignore[method-assign]
    _PlainLoader.descend_resolver = lambda self, parent, index: None  # type: ignore[method-assign]
    _PlainLoader.ascend_resolver = lambda self: None  # type: ignore[method-assign]
    if getattr(yaml, "CSafeLoader", None) is _Loader:  # CParser's own __init__, nothing else
        _PlainLoader.__init__ = _Loader.__mro__[1].__init__  # type: ignore[method-assign]


class YAMLLimitError(ValueError):
    """YAML that parses but is built to hurt: nested too deeply, or aliases that explode or loop."""


def load_yaml(text: str) -> Any:
    """Safe-load YAML with limits on nesting depth and alias expansion.

    libyaml's composer recurses without a bound (~50,000 nested ``[`` crash the interpreter),
    and a few lines of aliases ("billion laughs") expand to ~10^9 values, or refer to
    themselves, once anything walks the result (JSON, the converter). Raises
    :class:`YAMLLimitError` for those and :class:`yaml.YAMLError` for invalid YAML.
    """
    # Every collection needs one of these indicators, so their count bounds the depth; only
    # texts that could nest deeply pay for the (flat, event-based) depth check. Block indicators
    # are followed by white space (a hyphen inside an id is not one); a flow bracket counts
    # twice, for the single-pair mapping that ``[a: b]`` may open inside it.
    if len(_INDICATORS.findall(text)) + 2 * (text.count("[") + text.count("{")) > MAX_YAML_DEPTH:
        depth = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise YAMLLimitError(f"nested more than {MAX_YAML_DEPTH} levels deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    data = _load_plain(text) if _NEEDS_CONSTRUCTOR.search(text) is None else yaml.load(text, Loader=_Loader)
    if "*" in text and _expanded_size(data, {}, set()) > MAX_YAML_VALUES:
        raise YAMLLimitError(f"YAML aliases expand to more than {MAX_YAML_VALUES:,} values")
    return data


def _expanded_size(value: Any, sizes: dict[int, int], open_: set[int]) -> int:
    """How many values ``value`` holds with every alias expanded (shared parts counted once
    per use); raises :class:`YAMLLimitError` when a collection contains itself."""
    if not isinstance(value, (dict, list)):
        return 1
    key = id(value)
    if key in sizes:
        return sizes[key]
    if key in open_:
        raise YAMLLimitError("a YAML alias refers to the collection that contains it")
    open_.add(key)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    size = 1 + sum(_expanded_size(item, sizes, open_) for item in items)
    open_.discard(key)
    sizes[key] = size
    return size


def _load_plain(text: str) -> Any:
    """``yaml.load`` for a document without anchors, tags or merge keys (see the module doc)."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except (TypeError, KeyError):  # an unhashable key, an unknown tag: PyYAML says what
            return yaml.load(text, Loader=_Loader)
    finally:
        loader.dispose()


def _build(loader: Any, node: Any) -> Any:
    tag = node.tag
    kind = type(node)
    if kind is ScalarNode:
        return node.value if tag == _STR else _CONSTRUCTORS[tag](loader, node)
    if kind is MappingNode and tag == _MAP:
        out = {}
        for key, value in node.value:
            out[_build(loader, key)] = _build(loader, value)
        return out
    if kind is SequenceNode and tag == _SEQ:
        return [_build(loader, child) for child in node.value]
    raise KeyError(tag)
