#!/usr/bin/python3
"""PyTorch twin of the engine's VelocityTransformer and of one Trainer step, for benchmarks/run step-ratio.

The network mirrors dev.flowmatch.engine.model.VelocityTransformer and TransformerLayer op for op (sinusoidal
time features -> MLP, linear atom tokens, pre-LN blocks with adaLN-Zero modulation, DJL's attention with
separate key/query/value projections and an additive padding mask, SiLU MLP, final modulated norm, coordinate
and type heads), and with a geometry (ModelConfig.geometry) PairFeatures and RelativeCoordinateHead; its modules carry the DJL child names, so the engine's weights load by name. The step
mirrors Trainer.step: batch selection with a random rotation, centred Gaussian coordinate noise and type
noise, the CondOT path, the flow-matching loss (squared error on coordinates, cross-entropy on types),
backward, global-norm clipping, AdamW (no decay on vectors) and the EMA update, and the loss read back as
numbers, as the engine does for its step metrics.

Protocol (stdin/stdout, one line each): after start-up it prints "ready params=N check_max_abs_diff=D
check_max_abs=M gemm512_gflops=G"; then "steps K" runs K steps and answers "times ms1 ms2 ..."; "quit" ends.
"""
import argparse
import math
import re
import struct
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

TIME_SCALE = 1000.0  # SinusoidalFeatures.TIME_SCALE


def sinusoidal(v, features):
    """[M] -> [M, features]: sin/cos of v * 10000^(-i/half), computed in float64 as the engine does."""
    half = features // 2
    w = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float64, device=v.device) / max(1, half))
    a = v.to(torch.float64)[:, None] * w[None, :]
    parts = [torch.sin(a), torch.cos(a)]
    if features % 2:
        parts.append(torch.zeros(v.shape[0], 1, dtype=torch.float64, device=v.device))
    return torch.cat(parts, dim=1).float()


