"""Start the Gradio server: theme, stylesheet, login and the security middleware in one place.

``serve`` and the browser tests both call ``launch``, so what the tests drive is
exactly what users get. Around Gradio's app, outermost first:

* ``SecurityHeaders`` (``ui/headers.py``): no framing, no sniffing, no referrer to other sites;
* Starlette's ``CORSMiddleware`` allowing no other origin, in place of Gradio's, which
  grants credentials to any ``localhost`` port (and to any origin behind a host name);
* ``CrossSiteGuard`` (``ui/csrf.py``): requests other sites make the browser send are refused;
* ``LoginGate`` (``ui/gate.py``): sessions, their expiry, session-hash owners, admin-only monitoring.

Gradio adds its CORS middleware inside ``launch``, so the stack is rearranged right
after the server starts, before it is handed to anyone (``_harden``).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # offline: no usage pings

import gradio as gr  # noqa: E402
from gradio.route_utils import CustomCORSMiddleware  # noqa: E402
from starlette.applications import Starlette  # noqa: E402
from starlette.middleware import Middleware  # noqa: E402

from index.filemodes import PRIVATE_UMASK  # noqa: E402
from ui.csrf import CrossSiteGuard  # noqa: E402
from ui.gate import LoginGate  # noqa: E402
from ui.headers import SecurityHeaders, cors_middleware  # noqa: E402
from ui.service import CopilotService  # noqa: E402
from ui.throttle import LoginThrottle, make_auth  # noqa: E402

STATIC = Path(__file__).parent / "static"
LOGIN_MESSAGE = "Policy Copilot. Sign in with the account your administrator set up for you."


def theme() -> gr.themes.Base:
    """Plain, high-contrast, system fonts (nothing fetched from the internet), GOV.UK-like colours."""
    return gr.themes.Base(
        primary_hue=gr.themes.colors.green,
        neutral_hue=gr.themes.colors.gray,
        font=("Arial", "Helvetica", "sans-serif"),
        font_mono=("ui-monospace", "Consolas", "monospace"),
        radius_size=gr.themes.sizes.radius_sm,
    ).set(
        body_text_color="#0b0c0c",
        body_text_color_subdued="#505a5f",
        link_text_color="#1d70b8",
        link_text_color_visited="#4c2c92",
        button_primary_background_fill="#00703c",
        button_primary_background_fill_hover="#005a30",
        button_primary_text_color="#ffffff",
        button_secondary_background_fill="#f3f2f1",
        button_secondary_background_fill_hover="#dbdad9",
        button_secondary_text_color="#0b0c0c",
        button_cancel_background_fill="#d4351c",
        button_cancel_background_fill_hover="#aa2a16",
        button_cancel_text_color="#ffffff",
        block_border_color="#b1b4b6",
        input_border_color="#0b0c0c",
        input_border_color_focus="#0b0c0c",
        input_shadow_focus="0 0 0 3px #ffdd00",
        error_text_color="#d4351c",
    )


def _harden(app: Starlette) -> None:
    """Replace Gradio's CORS middleware with ours (see the module docstring); rebuilt on the next request."""
    kinds = [m.cls for m in app.user_middleware]
    if CustomCORSMiddleware not in kinds:
        raise RuntimeError("Gradio no longer adds CustomCORSMiddleware; review ui/launch.py:_harden before upgrading.")
    at = kinds.index(CustomCORSMiddleware)
    ours = [Middleware(SecurityHeaders), cors_middleware(), Middleware(CrossSiteGuard)]
    app.user_middleware[at:at + 1] = ours
    app.middleware_stack = None  # Starlette builds the stack again, from user_middleware, on the next call


def launch(demo: gr.Blocks, service: CopilotService, host: str, port: int, block: bool = True) -> None:
    """Serve ``demo``; with a users file, Gradio's login plus ``LoginGate`` guard every route."""
    os.umask(PRIVATE_UMASK)  # whatever Gradio and the libraries write from now on is owner-only
    users = service.users
    ui = service.settings.ui
    gate = Middleware(LoginGate, enabled=users is not None, users=users, session_s=ui.session_hours * 3600,
                      idle_s=ui.session_idle_minutes * 60)
    demo.queue(default_concurrency_limit=2)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=make_auth(users, LoginThrottle()) if users is not None else None,
        auth_message=LOGIN_MESSAGE,
        app_kwargs={"middleware": [gate]},
        prevent_thread_lock=True,
        show_error=False,
        quiet=not block,
        footer_links=[],
        mcp_server=False,
        run_history=False,
        ssr_mode=False,
        max_file_size=f"{ui.max_upload_mb}mb",
        theme=theme(),
        css_paths=[STATIC / "app.css"],
        head=f"<script>{(STATIC / 'app.js').read_text(encoding='utf-8')}</script>",
    )
    _harden(demo.server_app)
    if block:
        demo.block_thread()
