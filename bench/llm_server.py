"""A standalone llama.cpp OpenAI-compatible server (xllamacpp) in its own process.

The ``openai`` backend is what a deployment uses: the app talks HTTP to an LLM
server pool. This starts one such server from a GGUF file, for the scale-out
test, for benchmarks, or for a small self-hosted pool; for production-size pools
run vLLM or llama.cpp's ``llama-server`` instead (see docs/deploy.md).

    .venv/bin/python -m bench.llm_server --gguf smollm2 --port 8000 --alias smollm2
    POLICY_COPILOT_LLM__BACKEND=openai POLICY_COPILOT_LLM__OPENAI_BASE_URL=http://127.0.0.1:8000/v1 \\
    POLICY_COPILOT_LLM__OPENAI_MODEL=smollm2 .venv/bin/policy-copilot ask "..."

Prints ``READY <base url>`` on stdout once the model is loaded, then serves
until it receives SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from core.config import load_settings
from rag.models import resolve_gguf


def serve(gguf: Path, host: str, port: int, alias: str, threads: int, context_tokens: int, parallel: int,
          api_key: str | None) -> None:
    import xllamacpp as xl

    params = xl.CommonParams()
    params.model.path = str(gguf)
    params.model_alias = {alias}  # the model id clients send and /v1/models reports
    params.n_ctx = context_tokens * parallel  # llama.cpp splits the context between slots
    params.n_parallel = parallel
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.hostnames = [host]
    params.port = port
    params.cache_prompt = True  # reuse the KV of the shared system prompt between requests
    params.verbosity = -1
    if api_key:
        params.api_keys = [api_key]
    server = xl.Server(params)
    print(f"READY {server.listening_address.rstrip('/')}/v1", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    del server


def main(argv: list[str] | None = None) -> None:
    settings = load_settings()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gguf", default=None, help="GGUF file or 'smollm2' (default: the bundled Qwen model)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 = any free port")
    parser.add_argument("--alias", default=None, help="model id to serve under (default: the file name)")
    parser.add_argument("--threads", type=int, default=settings.llm.threads)
    parser.add_argument("--context", type=int, default=settings.llm.context_tokens, help="tokens per slot")
    parser.add_argument("--parallel", type=int, default=1, help="requests decoded together (slots)")
    parser.add_argument("--api-key", default=None, help="require this bearer token")
    args = parser.parse_args(argv)
    gguf = resolve_gguf(Path(args.gguf) if args.gguf else None, settings.paths.cache_dir)
    serve(gguf, args.host, args.port, args.alias or gguf.name, args.threads, args.context, args.parallel,
          args.api_key)


if __name__ == "__main__":
    sys.exit(main())
