#!/usr/bin/python3
"""Trains the engine's velocity network on QM9 with PyTorch, on a CUDA GPU when one is there (the `device`
machine lent to some sessions: the engine's DJL build has only CPU natives offline).

It trains exactly what `benchmarks/run qm9-quality --recipe R` trains, the way Trainer does it: the same
network (velocity_twin.VelocityTransformer, which must first reproduce the engine's outputs on the check
file written with the data), the same molecules, scales and recipe (meta-R.json, written by
`benchmarks/run twin-export`), the same loss, AdamW with warm-up and cosine decay, global-norm clipping and the
EMA of the weights. What differs is only the random stream (torch's, not the engine's SplitMix/java.util.Random)
and the batch order inside size buckets. `benchmarks/run twin-import` turns the EMA weights into a model file
that the Java engine samples and measures.

Usage: qm9_twin_train.py --data DIR --recipe R (--steps N | --seconds S) --out PREFIX [--seed 1]
        [--checkpoint-every 120] [--resume PREFIX-checkpoint.pt] [--batch B] [--bf16]
--seconds is a wall-clock budget for this call: training stops when it is spent, whatever --steps says. Without
--steps the schedule is sized to fit the budget (300 calibration steps). Every --checkpoint-every seconds and at
the end the whole state (weights, optimizer, EMA, random streams, batch queue, curve, step) goes to
PREFIX-checkpoint.pt (written aside, then renamed); --resume continues a run from it in a later call, on the same
schedule. --batch scales the learning rate by the square root of the batch ratio and the warm-up in proportion.
Writes PREFIX-weights.bin (EMA weights, the check file's format, PyTorch parameter names) and PREFIX.json
(steps done and planned, seconds, molecules per second, validation curve).
"""
import argparse
import contextlib
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from velocity_twin import VelocityTransformer, check  # noqa: E402


def load_set(folder, name, device):
    """Molecules as padded tensors: types [M, N] (long), coordinates [M, N, 3], mask [M, N], counts [M]."""
    counts = np.fromfile(os.path.join(folder, name + "-counts.i32"), dtype="<i4")
    types = np.fromfile(os.path.join(folder, name + "-types.i8"), dtype="i1").astype(np.int64)
    coords = np.fromfile(os.path.join(folder, name + "-coords.f32"), dtype="<f4").reshape(-1, 3)
    m, n = len(counts), int(counts.max())
    if types.shape[0] != counts.sum() or coords.shape[0] != counts.sum():
        sys.exit("%s: %s arrays disagree with the atom counts" % (folder, name))
    pt = np.zeros((m, n), dtype=np.int64)
    pc = np.zeros((m, n, 3), dtype=np.float32)
    mask = np.arange(n)[None, :] < counts[:, None]
    pt[mask] = types
    pc[mask] = coords
    return (torch.from_numpy(pt).to(device), torch.from_numpy(pc).to(device),
            torch.from_numpy(mask.astype(np.float32)).to(device), counts)


def random_rotations(b, device, g):
    """[b, 3, 3] uniform random rotations from normalised Gaussian quaternions."""
    q = torch.randn(b, 4, device=device, generator=g)
    w, x, y, z = (q / q.norm(dim=1, keepdim=True)).unbind(1)
    return torch.stack([
        1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
        2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
        2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)], dim=1).view(b, 3, 3)


def sample_times(b, recipe, device, g):
    kind = recipe["timeSampler"]
    if kind == "UNIFORM":
        return torch.rand(b, device=device, generator=g)
    if kind == "BETA":  # Beta(a, b) as X/(X+Y) of Gamma variables (torch's Beta takes no generator)
        x = torch._standard_gamma(torch.full((b,), float(recipe["timeA"]), device=device), generator=g)
        y = torch._standard_gamma(torch.full((b,), float(recipe["timeB"]), device=device), generator=g)
        return x / (x + y)
    if kind == "LOGIT_NORMAL":
        return torch.sigmoid(recipe["timeA"] + recipe["timeB"] * torch.randn(b, device=device, generator=g))
    sys.exit("time sampler %s is not supported by the twin trainer" % kind)


class SizeBatches:
    """Batches of molecules of similar size, as BatchPlan.bySize: each epoch a fresh permutation, sorted by atom
    count (stable, so random within a size), cut into batches whose order is shuffled."""

    def __init__(self, counts, batch, seed):
        self.counts, self.batch = counts, batch
        self.rng = np.random.default_rng(seed)
        self.queue = []

    def next(self):
        if not self.queue:
            perm = self.rng.permutation(len(self.counts))
            perm = perm[np.argsort(self.counts[perm], kind="stable")]
            batches = [perm[i:i + self.batch] for i in range(0, len(perm) - self.batch + 1, self.batch)]
            self.queue = [batches[i] for i in self.rng.permutation(len(batches))]
        return self.queue.pop()


