"""Execute one notebook headless in the project's tslab kernel and write the executed copy.

    .venv/bin/python render/run_notebook.py IN.ipynb OUT.ipynb [--timeout SECONDS]

The kernel runs with the project root as its working directory (cells import ./src/...).
Progress goes to stderr as one JSON object per line: {"event": "cell", "index", "seconds"}.
On a cell error the executed copy is still written, a JSON line {"event": "error",
"cell", "ename", "evalue", "lines"} is printed and the exit status is 3.

tslab reports some errors only as stderr text, so a cell that wrote to stderr and whose
text looks like a TypeScript or runtime error also counts as failed.
"""
import json
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ERROR_TEXT = re.compile(r"(^|\n)\s*(\d+:\d+ - .*|[A-Za-z]*Error: .*|Uncaught .*)")


def emit(obj):
    sys.stderr.write(json.dumps(obj) + "\n")
    sys.stderr.flush()


def stderr_error(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            text = out.get("text", "")
            if ERROR_TEXT.search(text):
                return text
    return None


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


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    src, dst = argv[1], argv[2]
    timeout = 300
    if "--timeout" in argv:
        timeout = int(argv[argv.index("--timeout") + 1])
    nb = nbformat.read(src, as_version=4)
    client = Client(nb, timeout=timeout, kernel_name="tslab", allow_errors=False,
                    resources={"metadata": {"path": "."}})
    status = 0
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as err:
        index = client.current_index
        text = str(err)
        emit({"event": "error", "cell": index, "ename": getattr(err, "ename", type(err).__name__),
              "evalue": getattr(err, "evalue", ""), "lines": text.strip().splitlines()[:12]})
        status = 3
    nbformat.write(nb, dst)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
