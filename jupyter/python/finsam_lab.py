"""JupyterLab in one language: a contents manager that shows one language's markdown cells.

The notebooks keep both languages in one file (markdown cells whose first line is
``<!-- lang: sv -->`` or ``<!-- lang: en -->``); the render step reads that file and lays out
each language from it, so the file stays the one source. In the lab an analyst reads one
language: on load this manager leaves out the markdown cells of the other language
(``FINSAM_LANG``, default ``sv``), and on save it puts them back from the file on disk, each
after the visible cell it followed. Nothing is kept in server memory or in the notebook's
metadata, so a restarted server or a second browser tab saves the same file.

Saving writes only when the merged notebook differs from the file on disk, and then in the
file's own JSON style (one-space indent, non-ASCII kept, sources as single strings if the
file had them, key order of the file), so a load and save with no edit leaves the file
byte-identical and an edit gives a diff of the edited cell only.

Why a contents manager rather than hiding cells in the browser (a JupyterLab extension that
collapses them) or two notebooks per chapter: a frontend extension needs a build step and
still lets Run All, search and the table of contents see both languages; two files per
chapter would be two sources that drift apart. The contents manager is plain Python,
configured in ``jupyter/config/jupyter_server_config.py`` (on the config path that
``bin/jupyter-env.js`` sets), and leaves the render and the tests, which read the files
directly, untouched.
"""
from __future__ import annotations

import difflib
import json
import os
import re
from typing import Any

import nbformat
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from traitlets import Unicode, default, validate, TraitError

LANGS = ("sv", "en")
# The same rule as render/notebook.ts (LANG_MARKER): the marker on the first line.
LANG_MARKER = re.compile(r"^\s*<!--\s*lang:\s*([a-z]+)\s*-->")


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def cell_language(cell: dict) -> str | None:
    """The language of a markdown cell by its marker; None for code cells and unmarked cells."""
    if cell.get("cell_type") != "markdown":
        return None
    m = LANG_MARKER.match(_source(cell))
    return m.group(1) if m else None


def is_hidden(cell: dict, lang: str) -> bool:
    other = cell_language(cell)
    return other is not None and other != lang


def visible_cells(cells: list, lang: str) -> list:
    return [c for c in cells if not is_hidden(c, lang)]


def _key(cell: dict) -> str:
    cid = cell.get("id")
    return f"id:{cid}" if cid else f"src:{cell.get('cell_type')}:{_source(cell)}"


