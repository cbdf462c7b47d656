#!/usr/bin/env bash
# One lease of a GPU machine (the `device` tool) spent on one training run that survives the lease:
#   benchmarks/torch/device-train.sh DATA OUT SECONDS RECIPE [BATCH] [RESUME]
# DATA is what `benchmarks/run twin-export --recipe RECIPE` wrote (carried to the machine); OUT is the machine's
# $OUT. The run trains RECIPE with the PyTorch twin for a wall-clock budget of SECONDS, in batches of BATCH
# (default 256; the learning rate is scaled by the square root of the batch ratio, the warm-up lengthened) with
# bfloat16 autocast, and writes into OUT every 2 minutes and at the end: OUT/RECIPE-checkpoint.pt (the whole
# state), OUT/RECIPE-weights.bin (EMA weights) and OUT/RECIPE.json (steps, molecules per second, curve), so a
# lease cut short still returns the last checkpoint. RESUME (a RECIPE-checkpoint.pt from an earlier lease) continues
# that run on its schedule; without it the schedule is sized to fit SECONDS. `benchmarks/run twin-import` then
# makes an engine model file of the weights.
set -u
data=$1
out=$2
seconds=$3
recipe=$4
batch=${5:-256}
resume=${6:-}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
nvidia-smi -L || true
"$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
args=(--data "$data" --recipe "$recipe" --out "$out/$recipe" --seconds "$seconds" --batch "$batch" --bf16
  --checkpoint-every 120 --validate-every 2000)
if [ -n "$resume" ]; then
  args+=(--resume "$resume")
fi
# the budget includes start-up: the trainer stops itself at SECONDS; timeout is the last resort
PYTHONUNBUFFERED=1 timeout $((seconds + 120)) "$python" "$here/qm9_twin_train.py" "${args[@]}" 2>&1 \
  | tee "$out/$recipe.log" | grep -E "calibrated|resumed|step [0-9]*000 |validation|done|stopped|Error|error"
ls -la "$out"
