#!/usr/bin/env python3
"""Quality bar of issue #5, SAELens side: BatchTopK (k = true L0) on the 1,024-feature / 256-dim
model of model-1024.json, trained with SAELens's SyntheticSAERunner; prints the final eval as JSON.

Run (uses the fixture venv, created by scripts/fixtures/make_sae_lens_fixtures.py):
    /tmp/synth-sae-lens-venv/bin/python bench/quality/batchtopk_1024_sae_lens.py SAMPLES K
The synth side of the same run:
    node apps/demo/dist/cli.js train --config bench/quality/model-1024.json --architecture batchtopk \
      --k K --d-sae 1024 --samples SAMPLES --lr 3e-4 --eval-samples 100000 --json
"""

import json
import sys
import time
from pathlib import Path

import torch
from sae_lens import BatchTopKTrainingSAEConfig, LoggingConfig
from sae_lens.synthetic import SyntheticModelConfig, SyntheticSAERunner, SyntheticSAERunnerConfig

samples, k = int(sys.argv[1]), int(sys.argv[2])
torch.set_num_threads(2)
model_cfg = SyntheticModelConfig.from_dict(json.loads((Path(__file__).parent / "model-1024.json").read_text()))
cfg = SyntheticSAERunnerConfig(
    synthetic_model=model_cfg,
    sae=BatchTopKTrainingSAEConfig(d_in=256, d_sae=1024, k=k),
    training_samples=samples,
    batch_size=1024,
    lr=3e-4,
    eval_samples=100_000,
    output_path=None,
    logger=LoggingConfig(log_to_wandb=False),
)
start = time.perf_counter()
result = SyntheticSAERunner(cfg).run()
print(json.dumps({"seconds": time.perf_counter() - start, **result.final_eval.to_dict()}))
