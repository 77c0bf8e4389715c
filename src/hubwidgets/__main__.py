"""``python -m hubwidgets``: the same as the ``hubwidgets`` command."""

from .cli import main

raise SystemExit(main())
