"""Adding and removing documents from the web app: corpus files + sidecars, then ingest.

An upload is checked in a staging folder first (supported type, readable text,
valid metadata), so a bad file never enters the corpus and never breaks the next
ingest: the user gets the loader's own message and the index stays as it was.
Ingest itself takes a file lock on the index folder, so the web app and a
``policy-copilot ingest`` in a terminal cannot write generations at the same time.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.cleaning import clean_text
from index.filemodes import private_dir, write_private
from index.ingest import IngestReport, ingest
from index.loaders import SUPPORTED_SUFFIXES, DocumentLoadError, load_file
from index.metadata import SIDECAR_SUFFIX, MetadataCatalog, MetadataError, write_sidecar
from index.store import Manifest
from core.config import Settings
from ui.access import AccessDenied, Viewer

ProgressFn = Callable[[float, str], None]
_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)
_RESERVED = {"sources.md", "readme.md"}


class UploadError(ValueError):
    """The file cannot be added; the message says why and what to do."""


@dataclass
class DocumentRow:
    """One line of the Documents screen."""

    doc: str
    title: str
    date: str
    kind: str
    issuer: str
    chunks: int
    groups: list[str]

    @classmethod
    def from_manifest(cls, doc: str, entry: dict[str, Any]) -> "DocumentRow":
        return cls(doc, str(entry.get("title") or doc), str(entry.get("date") or ""), str(entry.get("kind") or ""),
                   str(entry.get("issuer") or ""), int(entry.get("chunks") or 0), list(entry.get("groups") or []))


def visible_documents(manifest: Manifest, viewer: Viewer) -> list[DocumentRow]:
    """The indexed documents ``viewer`` may see, newest first."""
    rows = [DocumentRow.from_manifest(doc, entry) for doc, entry in manifest.documents.items()]
    return sorted((r for r in rows if viewer.may_see(r.groups)), key=lambda r: (r.date, r.title), reverse=True)


def safe_filename(name: str) -> str:
    """A plain file name for the corpus folder (no path, no shell or markup characters)."""
    base = Path(name.replace("\\", "/")).name.strip()
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base or base.lower() in _RESERVED or base.endswith(SIDECAR_SUFFIX):
        raise UploadError(f"{name!r} cannot be used as a document name; rename the file and upload it again.")
    return base[:150]


def parse_groups(text: str) -> list[str]:
    return sorted({g.strip() for g in re.split(r"[,;\s]+", text or "") if g.strip()})


class DocumentManager:
    """Changes the corpus folder on behalf of a viewer and rebuilds the index."""

    def __init__(self, settings: Settings, login_required: bool) -> None:
        self.settings = settings
        self.login_required = login_required
        settings.paths.index_dir.mkdir(parents=True, exist_ok=True)

    @property
    def corpus(self) -> Path:
        return self.settings.paths.corpus_dir

    def visible_file(self, viewer: Viewer, doc: str) -> Path | None:
        """The corpus file ``doc`` if it exists and ``viewer`` may see it (its sidecar decides)."""
        path = self.corpus / doc
        if not path.is_file():
            return None
        try:
            groups = MetadataCatalog(self.corpus).for_file(path).groups
        except MetadataError:
            groups = ("?",)  # unreadable metadata: treat as restricted
        return path if viewer.may_see(groups) else None

    def run_ingest(self, progress: ProgressFn | None = None) -> IngestReport:
        return ingest(self.settings, progress=progress, show_bar=False)  # ingest holds the index's lock

    def add(self, viewer: Viewer, upload: Path, meta: dict[str, Any],
            progress: ProgressFn | None = None) -> IngestReport:
        """Check ``upload`` and its metadata, copy both into the corpus, then ingest."""
        viewer.require_admin()
        name = safe_filename(str(meta.get("filename") or upload.name))
        if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UploadError(f"{name}: unsupported file type. Upload one of {', '.join(SUPPORTED_SUFFIXES)}.")
        limit = self.settings.ui.max_upload_mb * 1024 * 1024
        if upload.stat().st_size > limit:
            raise UploadError(
                f"{name} is over the {self.settings.ui.max_upload_mb} MB upload limit; split the document."
            )
        groups = list(meta.get("groups") or [])
        if self.login_required and groups and not (set(groups) & viewer.groups):
            raise AccessDenied(
                "You can restrict a document only to groups you belong to "
                f"({', '.join(sorted(viewer.groups)) or 'none'}); otherwise you could not see it yourself."
            )
        target = self.corpus / name
        if target.exists() and self.visible_file(viewer, name) is None:
            raise UploadError(f"A document named {name} already exists. Rename your file and upload it again.")
        fields = {k: str(meta.get(k) or "").strip() for k in ("title", "date", "kind", "issuer", "short")}
        with tempfile.TemporaryDirectory(prefix="policy-copilot-upload-") as staging:
            staged = Path(staging) / name
            shutil.copyfile(upload, staged)
            write_sidecar(staged, {**fields, "groups": groups})
            try:
                MetadataCatalog(Path(staging)).for_file(staged)
                if not clean_text(load_file(staged)).strip():
                    raise DocumentLoadError(f"{name}: no text left after cleaning.")
            except (DocumentLoadError, MetadataError) as exc:
                raise UploadError(f"{exc} Nothing was added; the index is unchanged.") from exc
            backup = Path(staging) / "previous"
            backup.mkdir()
            sidecar = target.with_name(name + SIDECAR_SUFFIX)
            for existing in (target, sidecar):
                if existing.exists():
                    shutil.copy2(existing, backup / existing.name)
            private_dir(self.corpus)  # uploaded documents may be restricted: owner-only, like the index
            for source, copy in ((staged, target), (staged.with_name(name + SIDECAR_SUFFIX), sidecar)):
                write_private(copy, source.read_bytes())
            report = self.run_ingest(progress)
            if name in report.failed:
                for existing in (target, sidecar):
                    existing.unlink(missing_ok=True)
                    kept = backup / existing.name
                    if kept.exists():
                        shutil.copy2(kept, existing)
                raise UploadError(f"{report.failed[name]} The file was not added.")
        return report

    def delete(self, viewer: Viewer, doc: str, progress: ProgressFn | None = None) -> IngestReport:
        viewer.require_admin()
        path = self.visible_file(viewer, doc)
        if path is None:
            raise UploadError(f"There is no document named {doc!r} in the collection.")
        path.unlink()
        path.with_name(path.name + SIDECAR_SUFFIX).unlink(missing_ok=True)
        return self.run_ingest(progress)

    def reindex(self, viewer: Viewer, progress: ProgressFn | None = None) -> IngestReport:
        """Pick up files placed in the corpus folder by hand (only changed ones are embedded)."""
        viewer.require_admin()
        return self.run_ingest(progress)
