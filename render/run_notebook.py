"""Execute notebooks headless in the project's tslab kernel and write the executed copies.

    .venv/bin/python render/run_notebook.py IN.ipynb OUT.ipynb [IN2 OUT2 ...] [--timeout SECONDS]

Notebooks run one after another, each in a fresh kernel; the next notebook's kernel is
started while the current one runs, and one Python process serves them all (its start-up
costs more than a second). The kernel runs with the project root as its working directory
(cells import ./src/...).

Progress goes to stderr as one JSON object per line, each with "notebook" (0-based position):
  {"event": "start", "notebook", "cells": N, "code_cells": M}
  {"event": "cell", "notebook", "index": I, "seconds": S}     (I: 0-based index among all cells)
  {"event": "done", "notebook", "seconds": S}
  {"event": "retry", "notebook", "lines"}   (a source file changed while tslab compiled; run once more)
On a cell error or timeout the executed copy is still written, a JSON line {"event": "error",
"notebook", "cell", "ename", "evalue", "lines"} is printed ("lines": the first lines of the error,
without the cell source and without Node/tslab internals), later notebooks are not run and the
exit status is 3. SIGINT/SIGTERM shut the kernels down before exiting (status 130).

tslab reports some errors only as stderr text, so a cell that wrote to stderr and whose
text looks like a TypeScript or runtime error also counts as failed.
"""
import asyncio
import json
import os
import re
import signal
import sys
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ERROR_TEXT = re.compile(r"(^|\n)\s*(\d+:\d+ - .*|[A-Za-z]*Error: .*|Uncaught .*)")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
INTERNAL_FRAME = re.compile(r"^\s+at .*(node:|node_modules/tslab/|sigintHandlersWrap|runInThisContext)")
MAX_LINES = 12


def emit(obj):
    # The reader may be gone (render interrupted); cleaning up the kernels matters more.
    try:
        sys.stderr.write(json.dumps(obj) + "\n")
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        pass


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
    def __init__(self, *args, notebook=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_index = None
        self.notebook = notebook

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        t0 = time.time()
        self.current_index = cell_index
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if cell.get("cell_type") == "code":
            text = stderr_error(cell)
            if text is not None:
                raise CellExecutionError(text, "StderrError", text.strip().splitlines()[0] if text.strip() else "")
            emit({"event": "cell", "notebook": self.notebook, "index": cell_index,
                  "seconds": round(time.time() - t0, 3)})
        return result


def die_with_parent():
    """In the kernel's process before exec: Linux kills it when this runner dies, however
    the runner ends (tslab does not watch its parent the way ipykernel does)."""
    try:
        import ctypes
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except Exception:
        pass


def kernel_env(k):
    """The kernel's environment: with FINSAM_WARNINGS_DIR set (by the render), notebook k's
    warnings go to DIR/k.jsonl (src/data/warnings.ts appends there), so each notebook's
    warnings can be reported on their own."""
    env = dict(os.environ)
    d = env.get("FINSAM_WARNINGS_DIR")
    if d:
        env["FINSAM_WARNINGS_FILE"] = os.path.join(d, f"{k}.jsonl")
    return env


def clear_warnings(k):
    d = os.environ.get("FINSAM_WARNINGS_DIR")
    if d and os.path.exists(os.path.join(d, f"{k}.jsonl")):
        os.remove(os.path.join(d, f"{k}.jsonl"))


async def start_kernel(k=0):
    km = AsyncKernelManager(kernel_name="tslab")
    await km.start_kernel(cwd=os.getcwd(), env=kernel_env(k), preexec_fn=die_with_parent if sys.platform == "linux" else None)
    return km


async def stop_kernel(km):
    try:
        if await km.is_alive():
            await km.shutdown_kernel(now=True)
    finally:
        await km.cleanup_resources()


async def run_one(k, src, dst, km, timeout):
    """Executes one notebook in the given kernel; returns an error event or None."""
    t0 = time.time()
    nb = nbformat.read(src, as_version=4)
    emit({"event": "start", "notebook": k, "cells": len(nb.cells),
          "code_cells": sum(1 for c in nb.cells if c.cell_type == "code")})
    client = Client(nb, km=km, notebook=k, timeout=timeout, kernel_name="tslab", allow_errors=False,
                    resources={"metadata": {"path": "."}})
    failure = None
    try:
        await client.async_execute(cleanup_kc=False)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        index = client.current_index
        cell = nb.cells[index] if index is not None and index < len(nb.cells) else None
        if isinstance(err, CellTimeoutError):
            lines = [f"Timeout: the cell ran longer than {timeout} s"]
        else:
            lines = error_lines(cell, err)
        failure = {"event": "error", "notebook": k, "cell": index,
                   "ename": getattr(err, "ename", type(err).__name__),
                   "evalue": getattr(err, "evalue", ""), "lines": lines}
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        nbformat.write(nb, dst)
    if failure is None:
        emit({"event": "done", "notebook": k, "seconds": round(time.time() - t0, 3)})
    return failure


def source_changed(failure):
    """tslab's compiler watches the sources it loaded; an edit while it compiles breaks it."""
    return failure is not None and any("rebuildTimer" in line for line in failure.get("lines", []))


async def run_all(pairs, timeout):
    loop = asyncio.get_running_loop()
    main = asyncio.current_task()

    def on_signals():
        # nbclient replaces these while a notebook runs (it stops that kernel) and removes
        # them afterwards, so they are set again before each notebook.
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, main.cancel)

    on_signals()
    pending = asyncio.ensure_future(start_kernel(0))
    km = None
    k = 0
    try:
        for k, (src, dst) in enumerate(pairs):
            km = await pending
            pending = asyncio.ensure_future(start_kernel(k + 1)) if k + 1 < len(pairs) else None
            failure = await run_one(k, src, dst, km, timeout)
            on_signals()
            await stop_kernel(km)
            km = None
            if source_changed(failure):
                # A source file changed during the compile (someone editing): once more, fresh.
                emit({"event": "retry", "notebook": k, "lines": failure["lines"][:1]})
                clear_warnings(k)
                km = await start_kernel(k)
                failure = await run_one(k, src, dst, km, timeout)
                on_signals()
                await stop_kernel(km)
                km = None
            if failure is not None:
                emit(failure)
                return 3
        return 0
    except asyncio.CancelledError:
        emit({"event": "interrupted"})
        return 130
    except Exception as err:  # kernel spec missing, kernel failing to start, ...
        emit({"event": "error", "notebook": k, "cell": None, "ename": type(err).__name__,
              "evalue": str(err), "lines": [f"{type(err).__name__}: {err}"]})
        return 3
    finally:
        if km is not None:
            await stop_kernel(km)
        if pending is not None:
            try:
                await stop_kernel(await pending)
            except Exception:
                pass


def main(argv):
    args = argv[1:]
    timeout = 300
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = int(args[i + 1])
        del args[i:i + 2]
    if len(args) < 2 or len(args) % 2:
        sys.stderr.write(__doc__)
        return 2
    pairs = list(zip(args[0::2], args[1::2]))
    return asyncio.run(run_all(pairs, timeout))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
