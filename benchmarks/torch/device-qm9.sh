#!/usr/bin/env bash
# The QM9 training runs of one lease of a GPU machine (the `device` tool), side by side on its one GPU:
#   benchmarks/torch/device-qm9.sh DATA OUT SECONDS
# DATA is what `benchmarks/run twin-export` wrote (carried to the machine), OUT receives the EMA weights of each
# run and meta.tar (summaries and logs); `benchmarks/run twin-import` then makes model files of them here.
#  - the shipped-model candidates: beta-lr2e-3 with batches of 256, 4 and 6 blocks, as many steps as SECONDS allow;
#  - fidelity: lr2e-3 and beta-lr2e-3 for 5,000 steps exactly as the CPU search ran them (the engine's
#    measurements of these must agree with the CPU runs' within seed spread), then beta-lr2e-3 for 20,000 steps.
set -u
data=$1
out=$2
seconds=$3
work=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
nvidia-smi -L || true
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available())'
deadline=$(($(date +%s) + seconds + 80))  # every run ends by then, so the results are always copied back
run() {
  local name=$1
  shift
  local left=$((deadline - $(date +%s)))
  [ "$left" -gt 30 ] || { echo "run $name skipped: no time left"; return 0; }
  PYTHONUNBUFFERED=1 timeout "$left" python3 "$here/qm9_twin_train.py" --data "$data" --out "$work/$name" \
    "$@" >"$work/$name.log" 2>&1 || echo "run $name failed: $(tail -3 "$work/$name.log")"
}
run ship4 --recipe beta-lr2e-3-b256 --seconds "$seconds" &
run ship6 --recipe beta-lr2e-3-b256-d6 --seconds "$seconds" &
(run lr5k --recipe lr2e-3 --steps 5000 && run beta5k --recipe beta-lr2e-3 --steps 5000 \
  && run beta20k --recipe beta-lr2e-3 --steps 20000) &
wait
tail -n 4 "$work"/*.log
cp "$work"/*-weights.bin "$out"/ 2>/dev/null
(cd "$work" && tar cf "$out/meta.tar" ./*.json ./*.log 2>/dev/null)
ls -la "$out"
