"""Execute one notebook headless in the project's tslab kernel and write the executed copy.

    .venv/bin/python render/run_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS]

The kernel runs with the project root as its working directory (cells import ./src/...).
Progress goes to stderr as one JSON object per line:
  {"event": "start", "cells": N, "code_cells": M}
  {"event": "cell", "index": I, "seconds": S}          (I: 0-based index among all cells)
On a cell error or timeout the executed copy is still written, a JSON line {"event": "error",
"cell", "ename", "evalue", "lines"} is printed ("lines": the first lines of the error, without
the cell source and without Node/tslab internals) and the exit status is 3.

tslab reports some errors only as stderr text, so a cell that wrote to stderr and whose
text looks like a TypeScript or runtime error also counts as failed. SIGTERM shuts the kernel
down before exiting, so an interrupted render leaves no kernel behind.
"""
import json
import re
import signal
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ERROR_TEXT = re.compile(r"(^|\n)\s*(\d+:\d+ - .*|[A-Za-z]*Error: .*|Uncaught .*)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
INTERNAL_FRAME = re.compile(r"^\s+at .*(node:|node_modules/tslab/|sigintHandlersWrap|runInThisContext)")
MAX_LINES = 12


def emit(obj):
    sys.stderr.write(json.dumps(obj) + "\n")
    sys.stderr.flush()


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def stderr_error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            text = text_of(out.get("text"))
            if ERROR_TEXT.search(text):
                return text
    return None


def error_lines(cell, err):
    """What went wrong, for a person: the cell's error output or stderr, internals removed."""
    texts = []
    for out in cell.get("outputs", []) if cell else []:
        if out.get("output_type") == "error":
            texts.append("\n".join(out.get("traceback") or []) or f"{out.get('ename')}: {out.get('evalue')}")
        elif out.get("output_type") == "stream" and out.get("name") == "stderr":
            texts.append(text_of(out.get("text")))
    if not texts:
        texts.append(str(err))
    lines = [ANSI.sub("", l).rstrip() for l in "\n".join(texts).splitlines()]
    lines = [l for l in lines if l.strip() and not INTERNAL_FRAME.match(l)]
    # Start at the first line that names the error; keep the preamble only when it quotes
    # the failing line of the cell (tslab prints "evalmachine.<anonymous>:N", code, "^").
    for i, line in enumerate(lines):
        if ERROR_TEXT.search("\n" + line):
            quoted = i >= 3 and lines[i - 3].startswith("evalmachine.<anonymous>")
            lines = lines[i - 3:] if quoted else lines[i:]
            break
    return lines[:MAX_LINES]


class Client(NotebookClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_index = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        t0 = time.time()
        self.current_index = cell_index
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell.get("cell_type") == "code":
            text = stderr_error(cell)
            if text is not None:
                raise CellExecutionError(text, "StderrError", text.strip().splitlines()[0] if text.strip() else "")
            emit({"event": "cell", "index": cell_index, "seconds": round(time.time() - t0, 3)})
        return result


def interrupt(signum, frame):
    raise KeyboardInterrupt()


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    src, dst = argv[1], argv[2]
    timeout = 300
    if "--timeout" in argv:
        timeout = int(argv[argv.index("--timeout") + 1])
    signal.signal(signal.SIGTERM, interrupt)
    nb = nbformat.read(src, as_version=4)
    emit({"event": "start", "cells": len(nb.cells),
          "code_cells": sum(1 for c in nb.cells if c.cell_type == "code")})
    client = Client(nb, timeout=timeout, kernel_name="tslab", allow_errors=False,
                    resources={"metadata": {"path": "."}})
    status = 0
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        index = client.current_index
        cell = nb.cells[index] if index is not None and index < len(nb.cells) else None
        if isinstance(err, CellTimeoutError):
            lines = [f"Timeout: the cell ran longer than {timeout} s"]
        else:
            lines = error_lines(cell, err)
        emit({"event": "error", "cell": index, "ename": getattr(err, "ename", type(err).__name__),
              "evalue": getattr(err, "evalue", ""), "lines": lines})
        status = 3
    except KeyboardInterrupt:
        emit({"event": "interrupted", "cell": client.current_index})
        status = 130
    nbformat.write(nb, dst)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
