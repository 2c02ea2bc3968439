"""Document metadata: title, date, kind, issuer and a short citation name.

Metadata is read from the corpus's ``SOURCES.md`` attribution table and, for
documents users add, from a sidecar ``<file>.meta.toml`` (which wins). A file
with neither still ingests, titled by its file name, so nothing is refused for
lack of paperwork.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.text import ISO_DATE

SOURCES_FILE = "SOURCES.md"
SIDECAR_SUFFIX = ".meta.toml"
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class DocumentMeta:
    """What a citation needs to say about a document."""

    doc: str  # file name, the document id
    title: str
    date: str = ""  # ISO: YYYY, YYYY-MM or YYYY-MM-DD
    kind: str = ""
    issuer: str = ""
    short: str = ""  # e.g. "Progress report (Jan 2025)", "LCQ20"
    groups: tuple[str, ...] = field(default_factory=tuple)  # empty: visible to everyone

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["groups"] = list(self.groups)
        return data


class MetadataError(ValueError):
    """A sidecar or SOURCES row that cannot be used as written."""


def human_date(iso: str) -> str:
    """'2025-01' -> 'Jan 2025'; '2025-03-19' -> '19 Mar 2025'."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def short_name(title: str, kind: str, date: str, doc: str) -> str:
    """A citation-sized name: the LCQ number if there is one, else kind and date."""
    lcq = re.match(r"\s*(LCQ\d+)", title)
    if lcq:
        return lcq.group(1)
    base = (kind or Path(doc).stem).strip()
    base = base[:1].upper() + base[1:]
    return f"{base} ({human_date(date)})" if date else base


def _validate_date(date: str, where: str) -> str:
    date = date.strip()
    if date and not ISO_DATE.match(date):
        raise MetadataError(f"{where}: date {date!r} is not ISO (YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


def parse_sources_table(text: str) -> dict[str, dict[str, str]]:
    """Rows of the markdown table whose header starts with 'file', keyed by file name."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            header = None if header and not line.strip() else header
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            if cells and cells[0].lower() == "file":
                header = [c.lower() for c in cells]
            continue
        if all(set(c) <= set("-: ") for c in cells):
            continue
        row = dict(zip(header, cells))
        rows[row["file"]] = row
    return rows


def _from_row(doc: str, row: dict[str, str], where: str) -> dict[str, object]:
    groups = row.get("groups", "")
    return {
        "title": row.get("title", "") or doc,
        "date": _validate_date(row.get("date", ""), where),
        "kind": row.get("kind", ""),
        "issuer": row.get("issued by", row.get("issuer", "")),
        "short": row.get("short", ""),
        "groups": tuple(g.strip() for g in groups.split(",") if g.strip())
        if isinstance(groups, str)
        else tuple(groups),
    }


def _read_sidecar(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MetadataError(f"{path.name}: not valid TOML ({exc})") from exc
    unknown = set(data) - {"title", "date", "kind", "issuer", "short", "groups"}
    if unknown:
        raise MetadataError(f"{path.name}: unknown keys {sorted(unknown)}")
    if "date" in data:
        data["date"] = _validate_date(str(data["date"]), path.name)
    if "groups" in data:
        groups = data["groups"]
        data["groups"] = tuple([groups] if isinstance(groups, str) else groups)
    return data


class MetadataCatalog:
    """Looks up a document's metadata from SOURCES.md and sidecars in its folder."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        sources = corpus_dir / SOURCES_FILE
        self._rows = parse_sources_table(sources.read_text(encoding="utf-8")) if sources.is_file() else {}

    def for_file(self, path: Path) -> DocumentMeta:
        doc = path.name
        fields: dict[str, object] = {"title": doc, "date": "", "kind": "", "issuer": "", "short": ""}
        if doc in self._rows:
            fields.update(_from_row(doc, self._rows[doc], f"{SOURCES_FILE} row {doc}"))
        sidecar = path.with_name(doc + SIDECAR_SUFFIX)
        if sidecar.is_file():
            fields.update(_read_sidecar(sidecar))
        if not fields.get("date"):
            guessed = re.match(r"(\d{4}-\d{2}(-\d{2})?)", doc)
            fields["date"] = guessed.group(1) if guessed else ""
        if not fields.get("short"):
            fields["short"] = short_name(
                str(fields["title"]), str(fields["kind"]), str(fields["date"]), doc
            )
        return DocumentMeta(doc=doc, **fields)  # type: ignore[arg-type]


def toml_string(value: str) -> str:
    """``value`` as one TOML basic string, whatever it holds: quotes, backslashes, line breaks
    and control characters are escaped (so a title can never add a key such as ``groups``);
    unpaired surrogates, which UTF-8 cannot store, are dropped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04x}")
        elif 0xD800 <= code <= 0xDFFF:
            continue
        else:
            out.append(ch)
    return "".join(out) + '"'


def write_sidecar(path: Path, meta: dict[str, object]) -> Path:
    """Write ``<file>.meta.toml`` for a user-added document (used by the UI upload)."""
    lines = []
    for key in ("title", "date", "kind", "issuer", "short"):
        value = str(meta.get(key) or "")
        if value:
            lines.append(f"{key} = {toml_string(value)}")
    groups = [str(g) for g in meta.get("groups") or []]  # type: ignore[union-attr]
    if groups:
        lines.append("groups = [" + ", ".join(toml_string(g) for g in groups) + "]")
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sidecar