class Attention(nn.Module):
    """DJL's ScaledDotProductAttentionBlock: three projections, scores / sqrt(head size) + mask, softmax."""

    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.keyProjection = nn.Linear(d, d)
        self.queryProjection = nn.Linear(d, d)
        self.valueProjection = nn.Linear(d, d)
        self.resultProjection = nn.Linear(d, d)

    def forward(self, x, mask_offset):
        b, n, d = x.shape
        h = self.heads

        def split(p):
            return p.view(b, n, h, d // h).transpose(1, 2)

        k = split(self.keyProjection(x))
        q = split(self.queryProjection(x))
        v = split(self.valueProjection(x))
        scores = (q @ k.transpose(2, 3)) * (1.0 / math.sqrt(d // h)) + mask_offset
        a = scores.softmax(3) @ v
        return self.resultProjection(a.transpose(1, 2).reshape(b, n, d))


class Layer(nn.Module):
    def __init__(self, d, heads, ffn, adaptive):
        super().__init__()
        self.adaptive = adaptive
        self.norm1 = nn.LayerNorm(d, eps=1e-5, elementwise_affine=not adaptive)
        self.attention = Attention(d, heads)
        self.norm2 = nn.LayerNorm(d, eps=1e-5, elementwise_affine=not adaptive)
        self.ffnIn = nn.Linear(d, d * ffn)
        self.ffnOut = nn.Linear(d * ffn, d)
        self.modulation = nn.Linear(d, 6 * d) if adaptive else None

    def forward(self, x, mask_offset, temb):
        mod = self.modulation(F.silu(temb))[:, None, :].chunk(6, dim=2) if self.adaptive else None
        h = self.norm1(x)
        if mod:
            h = h * (mod[1] + 1) + mod[0]
        a = self.attention(h, mask_offset)
        x = x + (a * mod[2] if mod else a)
        h = self.norm2(x)
        if mod:
            h = h * (mod[4] + 1) + mod[3]
        h = self.ffnOut(F.silu(self.ffnIn(h)))
        return x + (h * mod[5] if mod else h)


def radial_basis():
    """RadialBasis: centres and widths in Å, built in float32 as the engine builds them."""
    f = torch.float32
    centres = [torch.tensor(0.2, dtype=f) * k for k in range(1, 4)]
    widths = [torch.tensor(0.2, dtype=f)] * 3
    centres += [torch.tensor(0.80, dtype=f) + torch.tensor(0.02, dtype=f) * k for k in range(51)]
    widths += [torch.tensor(0.02, dtype=f)] * 51
    centres += [torch.tensor(2.2, dtype=f) + torch.tensor(0.4, dtype=f) * k for k in range(10)]
    widths += [torch.tensor(0.4, dtype=f)] * 10
    return torch.stack(centres), torch.stack(widths)


PAIR_WIDTH = 32  # PairFeatures.PAIR_WIDTH


class PairFeatures(nn.Module):
    """PairFeatures: radial features of the current distances -> pair features, token addition, per-block biases."""

    def __init__(self, angstrom_per_unit, bias, width, heads, depth):
        super().__init__()
        self.unit, self.use_bias = angstrom_per_unit, bias
        centres, widths = radial_basis()
        self.register_buffer("centres", centres, persistent=False)
        self.register_buffer("widths", widths, persistent=False)
        self.embed = nn.Linear(centres.shape[0], PAIR_WIDTH)
        if bias:
            self.token = nn.Linear(PAIR_WIDTH, width)
            for i in range(depth):
                setattr(self, "bias%d" % (i + 1), nn.Linear(PAIR_WIDTH, heads))
        self.depth = depth

    def forward(self, coords, mask):
        rel = coords[:, :, None, :] - coords[:, None, :, :]
        angstrom = (rel.square().sum(3) + 1e-12).sqrt() * self.unit
        rbf = (-((angstrom[..., None] - self.centres) / self.widths).square()).exp()
        pairs = F.silu(self.embed(rbf))
        out = [pairs, rel]
        if self.use_bias:
            keys = mask[:, None, :, None]
            pooled = (pairs * keys).sum(2) / keys.sum(2).clamp(min=1)
            out.append(self.token(pooled))
            for i in range(self.depth):
                out.append(getattr(self, "bias%d" % (i + 1))(pairs).permute(0, 3, 1, 2))
        return out


class RelativeCoordinateHead(nn.Module):
    """RelativeCoordinateHead: v_i = sum_j m_j (x_i - x_j) phi(h_i, h_j, p_ij) / sum_j m_j."""

    def __init__(self, width):
        super().__init__()
        self.first = nn.Linear(width, PAIR_WIDTH)
        self.second = nn.Linear(width, PAIR_WIDTH, bias=False)
        self.pair = nn.Linear(PAIR_WIDTH, PAIR_WIDTH, bias=False)
        self.out = nn.Linear(PAIR_WIDTH, 1)

    def forward(self, z, pairs, rel, mask):
        a = self.first(z)[:, :, None, :]
        b = self.second(z)[:, None, :, :]
        phi = self.out(F.silu(self.pair(pairs) + a + b))
        partners = mask[:, None, :, None]
        return (rel * phi * partners).sum(2) / partners.sum(2).clamp(min=1)


NO_GEOMETRY = {"angstromPerUnit": 0.0, "distanceBias": False, "head": "LINEAR", "coordinateTokens": True}


class VelocityTransformer(nn.Module):
    def __init__(self, types, width, depth, heads, ffn, time_features, adaptive, positions, geometry=None):
        super().__init__()
        g = dict(NO_GEOMETRY, **(geometry or {}))
        self.bias, self.tokens = g["distanceBias"], g["coordinateTokens"]
        self.linear_head, self.relative = g["head"] != "RELATIVE", g["head"] != "LINEAR"
        self.width, self.depth, self.time_features = width, depth, time_features
        self.adaptive, self.positions = adaptive, positions
        self.input = nn.Linear(3 + types, width)
        self.timeIn = nn.Linear(time_features, width)
        self.timeOut = nn.Linear(width, width)
        for i in range(depth):
            setattr(self, "layer%d" % (i + 1), Layer(width, heads, ffn, adaptive))
        self.finalNorm = nn.LayerNorm(width, eps=1e-5, elementwise_affine=not adaptive)
        self.finalModulation = nn.Linear(width, 2 * width) if adaptive else None
        if self.linear_head:
            self.coordHead = nn.Linear(width, 3)
        self.typeHead = nn.Linear(width, types)
        if self.bias or self.relative:
            self.pairs = PairFeatures(g["angstromPerUnit"], self.bias, width, heads, depth)
        if self.relative:
            self.relativeHead = RelativeCoordinateHead(width)
        self.register_buffer("type_channels", torch.cat([torch.zeros(3), torch.ones(types)]), persistent=False)

    def forward(self, x, t, mask):
        b, n, _ = x.shape
        temb = self.timeOut(F.silu(self.timeIn(sinusoidal(t * TIME_SCALE, self.time_features))))
        pairs = self.pairs(x[:, :, :3], mask) if (self.bias or self.relative) else None
        h = self.input(x if self.tokens else x * self.type_channels)
        if self.bias:
            h = h + pairs[2]
        if self.positions:
            h = h + sinusoidal(torch.arange(n, dtype=torch.float64, device=x.device), self.width)[None]
        if not self.adaptive:
            h = h + temb[:, None, :]
        mask_offset = ((mask - 1) * 1e5).view(b, 1, 1, n)
        hidden = []
        for i in range(self.depth):
            attend = mask_offset + pairs[3 + i] if self.bias else mask_offset
            h = getattr(self, "layer%d" % (i + 1))(h, attend, temb)
            hidden.append(h)
        z = self.finalNorm(h)
        if self.adaptive:
            shift, scale = self.finalModulation(F.silu(temb))[:, None, :].chunk(2, dim=2)
            z = z * (scale + 1) + shift
        coords = self.coordHead(z) if self.linear_head else None
        if self.relative:
            v = self.relativeHead(z, pairs[0], pairs[1], mask)
            coords = v if coords is None else coords + v
        return coords, self.typeHead(z), hidden


def read_arrays(path):
    """The check file the Java side writes: big-endian; count, then (name, rank, dims, float32 values)."""
    out = {}
    with open(path, "rb") as f:
        (count,) = struct.unpack(">i", f.read(4))
        for _ in range(count):
            (length,) = struct.unpack(">H", f.read(2))
            name = f.read(length).decode("utf-8")
            (rank,) = struct.unpack(">i", f.read(4))
            dims = struct.unpack(">%di" % rank, f.read(4 * rank))
            size = math.prod(dims)
            values = torch.tensor(struct.unpack(">%df" % size, f.read(4 * size)), dtype=torch.float32)
            out[name] = values.view(*dims)
    return out


def torch_name(djl_name):
    """'04layer1_02attention_01keyProjection_weight' -> 'layer1.attention.keyProjection.weight'."""
    parts = [re.sub(r"^\d\d", "", p) for p in djl_name.split("_")]
    parts[-1] = {"gamma": "weight", "beta": "bias"}.get(parts[-1], parts[-1])
    return ".".join(parts)


def check(model, path):
    """Loads the engine's weights, runs its inputs, returns (max |difference|, max |engine output|)."""
    arrays = read_arrays(path)
    params = dict(model.named_parameters())
    loaded = set()
    for key, value in arrays.items():
        if key.startswith("param:"):
            name = torch_name(key[len("param:"):])
            if name not in params or params[name].shape != value.shape:
                sys.exit("twin has no parameter %s of shape %s (engine name %s)" % (name, tuple(value.shape), key))
            with torch.no_grad():
                params[name].copy_(value)
            loaded.add(name)
    if loaded != set(params):
        sys.exit("engine file lacks twin parameters %s" % sorted(set(params) - loaded))
    with torch.no_grad():
        coords, logits, hidden = model(arrays["x"], arrays["t"], arrays["mask"])
    ours = [coords, logits] + hidden
    theirs = [arrays["out:coords"], arrays["out:logits"]] + [arrays["out:hidden%d" % (i + 1)]
                                                             for i in range(len(hidden))]
    diff = max(float((a - b).abs().max()) for a, b in zip(ours, theirs))
    scale = max(float(b.abs().max()) for b in theirs)
    return diff, scale


def gemm_gflops(n=512, reps=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        a @ b
    t0 = time.perf_counter()
    for _ in range(reps):
        a @ b
    return 2 * n ** 3 * reps / (time.perf_counter() - t0) / 1e9


def random_rotations(b, g):
    """[b, 3, 3] uniformly random rotations (QR of a Gaussian matrix, signs fixed, det +1)."""
    q, r = torch.linalg.qr(torch.randn(b, 3, 3, generator=g))
    q = q * torch.sign(torch.diagonal(r, dim1=1, dim2=2))[:, None, :]
    q[:, :, 0] *= torch.sign(torch.det(q))[:, None]
    return q


class Step:
    """Trainer.step on a synthetic set of molecules of exactly `atoms` atoms (the cost does not depend on values)."""

    def __init__(self, model, args, g):
        self.model, self.args, self.g = model, args, g
        m = 1024
        self.types = torch.randint(args.types, (m, args.atoms), generator=g)
        coords = torch.randn(m, args.atoms, 3, generator=g) * 1.5
        self.coords = coords - coords.mean(1, keepdim=True)
        self.mask = torch.ones(m, args.atoms)
        self.scale = float(self.coords.square().mean().sqrt())
        decay = [p for p in model.parameters() if p.dim() >= 2]
        plain = [p for p in model.parameters() if p.dim() < 2]
        self.opt = torch.optim.AdamW([{"params": decay, "weight_decay": 1e-4}, {"params": plain, "weight_decay": 0}],
                                     lr=5e-4, betas=(0.9, 0.999), eps=1e-8)
        self.ema = [p.detach().clone() for p in model.parameters()]
        self.updates = 0

    def __call__(self):
        a, g = self.args, self.g
        idx = torch.randint(self.types.shape[0], (a.batch,), generator=g)
        types, mask = self.types[idx], self.mask[idx]
        coords = self.coords[idx] @ random_rotations(a.batch, g).transpose(1, 2)
        hot = F.one_hot(types, a.types).float() * mask[..., None]
        x1 = torch.cat([coords / self.scale, hot], dim=2)
        noise = torch.randn(a.batch, a.atoms, 3, generator=g) * mask[..., None]
        counts = mask.sum(1).clamp(min=1)
        noise = (noise - (noise.sum(1) / counts[:, None])[:, None, :]) * mask[..., None]
        x0 = torch.cat([noise, torch.randn(a.batch, a.atoms, a.types, generator=g) * mask[..., None]], dim=2)
        t = torch.rand(a.batch, generator=g)
        tt = t[:, None, None]
        xt = tt * x1 + (1 - tt) * x0
        target = x1 - x0
        pred_coords, logits, _ = self.model(xt, t, mask)
        coord_err = (pred_coords - target[..., :3]).square().sum(2)
        coord_loss = ((coord_err * mask).sum(1) / counts / 3).mean()
        nll = -(logits.log_softmax(2) * hot).sum(2)
        type_loss = ((nll * mask).sum(1) / counts).mean()
        total = coord_loss + 0.5 * type_loss
        self.opt.zero_grad(set_to_none=True)
        total.backward()
        norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        if not torch.isfinite(norm):
            raise RuntimeError("gradient not finite")
        self.opt.step()
        self.updates += 1
        d = min(0.999, (1.0 + self.updates) / (10.0 + self.updates))
        with torch.no_grad():
            for e, p in zip(self.ema, self.model.parameters()):
                e.mul_(d).add_(p, alpha=1 - d)
        return float(total), float(coord_loss), float(type_loss)


def main():
    p = argparse.ArgumentParser()
    for name, default in (("types", 5), ("width", 128), ("depth", 4), ("heads", 8), ("ffn", 4),
                          ("time-features", 64), ("batch", 64), ("atoms", 29), ("threads", 2), ("seed", 1)):
        p.add_argument("--" + name, type=int, default=default)
    p.add_argument("--conditioning", choices=("adaln", "add"), default="adaln")
    p.add_argument("--positions", action="store_true")
    p.add_argument("--check", required=True, help="weights, inputs and outputs written by the engine")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    g = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    model = VelocityTransformer(args.types, args.width, args.depth, args.heads, args.ffn, args.time_features,
                                args.conditioning == "adaln", args.positions)
    diff, scale = check(model, args.check)
    step = Step(model, args, g)
    count = sum(p.numel() for p in model.parameters())
    print("ready params=%d check_max_abs_diff=%.3g check_max_abs=%.3g gemm512_gflops=%.1f torch=%s threads=%d"
          % (count, diff, scale, gemm_gflops(), torch.__version__, torch.get_num_threads()), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        times = []
        for _ in range(int(words[1])):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1000)
        print("times " + " ".join("%.3f" % t for t in times), flush=True)


if __name__ == "__main__":
    main()
