"""``python -m policy_copilot_cli``: the same command as the ``policy-copilot`` script."""

from policy_copilot_cli.app import app

app()
