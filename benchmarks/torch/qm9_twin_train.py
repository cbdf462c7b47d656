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
Writes PREFIX-weights.bin (EMA weights, the check file's format, PyTorch parameter names) and PREFIX.json
(steps, seconds, losses, validation curve).
"""
import argparse
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


def flow_loss(model, types, coords, mask, meta, recipe, t, g, k):
    """The conditional flow-matching loss of FlowLoss for CondOT (σ_min = 0) with velocity prediction."""
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
            parts = flow_loss(model, types[sl, :n], coords[sl, :n], mask[sl, :n], meta, recipe, t, g, k)
            sums += torch.stack(parts) * types[sl].shape[0]
    return (sums / types.shape[0]).tolist()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--recipe", required=True)
    p.add_argument("--steps", type=int, default=0)
    p.add_argument("--seconds", type=float, default=0, help="choose the step count that fits this wall time")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--validate-every", type=int, default=2000)
    args = p.parse_args()
    meta = json.load(open(os.path.join(args.data, "meta-%s.json" % args.recipe)))
    recipe, arch = meta["recipe"], meta["architecture"]
    if recipe["parametrization"] != "VELOCITY" or recipe["typeLoss"] != "CROSS_ENTROPY" \
            or recipe["timeFactor"] != "NONE" or recipe["scheduler"] != "COND_OT" or recipe["coupling"] != "INDEPENDENT":
        sys.exit("the twin trainer covers CondOT velocity prediction with cross-entropy types, no time factor and"
                 " independent coupling; recipe %s asks for more" % args.recipe)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)
    k = len(meta["vocabulary"])
    model = VelocityTransformer(k, arch["width"], arch["depth"], arch["heads"], arch["ffnMultiplier"],
                                arch["timeFeatures"], arch["conditioning"] == "ADALN", arch["positionalEncoding"])
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

    def step_once(step, steps):
        chosen = batches.next()
        n = int(train[3][chosen].max())
        idx = torch.from_numpy(chosen).to(device)
        types, coords, mask = train[0][idx, :n], train[1][idx, :n], train[2][idx, :n]
        if recipe["rotationAugmentation"]:
            coords = coords @ random_rotations(len(idx), device, g).transpose(1, 2)
        t = sample_times(len(idx), recipe, device, g)
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

    steps = args.steps
    t0 = time.time()
    if steps <= 0:  # calibrate: 300 steps of the schedule's start, then the count that fits the budget
        for s in range(300):
            step_once(s, 10 ** 9)
        if device.type == "cuda":
            torch.cuda.synchronize()
        per_step = (time.time() - t0) / 300
        steps = max(1000, int((args.seconds - (time.time() - t0)) / per_step * 0.93) + 300)
        print("calibrated: %.2f ms per step -> %d steps in %.0f s" % (1000 * per_step, steps, args.seconds), flush=True)
        start = 300
    else:
        start = 0
    curve = []
    running = torch.zeros(3, device=device)
    for s in range(start, steps):
        total, c, ty, norm = step_once(s, steps)
        running += torch.stack([total.detach(), c.detach(), ty.detach()])
        if (s + 1) % 500 == 0:
            losses = (running / 500).tolist()
            running.zero_()
            if not all(math.isfinite(v) for v in losses):
                sys.exit("training diverged at step %d" % (s + 1))
            print("step %d loss %.4f (coords %.4f types %.4f) lr %.2e %.0f s" % (
                s + 1, losses[0], losses[1], losses[2], learning_rate(recipe, steps, s), time.time() - t0), flush=True)
        if (s + 1) % args.validate_every == 0 or s + 1 == steps:
            v = validate(model, val, meta, recipe, 500, device, k)
            curve.append([s + 1] + v)
            print("  validation at %d: loss %.4f (coords %.4f, types %.4f)" % (s + 1, v[0], v[1], v[2]), flush=True)
    seconds = time.time() - t0
    names = [name for name, _ in model.named_parameters()]
    write_arrays(args.out + "-weights.bin", dict(zip(names, ema)))
    summary = {"recipe": args.recipe, "steps": steps, "seconds": seconds, "seed": args.seed,
               "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
               "torch": torch.__version__, "check_max_abs_diff": diff, "validation": curve,
               "parameters": sum(w.numel() for w in params), "batch": batch}
    with open(args.out + ".json.tmp", "w") as f:
        json.dump(summary, f, indent=1)
    os.replace(args.out + ".json.tmp", args.out + ".json")
    print("done: %d steps in %.0f s, final validation loss %.4f" % (steps, seconds, curve[-1][1]), flush=True)


if __name__ == "__main__":
    main()
