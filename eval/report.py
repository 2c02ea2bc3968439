"""report.md and report.html: headline table with CIs, paired differences, per-type breakdown,
cost, drafting, and per-question detail with every unsupported sentence and its reason.

The HTML is the Markdown rendered by markdown-it-py (tables on) with a small
stylesheet; figures are PNG files next to it, linked from both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval import plots
from eval.aggregate import REFERENCE, estimate
from eval.bootstrap import Estimate
from eval.metrics import DRAFTING, HEADLINE, METRICS

TYPE_METRICS = ["hit_at_5", "fact_recall", "supported", "refusal_accuracy"]
CSS = """body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid #ccc;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f3f3f3}img{max-width:100%}code{background:#f6f6f6}"""


def cell(est: Estimate, metric: str, signed: bool = False) -> str:
    """'0.82 [0.71, 0.91]' (two decimals for shares, fewer for tokens and seconds)."""
    if est.value is None:
        return "—"
    digits = 2 if METRICS[metric].percent or metric.endswith("_s") else 0
    sign = "+" if signed else ""
    text = f"{est.value:{sign}.{digits}f}"
    if est.low is not None and est.high is not None:
        text += f" [{est.low:{sign}.{digits}f}, {est.high:{sign}.{digits}f}]"
    return text


def _with_n(est: Estimate, metric: str, questions: int) -> str:
    """The cell, plus how many questions it rests on when that is not all of them."""
    text = cell(est, metric)
    return text if est.value is None or est.n == questions else f"{text} · n={est.n}"


def _md_escape(text: str, limit: int = 0) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if not limit or len(text) <= limit else text[: limit - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]


def _verdict(diff: Estimate, metric: str) -> str:
    if not diff.excludes_zero() or diff.value is None or abs(diff.value) < METRICS[metric].negligible:
        return ""
    better = (diff.value > 0) == METRICS[metric].higher_is_better
    return " **better**" if better else " **worse**"


def headline(summary: dict[str, Any], metrics: Sequence[str]) -> list[str]:
    systems = list(summary["systems"])
    shown = [m for m in metrics if any(estimate(summary["systems"][s]["overall"].get(m)).value is not None
                                       for s in systems)]
    rows = [[METRICS[m].label] + [_with_n(estimate(summary["systems"][s]["overall"].get(m)), m,
                                          summary["systems"][s]["n"]) for s in systems]
            for m in shown]
    lines = _table(["metric"] + [f"{s} (n={summary['systems'][s]['n']})" for s in systems], rows)
    if summary["diffs"]:
        baselines = list(summary["diffs"])
        lines += [(f"Paired difference **{REFERENCE} − baseline** on the same questions (bootstrap 95% CI); "
                   "**better**/**worse** when the interval excludes 0:"), ""]
        rows = [[METRICS[m].label] + [cell(estimate(summary["diffs"][b].get(m)), m, signed=True)
                                      + _verdict(estimate(summary["diffs"][b].get(m)), m) for b in baselines]
                for m in shown]
        lines += _table(["metric"] + [f"vs {b}" for b in baselines], rows)
    return lines


def by_type(summary: dict[str, Any]) -> list[str]:
    systems = list(summary["systems"])
    types = sorted({t for s in systems for t in summary["systems"][s]["by_type"]})
    lines: list[str] = []
    for metric in TYPE_METRICS:
        rows = []
        for t in types:
            ests = [estimate(summary["systems"][s]["by_type"].get(t, {}).get(metric)) for s in systems]
            if all(e.value is None for e in ests):
                continue
            rows.append([t, str(max(e.n for e in ests))] + [cell(e, metric) for e in ests])
        lines += [f"**{METRICS[metric].label}**", ""] + _table(["type", "n"] + systems, rows)
    return lines


