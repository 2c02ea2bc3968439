"""The top layer: the ``policy-copilot`` command line (``policy_copilot_cli.app``).

Nothing imports this package; it imports ``ui``, ``eval``, ``rag``, ``index`` and ``core``.
"""
