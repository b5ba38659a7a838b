"""notebooks/error_analysis.ipynb: committed without outputs, and runs top to bottom on a sample."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.slow  # see README: the quick subset leaves these out

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "error_analysis.ipynb"
SAMPLE = "12"  # 1 row in 12: the same cells, in seconds


def test_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code
    assert all(cell.outputs == [] and cell.execution_count is None for cell in code)


def test_notebook_runs_top_to_bottom(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.setenv("HORSEMEN_NOTEBOOK_SAMPLE", SAMPLE)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()

    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [output for output in outputs if output.output_type == "error"]
    text = "\n".join(output.get("text", "") + str(output.get("data", {}).get("text/plain", "")) for output in outputs)
    assert "macro-F1" in text and "false positive" in text and "Brier" in text
    figures = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(figures) >= 3  # length histogram, learning curve, calibration
