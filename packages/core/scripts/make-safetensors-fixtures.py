#!/usr/bin/env python3
"""Writes the safetensors parity fixtures for @synth/core's file I/O tests.

Run by hand, outside CI, from the repository root:

    python3 packages/core/scripts/make-safetensors-fixtures.py

Unless it already runs inside it, the script creates a virtual environment at
/tmp/synth-fixtures-venv (or at $SYNTH_FIXTURES_VENV, outside the repository), pip-installs the
pinned `safetensors` and `numpy` below into it, and re-runs itself there. The fixtures committed in packages/core/src/io/__fixtures__/ were produced by exactly
that command with safetensors 0.8.0 and numpy 2.4.6 (CPython 3.11, little-endian x86-64).

Each `.safetensors` file is written by `safetensors.numpy.save_file` (BF16, which numpy lacks, goes
through the library's own `serialize_file` with a `TensorSpec`). `safetensors-fixtures.json` lists
what Python reads back from each file, so the TypeScript tests compare against Python's own view:
finite floats as JSON numbers, non-finite floats as the strings "NaN" / "Infinity" / "-Infinity",
I64 as decimal strings (they exceed 2**53), BOOL as 0/1, F16/BF16 as their raw uint16 bit patterns.

Python's safetensors stores `__metadata__` in a Rust HashMap, so with more than one metadata key the
key order in the header changes from run to run; the tests re-encode with the decoded key order.
"""
import json
import math
import os
import subprocess
import sys

PINNED = ["safetensors==0.8.0", "numpy==2.4.6"]
VENV = os.environ.get("SYNTH_FIXTURES_VENV", "/tmp/synth-fixtures-venv")
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "io", "__fixtures__")


