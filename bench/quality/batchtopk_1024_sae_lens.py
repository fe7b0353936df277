#!/usr/bin/env python3
"""Quality bar of issue #5, SAELens side: BatchTopK (k = true L0) on the 1,024-feature / 256-dim
model of model-1024.json, trained with SAELens's SyntheticSAERunner (its defaults: batch 1024,
lr 3e-4 constant, Adam 0.9/0.999, dead-feature window 1000, AuxK coefficient 1, rescale by decoder
norm, decoder init norm 0.1, topk_threshold_lr 0.01); prints one JSON line per MCC checkpoint and
the final evaluation (100k samples) as the last line.

Run (uses the fixture venv, created by scripts/fixtures/make_sae_lens_fixtures.py):
    /tmp/synth-sae-lens-venv/bin/python bench/quality/batchtopk_1024_sae_lens.py SAMPLES K \
        [--seed S] [--checkpoints N1,N2,...] [--threads T] [--model-dir DIR] [--save-model DIR]
The synth side of the same run: bench/quality/batchtopk_1024_synth.mjs (same arguments).

Building the model calls torch.manual_seed(42) (the config's seed), so without --seed the SAE
initialisation and the training stream are what SAELens's runner gives for this config, the
same every run. --seed S reseeds torch with S after the model is built, for a seed spread.
A checkpoint's MCC is mean_correlation_coefficient(W_dec, feature vectors) after the first
N >= Ni samples (taken as the trainer asks for the next batch); its time is excluded from
train_seconds. Threads default to 2 (the development machine's cores). --save-model / --model-dir
write and read the model in SAELens's layout, which synth reads and writes too: training both
tools on one saved model takes the model draw out of the comparison.
"""

import argparse
import json
import time
from pathlib import Path

import torch
from sae_lens import BatchTopKTrainingSAEConfig, LoggingConfig
from sae_lens.synthetic import SyntheticModel, SyntheticModelConfig, SyntheticSAERunner, SyntheticSAERunnerConfig
from sae_lens.synthetic import synthetic_sae_runner
from sae_lens.synthetic.evals import mean_correlation_coefficient
from sae_lens.synthetic.training import SyntheticActivationIterator

parser = argparse.ArgumentParser()
parser.add_argument("samples", type=int)
parser.add_argument("k", type=float)
parser.add_argument("--seed", type=int, default=None)
parser.add_argument("--checkpoints", default="")
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--model-dir", default=None, help="train on a saved model (SAELens layout, e.g. one synth saved) instead of building model-1024.json")
parser.add_argument("--save-model", default=None, help="save the model trained on (SAELens layout) to this directory")
args = parser.parse_args()
k = int(args.k) if args.k == int(args.k) else args.k
checkpoints = sorted(int(c) for c in args.checkpoints.split(",") if c)
torch.set_num_threads(args.threads)

start = time.perf_counter()
model_cfg = SyntheticModelConfig.from_dict(json.loads((Path(__file__).parent / "model-1024.json").read_text()))
model = SyntheticModel(model_cfg) if args.model_dir is None else SyntheticModel.load_from_disk(args.model_dir)
if args.save_model is not None:
    model.save(args.save_model)
if args.seed is not None:
    torch.manual_seed(args.seed)
cfg = SyntheticSAERunnerConfig(
    synthetic_model=model_cfg,
    sae=BatchTopKTrainingSAEConfig(d_in=256, d_sae=1024, k=k),
    training_samples=args.samples,
    batch_size=1024,
    lr=3e-4,
    eval_samples=100_000,
    output_path=None,
    logger=LoggingConfig(log_to_wandb=False),
)
runner = SyntheticSAERunner(cfg, override_synthetic_model=model)
state = {"excluded": 0.0, "samples": 0, "train_start": None, "train_seconds": None}


class CheckpointingIterator(SyntheticActivationIterator):
    """Reports the MCC of the SAE so far when the trainer asks for the batch after a checkpoint."""

    def __next__(self) -> torch.Tensor:
        now = time.perf_counter()
        if state["train_start"] is None:
            state["train_start"] = now
        while checkpoints and state["samples"] >= checkpoints[0]:
            checkpoints.pop(0)
            at = now - state["train_start"] - state["excluded"]
            mcc = mean_correlation_coefficient(runner.sae.W_dec.detach(), model.feature_dict.feature_vectors.detach())
            line = {"checkpoint": state["samples"], "mcc": mcc, "train_seconds": at, "topk_threshold": runner.sae.topk_threshold.item()}
            print(json.dumps(line), flush=True)
            state["excluded"] += time.perf_counter() - now
        state["samples"] += self.batch_size
        if state["samples"] > args.samples:
            # The trainer stops before asking for more; this never runs. Kept as a guard.
            raise StopIteration
        return self.next_batch()


synthetic_sae_runner.SyntheticActivationIterator = CheckpointingIterator
original_eval = synthetic_sae_runner.eval_sae_on_synthetic_data


def timed_eval(*a, **kw):
    state["train_seconds"] = time.perf_counter() - state["train_start"] - state["excluded"]
    return original_eval(*a, **kw)


synthetic_sae_runner.eval_sae_on_synthetic_data = timed_eval
result = runner.run()
seconds = time.perf_counter() - start - state["excluded"]
print(json.dumps({
    "tool": "sae_lens", "samples": args.samples, "k": k, "seed": args.seed, "threads": args.threads, "model_dir": args.model_dir,
    "seconds": seconds, "train_seconds": state["train_seconds"],
    "topk_threshold": runner.sae.topk_threshold.item(), **result.final_eval.to_dict(),
}))