def cost(summary: dict[str, Any]) -> list[str]:
    rows = []
    for name, data in summary["systems"].items():
        lat = data["latency"]
        fmt = lambda v: "—" if v is None else f"{v:.2f}"
        rows.append([name, cell(estimate(data["overall"].get("prompt_tokens")), "prompt_tokens"),
                     cell(estimate(data["overall"].get("completion_tokens")), "completion_tokens"),
                     cell(estimate(data["overall"].get("first_token_s")), "first_token_s"),
                     fmt(lat["p50"]), fmt(lat["p95"]), fmt(lat["max"]), str(data["errors"])])
    return _table(["system", "prompt tokens", "completion tokens", "first token (s)", "latency p50 (s)",
                   "p95 (s)", "max (s)", "errors"], rows)


def judge_section(summary: dict[str, Any], judge_model: str | None) -> list[str]:
    if not judge_model:
        return ["No LLM judge in this run (add `--judge local` or `--judge openai`).", ""]
    rows = []
    for name, data in summary["systems"].items():
        o, agree = data["overall"], data.get("judge") or {}
        k = agree.get("kappa")
        rows.append([name, cell(estimate(o.get("supported")), "supported"),
                     cell(estimate(o.get("judge_supported")), "judge_supported"),
                     cell(estimate(o.get("judge_agreement")), "judge_agreement"), "—" if k is None else f"{k:.2f}"]
                    + [str(agree.get(key, "—")) for key in ("both_supported", "checker_only", "judge_only",
                                                             "neither", "unparsed")])
    return [(f"Judge: `{judge_model}`, temperature 0, verdicts cached by (model, prompt). It sees each sentence "
             "with only the passages that sentence cites; uncited sentences are unsupported for both. Counts are "
             "cited sentences."), ""] + _table(
        ["system", "supported (checker)", "supported (judge)", "agreement", "Cohen's κ", "both yes",
         "checker only", "judge only", "both no", "judge unparsed"], rows)


