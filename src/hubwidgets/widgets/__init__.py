"""Jupyter widgets of hubwidgets: :class:`HubWidget` shows a hub, every note, or one note."""

from .hub import HubWidget

__all__ = ["HubWidget"]