def flow_loss(model, types, coords, mask, meta, recipe, t, g, k, training=True):
    """The conditional flow-matching loss of FlowLoss for CondOT (σ_min = 0) with velocity prediction; in training,
    Trainer's optional Gaussian noise on the input coordinates (recipe inputNoise, Å), the target kept clean."""
    b, n = types.shape
    m3 = mask[..., None]
    hot = F.one_hot(types, k).float() * meta["typeScale"] * m3
    x1 = torch.cat([coords / meta["coordScale"], hot], dim=2)
    counts = mask.sum(1).clamp(min=1)
    noise = torch.randn(b, n, 3, device=types.device, generator=g) * m3
    noise = (noise - (noise.sum(1) / counts[:, None])[:, None, :]) * m3
    x0 = torch.cat([noise, torch.randn(b, n, k, device=types.device, generator=g) * m3], dim=2)
    tt = t[:, None, None]
    xt = tt * x1 + (1 - tt) * x0
    target = x1 - x0
    sigma = recipe.get("inputNoise", 0.0)
    if training and sigma > 0:
        jitter = torch.randn(b, n, 3, device=types.device, generator=g) * m3 * (sigma / meta["coordScale"])
        xt = xt + torch.cat([jitter, torch.zeros(b, n, k, device=types.device)], dim=2)
    pred_coords, logits, _ = model(xt, t, mask)
    coord_err = (pred_coords - target[..., :3]).square().sum(2)
    coord_loss = ((coord_err * mask).sum(1) / counts / 3).mean()
    nll = -(logits.log_softmax(2) * (hot / meta["typeScale"])).sum(2)
    type_loss = ((nll * mask).sum(1) / counts).mean()
    total = recipe["coordWeight"] * coord_loss + recipe["typeWeight"] * type_loss
    return total, coord_loss, type_loss


def learning_rate(recipe, steps, step):
    """TrainingConfig.warmupCosine."""
    peak, warmup = recipe["learningRate"], recipe["warmupSteps"]
    if step < warmup:
        return peak * (step + 1) / (warmup + 1)
    progress = min(1.0, (step - warmup) / max(1, steps - warmup))
    return peak * 0.5 * (1 + math.cos(math.pi * progress))