def _qa_cell(row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    if row.get("error"):
        return "ERROR"
    facts = row["facts"]
    parts = ["refused" if row["refused"] else "answered"]
    if facts:
        parts.append(f"facts {sum(facts.values())}/{len(facts)}")
    if row["sentences"]:
        parts.append(f"sup {sum(s['supported'] for s in row['sentences'])}/{len(row['sentences'])}")
    if row["kind"] == "qa" and row["metrics"].get("hit_at_1", (0, 0))[1]:
        parts.append(f"gold@{row['gold_rank']}" if row["gold_rank"] else "gold missed")
    return " · ".join(parts)


def per_question(rows: Sequence[dict[str, Any]], systems: Sequence[str], kind: str) -> list[str]:
    mine = [r for r in rows if r["kind"] == kind]
    index = {(r["system"], r["id"]): r for r in mine}
    ids = list(dict.fromkeys(r["id"] for r in mine))
    types = {r["id"]: r["type"] for r in mine}
    questions = {r["id"]: r["question"] for r in mine}
    table = [[i, types[i], _md_escape(questions[i], 70)] + [_qa_cell(index.get((s, i))) for s in systems] for i in ids]
    return _table(["id", "type", "question"] + list(systems), table)


def flagged(rows: Sequence[dict[str, Any]], limit: int = 60) -> list[str]:
    """Every unsupported sentence (up to ``limit``) with the checker's reason."""
    items = [(r, s) for r in rows for s in r["sentences"] if not s["supported"]]
    lines = [f"{len(items)} unsupported sentence(s) in all.", ""]
    table = [[r["system"], r["id"], _md_escape(s["text"], 160), _md_escape(s["reason"])] for r, s in items[:limit]]
    if len(items) > limit:
        table.append(["…", "", f"{len(items) - limit} more in results.jsonl", ""])
    return lines + (_table(["system", "id", "sentence", "why"], table) if table else [])


def problems(rows: Sequence[dict[str, Any]]) -> list[str]:
    errors = [f"- `{r['system']}` {r['id']}: {_md_escape(r['error'])}" for r in rows if r.get("error")]
    warnings = sorted({w for r in rows for w in r.get("warnings", [])})
    lines = (errors or ["- none"]) + ["", "Dataset warnings:", ""] + ([f"- {w}" for w in warnings] or ["- none"])
    return lines + [""]


def definitions(metrics: Sequence[str]) -> list[str]:
    return [f"- **{METRICS[m].label}**: {METRICS[m].definition}." for m in metrics if m in METRICS] + [""]


def write_report(out_dir: Path, summary: dict[str, Any], rows: Sequence[dict[str, Any]]) -> tuple[Path, Path]:
    """Write plots, report.md and report.html into ``out_dir``."""
    info, qa, drafting = summary["run"], summary["qa"], summary.get("drafting")
    systems = list(qa["systems"])
    plots.metric_bars(qa, [m for m in HEADLINE if METRICS[m].percent], out_dir / "metrics.png", "Answers")
    plots.per_type(qa, TYPE_METRICS, out_dir / "by_type.png")
    plots.latency_histogram([r for r in rows if r["kind"] == "qa"], systems, out_dir / "latency.png")
    lines = [f"# Policy Copilot evaluation — {info['started']}", "",
             (f"Dataset `{info['dataset']}` ({qa['n']} questions, sha256 `{info['dataset_sha256'][:12]}`) · "
              f"LLM `{info['llm']}` · code `{info['git']}` · bootstrap {info['resamples']} resamples, seed "
              f"{info['seed']} · results: `results.jsonl` (one line per system and question)."), ""]
    if info.get("rescored"):
        lines += [(f"Answers re-checked on {info['rescored']} with the checker of code `{info['git_rescore']}` "
                  "(`eval report --rescore`); judge verdicts carried over by sentence."), ""]
    lines += [f"- **{name}**: {desc}" for name, desc in info["systems"].items()] + [""]
    if info.get("notes"):
        lines += [f"> {note}" for note in info["notes"]] + [""]
    if summary.get("gate"):
        gate = summary["gate"]
        lines += ["## Release gate", "", "**PASS**" if gate["passed"] else "**FAIL**", ""]
        lines += [f"- {c}" for c in gate["checks"]] + [""]
    lines += ["## Headline", ""] + headline(qa, HEADLINE) + ["![metrics](metrics.png)", ""]
    lines += ["## By question type", ""] + by_type(qa) + ["![by type](by_type.png)", ""]
    lines += ["## Faithfulness: checker and judge", ""] + judge_section(qa, info.get("judge"))
    if info.get("verifier"):
        lines += ["## The verifier itself", "", info["verifier"], ""]
    lines += ["## Cost", "", ("Systems run one after another: on a shared machine a latency difference can be a "
                              "load difference. Token counts are as the LLM server reports them."), ""]
    lines += cost(qa) + ["![latency](latency.png)", ""]
    if drafting and drafting["systems"]:
        plots.metric_bars(drafting, [m for m in DRAFTING if METRICS[m].percent], out_dir / "drafting.png",
                          "Leave-one-out drafting")
        lines += ["## Leave-one-out drafting", "",
                  (f"`{info.get('drafting_dataset')}`: each LegCo question part is drafted with its own reply "
                   "document (where the record names one) excluded from retrieval; fact recall counts "
                   "`recoverable_from_other_docs`."), ""]
        lines += headline(drafting, DRAFTING) + ["![drafting](drafting.png)", ""]
        lines += per_question(rows, list(drafting["systems"]), "drafting")
    lines += ["## Per question", "",
              ("`facts` must-include facts found · `sup` sentences supported by their own citations · "
               "`gold@r` rank of the first passage holding the gold quote."), ""]
    lines += per_question(rows, systems, "qa")
    lines += ["## Unsupported sentences", ""] + flagged(rows)
    lines += ["## Errors and warnings", ""] + problems(rows)
    lines += ["## Metric definitions", ""] + definitions(list(dict.fromkeys(HEADLINE + DRAFTING + ["hit_at_1"])))
    markdown = "\n".join(lines)
    md_path, html_path = out_dir / "report.md", out_dir / "report.html"
    md_path.write_text(markdown, encoding="utf-8")
    html_path.write_text(to_html(markdown, f"Policy Copilot evaluation {info['started']}"), encoding="utf-8")
    return md_path, html_path


def to_html(markdown: str, title: str) -> str:
    from html import escape

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)  # answers are data, not HTML
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")