def merge_cells(disk_cells: list, shown_cells: list, lang: str) -> list:
    """The shown cells with the other language's cells of the file put back.

    Each hidden cell goes right after the visible cell it followed in the file, found in
    the shown cells by id (or by source for cells without ids, positionally for edited
    ones); if that cell was deleted, after the nearest earlier one that is still there.
    """
    vis_idx = [i for i, c in enumerate(disk_cells) if not is_hidden(c, lang)]
    disk_keys = [_key(disk_cells[i]) for i in vis_idx]
    shown_keys = [_key(c) for c in shown_cells]
    to_shown: dict[int, int] = {}  # position among the file's visible cells -> index in shown
    matcher = difflib.SequenceMatcher(a=disk_keys, b=shown_keys, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            for k in range(a1 - a0):
                to_shown[a0 + k] = b0 + k
    after: dict[int, list] = {}  # shown index (-1 = before all) -> hidden cells in file order
    last_visible = -1  # position among the file's visible cells
    for i, cell in enumerate(disk_cells):
        if not is_hidden(cell, lang):
            last_visible += 1
            continue
        anchor = -1
        for v in range(last_visible, -1, -1):
            if v in to_shown:
                anchor = to_shown[v]
                break
        after.setdefault(anchor, []).append(cell)
    merged = list(after.get(-1, []))
    for j, cell in enumerate(shown_cells):
        merged.append(cell)
        merged.extend(after.get(j, []))
    return merged


def _normalized(nb: dict) -> str:
    """The notebook's content for comparison: multi-line strings joined, keys sorted."""

    def join(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: join(v) for k, v in value.items()}
        if isinstance(value, list) and value and all(isinstance(x, str) for x in value):
            return "".join(value)
        if isinstance(value, list):
            return [join(x) for x in value]
        return value

    return json.dumps(join(nb), sort_keys=True, ensure_ascii=False)


def _ordered_like(value: Any, template: Any) -> Any:
    """`value` with its dict keys in the order of `template` (the file), others after, sorted."""
    if isinstance(value, dict):
        tmpl = template if isinstance(template, dict) else {}
        keys = [k for k in tmpl if k in value] + sorted(k for k in value if k not in tmpl)
        return {k: _ordered_like(value[k], tmpl.get(k)) for k in keys}
    return value


def _file_style(text: str | None) -> dict:
    if text is None:
        return {"join_sources": True, "newline": True, "template": None}
    data = json.loads(text)
    sources = [c.get("source") for c in data.get("cells", [])]
    return {
        "join_sources": all(isinstance(s, str) for s in sources),
        "newline": text.endswith("\n"),
        "template": data,
    }


def dumps_like(nb: dict, disk_text: str | None) -> str:
    """The notebook as JSON in the style of the file it replaces (see the module docstring)."""
    style = _file_style(disk_text)
    tmpl = style["template"] or {}
    cell_templates: dict = {}
    for c in tmpl.get("cells", []):
        cell_templates.setdefault(c.get("cell_type"), c)
    out = {k: v for k, v in nb.items() if k != "cells"}
    out = _ordered_like(out, tmpl)
    cells = []
    for c in nb.get("cells", []):
        c = dict(c)
        if style["join_sources"] and isinstance(c.get("source"), list):
            c["source"] = "".join(c["source"])
        cells.append(_ordered_like(c, cell_templates.get(c.get("cell_type"))))
    keys = list(out.keys())
    ordered = {}
    # "cells" where the file has it (first in files written by Jupyter and by this project).
    tmpl_keys = list(tmpl.keys()) if tmpl else ["cells"]
    for k in tmpl_keys:
        if k == "cells":
            ordered["cells"] = cells
        elif k in out:
            ordered[k] = out[k]
    for k in keys:
        if k not in ordered:
            ordered[k] = out[k]
    if "cells" not in ordered:
        ordered = {"cells": cells, **ordered}
    text = json.dumps(ordered, indent=1, ensure_ascii=False)
    return text + "\n" if style["newline"] else text


class LanguageContentsManager(AsyncLargeFileManager):
    """Notebooks in one language in the lab, both languages in the file."""

    lang = Unicode(help="Language whose markdown cells the lab shows (sv or en); default FINSAM_LANG, else sv.").tag(config=True)

    @default("lang")
    def _default_lang(self) -> str:
        return os.environ.get("FINSAM_LANG") or "sv"

    @validate("lang")
    def _check_lang(self, proposal):
        if proposal["value"] not in LANGS:
            raise TraitError(f"FINSAM_LANG={proposal['value']!r}: use sv or en")
        return proposal["value"]

    async def get(self, path, content=True, type=None, format=None, require_hash=False):
        model = await super().get(path, content=content, type=type, format=format, require_hash=require_hash)
        if model.get("type") == "notebook" and model.get("content"):
            nb = model["content"]
            nb.cells = visible_cells(nb.cells, self.lang)
        return model

    def _disk_text(self, os_path: str) -> str | None:
        if not os.path.isfile(os_path):
            return None
        with open(os_path, encoding="utf-8") as f:
            return f.read()

    async def save(self, model, path=""):
        if model.get("type") != "notebook" or "content" not in model:
            return await super().save(model, path)
        path = path.strip("/")
        os_path = self._get_os_path(path)
        disk_text = self._disk_text(os_path)
        content = dict(model["content"])
        # The server marks code cells `trusted` on load and drops the mark on save; drop it
        # here too, so that it does not count as an edit.
        cells = []
        for c in content.get("cells", []):
            meta = c.get("metadata") or {}
            if "trusted" in meta:
                c = {**c, "metadata": {k: v for k, v in meta.items() if k != "trusted"}}
            cells.append(c)
        content["cells"] = cells
        if disk_text is not None:
            disk = json.loads(disk_text)
            content["cells"] = merge_cells(disk.get("cells", []), list(content.get("cells", [])), self.lang)
            if _normalized(content) == _normalized(disk):
                # Nothing changed: leave the file (and its bytes) alone.
                self.run_pre_save_hooks(model=model, path=path)
                out = await self.get(path, content=False)
                self.run_post_save_hooks(model=out, os_path=os_path)
                return out
        return await super().save({**model, "content": content}, path)

    async def _save_notebook(self, os_path, nb, capture_validation_error=None):
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError as e:
            if capture_validation_error is not None:
                capture_validation_error["ValidationError"] = e
        text = dumps_like(nb, self._disk_text(os_path))
        with self.atomic_writing(os_path, encoding="utf-8") as f:
            f.write(text)