def write_arrays(path, arrays):
    """The check file's format (big-endian): count, then per array its name, rank, dims, float32 values."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack(">i", len(arrays)))
        for name, value in arrays.items():
            data = name.encode("utf-8")
            f.write(struct.pack(">H", len(data)) + data)
            v = value.detach().float().cpu().contiguous()
            f.write(struct.pack(">i", v.dim()) + struct.pack(">%di" % v.dim(), *v.shape))
            f.write(v.numpy().astype(">f4").tobytes())
    os.replace(tmp, path)


def validate(model, val, meta, recipe, batch, device, k):
    """Validation loss with fixed noise and times (same every call), current weights."""
    types, coords, mask, counts = val
    g = torch.Generator(device=device).manual_seed(12345)
    sums = torch.zeros(3, device=device)
    with torch.no_grad():
        for s in range(0, types.shape[0], batch):
            sl = slice(s, min(types.shape[0], s + batch))
            n = int(counts[sl].max())
            t = torch.rand(types[sl].shape[0], device=device, generator=g)
            parts = flow_loss(model, types[sl, :n], coords[sl, :n], mask[sl, :n], meta, recipe, t, g, k, False)
            sums += torch.stack(parts) * types[sl].shape[0]
    return (sums / types.shape[0]).tolist()


def save_checkpoint(path, state):
    """torch.save into a temporary file, then an atomic rename: a lease that ends mid-write keeps the last one."""
    torch.save(state, path + ".tmp")
    os.replace(path + ".tmp", path)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--recipe", required=True)
    p.add_argument("--steps", type=int, default=0, help="total optimizer steps (the schedule's length)")
    p.add_argument("--seconds", type=float, default=0,
                   help="wall-clock budget of this call; without --steps, also sizes the schedule to fit it")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--validate-every", type=int, default=2000)
    p.add_argument("--checkpoint-every", type=float, default=120, help="seconds between checkpoints")
    p.add_argument("--resume", help="checkpoint to continue from (PREFIX-checkpoint.pt of an earlier call)")
    p.add_argument("--batch", type=int, default=0, help="molecules per step instead of the recipe's")
    p.add_argument("--bf16", action="store_true", help="bfloat16 autocast of the forward pass (CUDA)")
    args = p.parse_args()
    meta = json.load(open(os.path.join(args.data, "meta-%s.json" % args.recipe)))
    recipe, arch = meta["recipe"], meta["architecture"]
    if recipe["parametrization"] != "VELOCITY" or recipe["typeLoss"] != "CROSS_ENTROPY" \
            or recipe["timeFactor"] != "NONE" or recipe["scheduler"] != "COND_OT" or recipe["coupling"] != "INDEPENDENT" \
            or recipe.get("typeFlow", "GAUSSIAN") != "GAUSSIAN" or recipe.get("rotationCopies", 1) != 1:
        sys.exit("the twin trainer covers CondOT velocity prediction with cross-entropy types on the Gaussian path,"
                 " no time factor, independent coupling and one copy per molecule; recipe %s asks for more"
                 % args.recipe)
    if args.batch and args.batch != recipe["batchSize"]:
        # larger batches: the learning rate scaled by the square root of the batch ratio (Adam's rule of thumb),
        # warm-up lengthened in proportion, so the first steps stay gentle
        ratio = args.batch / recipe["batchSize"]
        recipe = dict(recipe, batchSize=args.batch, learningRate=recipe["learningRate"] * math.sqrt(ratio),
                      warmupSteps=int(recipe["warmupSteps"] * math.sqrt(ratio)))
    if arch.get("selfConditioning", False):
        sys.exit("the twin network has no self-conditioning input; recipe %s asks for it" % args.recipe)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    k = len(meta["vocabulary"])
    model = VelocityTransformer(k, arch["width"], arch["depth"], arch["heads"], arch["ffnMultiplier"],
                                arch["timeFeatures"], arch["conditioning"] == "ADALN", arch["positionalEncoding"],
                                arch.get("geometry"))
    diff, scale = check(model, os.path.join(args.data, meta["check"]))
    if not diff <= 1e-4 * max(1.0, scale):
        sys.exit("the twin's outputs differ from the engine's by %.3g: not the same network" % diff)
    # fresh weights as the engine starts (Xavier matrices, zero biases, zero adaLN gates and final modulation)
    for name, w in model.named_parameters():
        with torch.no_grad():
            if name.endswith("bias") or "odulation" in name:
                w.zero_()
            elif w.dim() < 2:
                w.fill_(1.0)  # a layer norm's scale
            else:
                torch.nn.init.xavier_uniform_(w)
    model.to(device)
    train = load_set(args.data, "train", device)
    val = load_set(args.data, "val", device)
    batch = recipe["batchSize"]
    g = torch.Generator(device=device).manual_seed(args.seed)
    batches = SizeBatches(train[3], batch, args.seed)
    decay = [w for w in model.parameters() if w.dim() >= 2]
    plain = [w for w in model.parameters() if w.dim() < 2]
    extra = {"fused": True} if device.type == "cuda" else {}
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": recipe["weightDecay"]},
                             {"params": plain, "weight_decay": 0.0}], lr=recipe["learningRate"],
                            betas=(0.9, 0.999), eps=1e-8, **extra)
    ema = [w.detach().clone() for w in model.parameters()]
    params = list(model.parameters())
    autocast = args.bf16 and device.type == "cuda"

    def step_once(step, steps):
        chosen = batches.next()
        n = int(train[3][chosen].max())
        idx = torch.from_numpy(chosen).to(device)
        types, coords, mask = train[0][idx, :n], train[1][idx, :n], train[2][idx, :n]
        if recipe["rotationAugmentation"]:
            coords = coords @ random_rotations(len(idx), device, g).transpose(1, 2)
        t = sample_times(len(idx), recipe, device, g)
        with torch.autocast(device_type="cuda", dtype=torch.bfloat16) if autocast else contextlib.nullcontext():
            total, c, ty = flow_loss(model, types, coords, mask, meta, recipe, t, g, k)
        for group in opt.param_groups:
            group["lr"] = learning_rate(recipe, steps, step)
        opt.zero_grad(set_to_none=True)
        total.backward()
        norm = torch.nn.utils.clip_grad_norm_(params, recipe["clipNorm"]) if recipe["clipNorm"] > 0 else None
        opt.step()
        d = min(recipe["emaDecay"], (1.0 + step + 1) / (10.0 + step + 1))
        with torch.no_grad():
            torch._foreach_mul_(ema, d)
            torch._foreach_add_(ema, params, alpha=1 - d)
        return total, c, ty, norm

    t0 = time.time()
    deadline = t0 + args.seconds if args.seconds > 0 else float("inf")
    curve, start, steps, trained_seconds, molecules = [], 0, args.steps, 0.0, 0
    if args.resume:
        state = torch.load(args.resume, map_location=device, weights_only=False)
        if state["recipe"] != args.recipe:
            sys.exit("checkpoint %s is of recipe %s, not %s" % (args.resume, state["recipe"], args.recipe))
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        with torch.no_grad():
            for e, v in zip(ema, state["ema"]):
                e.copy_(v)
        g.set_state(state["generator"].to(g.get_state().device) if device.type == "cpu" else state["generator"])
        batches.rng.bit_generator.state = state["batches_rng"]
        batches.queue = state["batches_queue"]
        curve, start, steps = state["curve"], state["step"], state["steps"]
        trained_seconds, molecules = state["seconds"], state["molecules"]
        print("resumed %s at step %d of %d" % (args.resume, start, steps), flush=True)
    elif steps <= 0:  # calibrate: up to 300 steps of the schedule's start (at most a tenth of the budget)
        calibration = 0
        while calibration < 300 and (calibration < 20 or time.time() - t0 < 0.1 * args.seconds):
            step_once(calibration, 10 ** 9)
            calibration += 1
        if device.type == "cuda":
            torch.cuda.synchronize()
        per_step = (time.time() - t0) / calibration
        steps = max(calibration + 100, int((args.seconds - (time.time() - t0)) / per_step * 0.93) + calibration)
        print("calibrated on %d steps: %.2f ms per step -> %d steps in %.0f s" % (
            calibration, 1000 * per_step, steps, args.seconds), flush=True)
        start, molecules = calibration, calibration * batch

    def checkpoint(step):
        save_checkpoint(args.out + "-checkpoint.pt", {
            "recipe": args.recipe, "model": model.state_dict(), "optimizer": opt.state_dict(),
            "ema": [e.detach().clone() for e in ema], "generator": g.get_state(),
            "batches_rng": batches.rng.bit_generator.state, "batches_queue": batches.queue, "curve": curve,
            "step": step, "steps": steps, "seconds": trained_seconds + time.time() - t0, "molecules": molecules})

    running = torch.zeros(3, device=device)
    last_checkpoint = time.time()
    s = start
    while s < steps and time.time() < deadline:
        total, c, ty, norm = step_once(s, steps)
        molecules += batch
        running += torch.stack([total.detach().float(), c.detach().float(), ty.detach().float()])
        s += 1
        if s % 500 == 0:
            losses = (running / 500).tolist()
            running.zero_()
            if not all(math.isfinite(v) for v in losses):
                sys.exit("training diverged at step %d" % s)
            elapsed = trained_seconds + time.time() - t0
            print("step %d loss %.4f (coords %.4f types %.4f) lr %.2e %.0f s, %.0f molecules/s" % (
                s, losses[0], losses[1], losses[2], learning_rate(recipe, steps, s - 1), elapsed,
                molecules / elapsed), flush=True)
        if s % args.validate_every == 0 or s == steps:
            v = validate(model, val, meta, recipe, 500, device, k)
            curve.append([s] + v)
            print("  validation at %d: loss %.4f (coords %.4f, types %.4f)" % (s, v[0], v[1], v[2]), flush=True)
        if time.time() - last_checkpoint >= args.checkpoint_every:
            checkpoint(s)
            last_checkpoint = time.time()
    checkpoint(s)
    seconds = trained_seconds + time.time() - t0
    names = [name for name, _ in model.named_parameters()]
    write_arrays(args.out + "-weights.bin", dict(zip(names, ema)))
    if not curve or curve[-1][0] != s:
        curve.append([s] + validate(model, val, meta, recipe, 500, device, k))
    summary = {"recipe": args.recipe, "steps": s, "planned_steps": steps, "finished": s >= steps,
               "seconds": seconds, "seed": args.seed, "molecules_per_second": molecules / max(seconds, 1e-9),
               "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
               "torch": torch.__version__, "check_max_abs_diff": diff, "validation": curve, "bf16": autocast,
               "parameters": sum(w.numel() for w in params), "batch": batch}
    with open(args.out + ".json.tmp", "w") as f:
        json.dump(summary, f, indent=1)
    os.replace(args.out + ".json.tmp", args.out + ".json")
    print("%s: %d of %d steps in %.0f s (%.0f molecules/s), validation loss %.4f" % (
        "done" if s >= steps else "stopped by the budget", s, steps, seconds, molecules / max(seconds, 1e-9),
        curve[-1][1]), flush=True)


if __name__ == "__main__":
    main()
