#!/usr/bin/env python3
"""SAELens's side of the side-by-side benchmark: the workloads of apps/demo/src/bench/, run with
sae-lens 6.35.0 on PyTorch CPU, written as bench/results/sae-lens/<workload>.json in the same shape
as synth's bench/results/<workload>.json.

Run by hand or through `pnpm bench:compare` (never in CI), from anywhere:

    python3 bench/peer/sae_lens_bench.py                      # every workload, the issue's sizes
    python3 bench/peer/sae_lens_bench.py --smoke              # tiny sizes
    python3 bench/peer/sae_lens_bench.py --only gen-16k --repeats 3
    python3 bench/peer/sae_lens_bench.py --only orthogonalize --set orthogonalize.steps=2

It keeps its own virtual environment outside the repository, exactly as
scripts/fixtures/make_sae_lens_fixtures.py does (SYNTH_FIXTURE_VENV, default
/tmp/synth-sae-lens-venv, shared with the fixtures): on first run it creates it, pip-installs
sae-lens from PyPI (which brings torch: minutes), then re-executes itself inside it.

Each workload runs in its own process so its peak RSS is its own. Sizes, parameters and the timed
region must stay in step with apps/demo/src/bench/*-workloads.ts; the flags are the same as bench/run.mjs's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

SAE_LENS_VERSION = "6.35.0"
REQUIREMENTS = [f"sae-lens=={SAE_LENS_VERSION}", "numpy"]
VENV = Path(os.environ.get("SYNTH_FIXTURE_VENV", "/tmp/synth-sae-lens-venv"))
HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "results"
RESULT_PREFIX = "BENCH_RESULT "

# Same as the `plan` of each workload in apps/demo/src/bench/*-workloads.ts.
PLAN = {
    "gen-16k": {"repeats": 5, "warmup": 1},
    "gen-1m": {"repeats": 1, "warmup": 0},
    "toy-train": {"repeats": 1, "warmup": 0},
    "mcc-planted": {"repeats": 2, "warmup": 0},
    "mcc-random": {"repeats": 1, "warmup": 0},
    "orthogonalize": {"repeats": 1, "warmup": 0},
    "train-16k": {"repeats": 2, "warmup": 1},
    "copula-dense": {"repeats": 5, "warmup": 1},
}

# Same as the `sizes` of each workload in apps/demo/src/bench/*-workloads.ts.
SIZES = {
    "gen-16k": {
        "full": {"numFeatures": 16_384, "hiddenDim": 768, "roots": 128, "batch": 1024, "sparse": 0},
        "smoke": {"numFeatures": 1024, "hiddenDim": 64, "roots": 8, "batch": 64, "sparse": 0},
    },
    "gen-1m": {
        "full": {"numFeatures": 2**20, "hiddenDim": 1024, "side": 1000, "batch": 2500},
        "smoke": {"numFeatures": 4096, "hiddenDim": 32, "side": 60, "batch": 50},
    },
    "toy-train": {
        "full": {"samples": 10_000_000, "batch": 1024, "evalSamples": 100_000},
        "smoke": {"samples": 20_480, "batch": 1024, "evalSamples": 4096},
    },
    "mcc-planted": {
        "full": {"latents": 4096, "features": 16_384, "d": 768},
        "smoke": {"latents": 64, "features": 256, "d": 32},
    },
    "mcc-random": {"full": {"rows": 16_384, "d": 768}, "smoke": {"rows": 256, "d": 32}},
    "orthogonalize": {
        "full": {"rows": 16_384, "d": 768, "steps": 100, "chunk": 1024},
        "smoke": {"rows": 256, "d": 32, "steps": 2, "chunk": 64},
    },
    "train-16k": {
        "full": {"numFeatures": 16_384, "hiddenDim": 768, "roots": 128, "batch": 1024, "dSae": 4096, "k": 25, "steps": 20, "pool": 4},
        "smoke": {"numFeatures": 1024, "hiddenDim": 64, "roots": 8, "batch": 64, "dSae": 128, "k": 8, "steps": 3, "pool": 2},
    },
    "copula-dense": {"full": {"numFeatures": 1024, "batch": 4096}, "smoke": {"numFeatures": 64, "batch": 128}},
}

# gen-1m densifies batch × 2^20 Gaussians (10.5 GB of float32 per temporary at batch 2500); an
# address-space cap turns "the machine runs out of memory" into a recorded allocation error
# instead of the kernel's OOM killer picking a victim on a shared machine.
MEMORY_CAP_GIB = float(os.environ.get("SAE_LENS_BENCH_MAX_GIB", "16"))


# --------------------------------------------------------------------------------------------
# Environment: create the venv and re-execute inside it (as make_sae_lens_fixtures.py does).


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_environment() -> None:
    """Re-executes this script inside VENV (creating and filling it first if needed)."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = venv_python()
    if not python.exists():
        print(f"creating virtual environment {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    installed = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('sae-lens'))"],
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0 or installed.stdout.strip() != SAE_LENS_VERSION:
        print(f"installing {' '.join(REQUIREMENTS)} (minutes: torch is large)", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


# --------------------------------------------------------------------------------------------
# Workloads: setup(size) -> (run, dispose); run() does the timed work once and returns checked
# metrics ("timedSeconds" replaces the outer timer when only part of run() is the workload).


def check_hidden(hidden, rows: int, columns: int) -> float:
    sum_squares = float((hidden.flatten()[::97] ** 2).sum())
    if tuple(hidden.shape) != (rows, columns) or not (sum_squares > 0 and sum_squares < float("inf")):
        raise RuntimeError(f"unexpected hidden activations {tuple(hidden.shape)}, Σx² sample {sum_squares}")
    return sum_squares


def gen16k_config(size):
    from sae_lens.synthetic import (
        FoldedNormalMagnitudeConfig,
        HierarchyConfig,
        LinearMagnitudeConfig,
        ZipfianFiringProbabilityConfig,
    )
    from sae_lens.synthetic.synthetic_model import LowRankCorrelationConfig, SyntheticModelConfig

    # SynthSAEBench-16k's values (SAELens 6.35.0 ships no preset object), without the 100-step
    # orthogonalization: that is setup, not sampling, and has its own workload.
    return SyntheticModelConfig(
        num_features=size["numFeatures"],
        hidden_dim=size["hiddenDim"],
        firing_probability=ZipfianFiringProbabilityConfig(exponent=0.5, max_prob=0.4, min_prob=5e-4),
        hierarchy=HierarchyConfig(
            total_root_nodes=size["roots"],
            branching_factor=4,
            max_depth=3,
            mutually_exclusive_portion=1.0,
            compensate_probabilities=True,
        ),
        correlation=LowRankCorrelationConfig(rank=25, correlation_scale=0.1),
        orthogonalization=None,
        mean_firing_magnitudes=LinearMagnitudeConfig(start=5.0, end=4.0),
        std_firing_magnitudes=FoldedNormalMagnitudeConfig(mean=0.5, std=0.5),
        bias=0.5,
        seed=42,
    )


def setup_gen_16k(size):
    from sae_lens.synthetic import SyntheticModel

    model = SyntheticModel(gen16k_config(size))
    model.use_sparse_tensors = size["sparse"] == 1

    def run():
        return {"sumSquaresSample": check_hidden(model.sample(size["batch"]), size["batch"], size["hiddenDim"])}

    return run


def setup_gen_1m(size):
    from sae_lens.synthetic import HierarchyConfig, SyntheticModel, ZipfianFiringProbabilityConfig
    from sae_lens.synthetic.synthetic_model import LowRankCorrelationConfig, SyntheticModelConfig

    cfg = SyntheticModelConfig(
        num_features=size["numFeatures"],
        hidden_dim=size["hiddenDim"],
        firing_probability=ZipfianFiringProbabilityConfig(exponent=0.5, max_prob=0.4, min_prob=5e-4),
        hierarchy=HierarchyConfig(
            total_root_nodes=size["side"], branching_factor=size["side"], max_depth=1, mutually_exclusive_portion=1.0
        ),
        correlation=LowRankCorrelationConfig(rank=100, correlation_scale=0.1),
        orthogonalization=None,
        bias=False,
        seed=1,
    )
    model = SyntheticModel(cfg)
    model.use_sparse_tensors = True

    def run():
        return {"sumSquaresSample": check_hidden(model.sample(size["batch"]), size["batch"], size["hiddenDim"])}

    return run


def setup_toy_train(size):
    import torch
    from sae_lens import StandardTrainingSAE, StandardTrainingSAEConfig
    from sae_lens.synthetic import ActivationGenerator, FeatureDictionary, eval_sae_on_synthetic_data, train_toy_sae

    def run():
        # The docs' basic workflow: 16 features in 32 dims, p = 0.25, magnitude N(1, 0.05²).
        torch.manual_seed(1)
        feature_dict = FeatureDictionary(num_features=16, hidden_dim=32)
        generator = ActivationGenerator(
            num_features=16, firing_probabilities=0.25, std_firing_magnitudes=0.05, mean_firing_magnitudes=1.0
        )
        sae = StandardTrainingSAE(StandardTrainingSAEConfig(d_in=32, d_sae=16, l1_coefficient=5e-2))
        started = time.perf_counter()
        train_toy_sae(sae, feature_dict, generator, training_samples=size["samples"], batch_size=size["batch"])
        timed = time.perf_counter() - started
        result = eval_sae_on_synthetic_data(sae, feature_dict, generator, num_samples=size["evalSamples"])
        if not (0 < result.mcc <= 1):
            raise RuntimeError(f"MCC {result.mcc}")
        return {"timedSeconds": timed, "mcc": result.mcc, "saeL0": result.sae_l0, "trueL0": result.true_l0}

    return run


def setup_mcc_planted(size):
    import torch
    from sae_lens.synthetic import mean_correlation_coefficient

    latents, features, d = size["latents"], size["features"], size["d"]
    g = torch.Generator().manual_seed(3)
    true_features = torch.randn(features, d, generator=g)
    chosen = torch.randperm(features, generator=g)[:latents]
    sae = true_features[chosen] + 0.25 * torch.randn(latents, d, generator=g)

    def run():
        mcc = mean_correlation_coefficient(sae, true_features)
        if not (0.95 < mcc < 0.99):
            raise RuntimeError(f"planted MCC {mcc} should be near 0.97")
        return {"mcc": mcc}

    return run


def setup_mcc_random(size):
    import torch
    from sae_lens.synthetic import mean_correlation_coefficient

    g = torch.Generator().manual_seed(4)
    a = torch.randn(size["rows"], size["d"], generator=g)
    b = torch.randn(size["rows"], size["d"], generator=g)

    def run():
        mcc = mean_correlation_coefficient(a, b)
        if not (0 < mcc < 0.5):
            raise RuntimeError(f"random MCC {mcc} out of range")
        return {"mcc": mcc}

    return run


def setup_orthogonalize(size):
    import torch
    from sae_lens.synthetic import orthogonalize_embeddings

    data = torch.randn(size["rows"], size["d"], generator=torch.Generator().manual_seed(5))

    def run():
        out = orthogonalize_embeddings(data, num_steps=size["steps"], lr=3e-4, chunk_size=size["chunk"])
        if not torch.isfinite(out[-1, -1]):
            raise RuntimeError("non-finite embeddings")
        return {"steps": size["steps"]}

    return run


def setup_train_16k(size):
    from sae_lens import BatchTopKTrainingSAE, BatchTopKTrainingSAEConfig, LoggingConfig
    from sae_lens.config import SAETrainerConfig
    from sae_lens.synthetic import SyntheticModel
    from sae_lens.training.sae_trainer import SAETrainer

    model = SyntheticModel(gen16k_config(size))
    pool = [model.sample(size["batch"]) for _ in range(size["pool"])]
    del model

    def run():
        sae = BatchTopKTrainingSAE(BatchTopKTrainingSAEConfig(d_in=size["hiddenDim"], d_sae=size["dSae"], k=size["k"]))
        served = [0]

        def batches():
            while True:
                yield pool[served[0] % len(pool)]
                served[0] += 1

        # train_toy_sae's trainer settings (constant lr 3e-4, Adam 0.9/0.999, no evals/logging).
        cfg = SAETrainerConfig(
            n_checkpoints=0,
            checkpoint_path=None,
            save_final_checkpoint=False,
            total_training_samples=size["steps"] * size["batch"],
            device="cpu",
            autocast=False,
            lr=3e-4,
            lr_end=3e-4,
            lr_scheduler_name="constant",
            lr_warm_up_steps=0,
            adam_beta1=0.9,
            adam_beta2=0.999,
            lr_decay_steps=0,
            n_restart_cycles=1,
            train_batch_size_samples=size["batch"],
            dead_feature_window=1000,
            feature_sampling_window=2000,
            logger=LoggingConfig(log_to_wandb=False, eval_every_n_wandb_logs=2**31 - 1),
        )
        SAETrainer(cfg=cfg, sae=sae, data_provider=batches()).fit()
        if served[0] < size["steps"] - 1:
            raise RuntimeError(f"trainer took {served[0]} batches, expected {size['steps']}")
        return {"steps": size["steps"]}

    return run


def setup_copula_dense(size):
    import torch
    from sae_lens.synthetic import ActivationGenerator, generate_random_correlation_matrix

    correlation = generate_random_correlation_matrix(
        size["numFeatures"], min_correlation_strength=0.01, max_correlation_strength=0.05, seed=1
    )
    torch.manual_seed(6)
    generator = ActivationGenerator(
        num_features=size["numFeatures"], firing_probabilities=0.05, correlation_matrix=correlation
    )

    def run():
        acts = generator.sample(size["batch"])
        rate = float((acts > 0).float().mean())
        if not abs(rate - 0.05) < 0.01 + 5 / (acts.numel() ** 0.5):
            raise RuntimeError(f"firing rate {rate}, expected 0.05")
        return {"firingRate": rate}

    return run


SETUP = {
    "gen-16k": setup_gen_16k,
    "gen-1m": setup_gen_1m,
    "toy-train": setup_toy_train,
    "mcc-planted": setup_mcc_planted,
    "mcc-random": setup_mcc_random,
    "orthogonalize": setup_orthogonalize,
    "train-16k": setup_train_16k,
    "copula-dense": setup_copula_dense,
}

THROUGHPUT = {"train-16k": lambda size: size["steps"] * size["batch"]}


# --------------------------------------------------------------------------------------------
# Running


def summarize(samples: list[float]) -> dict:
    if not samples:
        return {"median": None, "min": None, "max": None, "spread": None}
    s = sorted(samples)
    mid = len(s) // 2
    med = s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
    return {"median": med, "min": s[0], "max": s[-1], "spread": (s[-1] - s[0]) / med if med > 0 else None}


def resolve_size(workload: str, base: dict, sets: list[str]) -> dict:
    size = dict(base)
    for entry in sets:
        name, _, rest = entry.partition(".")
        key, _, text = rest.partition("=")
        if name != workload:
            continue
        if key not in size:
            raise SystemExit(f"--set {entry}: {workload} has no size parameter {key}")
        size[key] = int(text) if float(text).is_integer() else float(text)
    return size


def machine() -> dict:
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "os": f"{platform.system()} {platform.release()}",
        "loadAverage": [round(x, 2) for x in os.getloadavg()],
    }


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def child(args) -> None:
    import torch

    import sae_lens

    name = args.child
    size = resolve_size(name, SIZES[name]["smoke" if args.smoke else "full"], args.set)
    result = {
        "tool": "sae-lens",
        "version": sae_lens.__version__,
        "workload": name,
        "size": "smoke" if args.smoke else "full",
        "params": size,
        "backend": f"torch {torch.__version__} cpu, {torch.get_num_threads()} threads",
        "runtime": f"python {platform.python_version()}",
        "repeats": args.repeats,
        "warmup": args.warmup,
    }
    seconds: list[float] = []
    metrics: dict = {}
    try:
        if name == "gen-1m" and not args.smoke:
            cap = int(MEMORY_CAP_GIB * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            result["memoryCapGiB"] = MEMORY_CAP_GIB
        started = time.perf_counter()
        run = SETUP[name](size)
        result["setupSeconds"] = time.perf_counter() - started
        for _ in range(args.warmup):
            run()
        for _ in range(args.repeats):
            started = time.perf_counter()
            metrics = run()
            elapsed = time.perf_counter() - started
            seconds.append(metrics.pop("timedSeconds", elapsed))
            print(f"  sae-lens {name}: {seconds[-1]:.3f} s", file=sys.stderr, flush=True)
    except (MemoryError, RuntimeError) as error:
        # A failed allocation under the cap is a result ("does not fit"), not a harness bug.
        result["error"] = f"{type(error).__name__}: {str(error).splitlines()[0][:300]}"
        print(f"  sae-lens {name}: {result['error']}", file=sys.stderr, flush=True)
    summary = summarize(seconds)
    result.update({"seconds": seconds, **summary})
    if name in THROUGHPUT and summary["median"]:
        result["samplesPerSecond"] = THROUGHPUT[name](size) / summary["median"]
    result.update(
        {"peakRssBytes": peak_rss_bytes(), "metrics": metrics, "machine": machine(), "date": datetime.now(timezone.utc).isoformat()}
    )
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def run_workload(name: str, args) -> dict:
    plan = PLAN[name]
    repeats = args.repeats or (1 if args.smoke else plan["repeats"])
    warmup = args.warmup if args.warmup is not None else (0 if args.smoke else plan["warmup"])
    command = [sys.executable, __file__, "--child", name, "--repeats", str(repeats), "--warmup", str(warmup)]
    command += ["--smoke"] if args.smoke else []
    for entry in args.set:
        command += ["--set", entry]
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    line = next((l for l in proc.stdout.splitlines() if l.startswith(RESULT_PREFIX)), None)
    if line is None:
        # Killed (e.g. by the OOM killer) or crashed before reporting.
        return {"tool": "sae-lens", "workload": name, "error": f"exit {proc.returncode}", "seconds": [], **summarize([])}
    return json.loads(line[len(RESULT_PREFIX) :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--only", type=lambda s: [x for x in s.split(",") if x], default=None)
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--warmup", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=None, help="ignored here (used by compare.mjs)")
    parser.add_argument("--set", action="append", default=[])
    parser.add_argument("--child", default=None)
    args = parser.parse_args()
    ensure_environment()
    if args.child:
        args.repeats = args.repeats or 1
        args.warmup = args.warmup or 0
        child(args)
        return
    names = [n for n in PLAN if args.only is None or n in args.only]
    unknown = set(args.only or []) - set(PLAN)
    if unknown:
        raise SystemExit(f"unknown workload(s) {sorted(unknown)} (have {list(PLAN)})")
    out_dir = RESULTS / ("smoke" if args.smoke else "") / "sae-lens"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in names:
        print(f"sae-lens {name}{' (smoke)' if args.smoke else ''}", file=sys.stderr, flush=True)
        result = run_workload(name, args)
        result["command"] = " ".join(["python3 bench/peer/sae_lens_bench.py", *sys.argv[1:]])
        (out_dir / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
        # The last line of output is the result, for compare.mjs.
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        failed += "error" in result
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