def ensure_environment():
    """Re-executes this script inside the fixtures venv (with the pinned packages) unless it runs there."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "--quiet", *PINNED])
    os.execv(python, [python, os.path.abspath(__file__), *sys.argv[1:]])


def expected_values(array):
    """Flattened values of `array` as JSON-safe Python values (see the module docstring)."""
    import numpy as np

    flat = array.reshape(-1)
    if flat.dtype == np.bool_:
        return [int(v) for v in flat]
    if flat.dtype == np.int64:
        return [str(int(v)) for v in flat]
    if flat.dtype in (np.float16, np.uint16):
        return [int(v) for v in flat.view(np.uint16)]
    if flat.dtype.kind == "f":
        out = []
        for v in flat.tolist():
            if math.isnan(v):
                out.append("NaN")
            elif math.isinf(v):
                out.append("Infinity" if v > 0 else "-Infinity")
            else:
                out.append(v)
        return out
    return [int(v) for v in flat]


def main():
    import numpy as np
    import safetensors
    from safetensors import TensorSpec, serialize_file
    from safetensors.numpy import load_file, save_file

    f32 = np.array([[0.0, -0.0, 1.5, -2.25], [np.inf, -np.inf, np.nan, 1e-45], [3.4028235e38, 1.1754944e-38, 0.1, -7.0]], dtype=np.float32)
    mixed = {
        "layer.weight": f32,
        "layer.bias": np.array([math.pi, -1e300, 5e-324, 2.0**60], dtype=np.float64),
        "counts": np.array([[-(2**31), 2**31 - 1], [0, -1]], dtype=np.int32),
        "ids": np.array([-(2**63), 2**63 - 1, 2**53 + 1, -5], dtype=np.int64),
        "mask": np.array([[True, False, True], [False, False, True]], dtype=np.bool_),
        "small_i16": np.array([-32768, 32767, 7], dtype=np.int16),
        "small_i8": np.array([-128, 127, 0], dtype=np.int8),
        "small_u8": np.array([0, 255, 128], dtype=np.uint8),
        "half": np.array([1.0, -2.0, 65504.0, np.inf, 6e-8], dtype=np.float16),
    }
    mixed_metadata = {"format": "np", "description": "F32, F64, I32, I64, BOOL, I16, I8, U8, F16 + metadata"}

    scalar_and_empty = {
        "scalar": np.array(2.5, dtype=np.float32),
        "empty": np.zeros((0,), dtype=np.float32),
        "empty_3d": np.zeros((2, 0, 3), dtype=np.int64),
        "int_scalar": np.array(-3, dtype=np.int32),
    }

    # Names whose UTF-8 byte order differs from JavaScript's UTF-16 order (U+FFFD vs U+1F600), and
    # integer-like names that a JavaScript object would list first.
    names = {
        "b": np.array([1.0], dtype=np.float32),
        "a": np.array([2.0], dtype=np.float32),
        "10": np.array([3.0], dtype=np.float32),
        "9": np.array([4.0], dtype=np.float32),
        "\ufffd": np.array([5.0], dtype=np.float32),
        "\U0001F600": np.array([6.0], dtype=np.float32),
        "é/x.y": np.array([7.0], dtype=np.float32),
    }
    names_metadata = {'key "quoted"\n\t\x01/é': 'value \\ "x" \x7f 😀'}

    bf16_bits = np.array([[0x3F80, 0xC000], [0x7F80, 0x0001]], dtype=np.uint16)  # 1, -2, inf, tiny

    os.makedirs(OUT_DIR, exist_ok=True)
    save_file(mixed, os.path.join(OUT_DIR, "mixed.safetensors"), metadata=mixed_metadata)
    save_file(scalar_and_empty, os.path.join(OUT_DIR, "scalar-and-empty.safetensors"))
    save_file(names, os.path.join(OUT_DIR, "names.safetensors"), metadata=names_metadata)
    save_file({}, os.path.join(OUT_DIR, "no-tensors.safetensors"))
    serialize_file(
        {"bf16": TensorSpec(dtype="bfloat16", shape=bf16_bits.shape, data_ptr=bf16_bits.ctypes.data, data_len=bf16_bits.nbytes),
         "f32": TensorSpec(dtype="float32", shape=(1,), data_ptr=f32.ctypes.data, data_len=4)},
        os.path.join(OUT_DIR, "bfloat16.safetensors"),
        metadata=None,
    )

    manifest = {"generator": {"safetensors": safetensors.__version__, "numpy": np.__version__}, "files": {}}
    for file_name, metadata in [
        ("mixed.safetensors", mixed_metadata),
        ("scalar-and-empty.safetensors", None),
        ("names.safetensors", names_metadata),
        ("no-tensors.safetensors", None),
        ("bfloat16.safetensors", None),
    ]:
        path = os.path.join(OUT_DIR, file_name)
        if file_name == "bfloat16.safetensors":
            loaded = {"bf16": bf16_bits, "f32": f32.reshape(-1)[:1]}
        else:
            loaded = load_file(path)
        with open(path, "rb") as handle:
            header_length = int.from_bytes(handle.read(8), "little")
            header = json.loads(handle.read(header_length))
        tensors = {}
        for name, array in loaded.items():
            tensors[name] = {"dtype": header[name]["dtype"], "shape": list(array.shape), "values": expected_values(array)}
        manifest["files"][file_name] = {"metadata": metadata, "tensors": tensors}

    with open(os.path.join(OUT_DIR, "safetensors-fixtures.json"), "w", encoding="utf-8") as handle:
        # sort_keys: load_file returns tensors in hash-map order, which varies between runs.
        json.dump(manifest, handle, indent=2, ensure_ascii=False, sort_keys=True)
        handle.write("\n")
    for name in os.listdir(OUT_DIR):
        os.chmod(os.path.join(OUT_DIR, name), 0o644)  # the Rust writer honours a strict umask
    print(f"wrote fixtures to {os.path.normpath(OUT_DIR)}")


if __name__ == "__main__":
    ensure_environment()
    main()
