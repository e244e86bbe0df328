"""PyTorch reference of r1lab's policy for `npm run bench:vs-torch`: the same Llama decoder
(RMSNorm, RoPE rotate_half, causal multi-head attention, SwiGLU, optional tied head), the same
training step (mean next-token cross-entropy, global-norm clipping, AdamW with decay on matrices
only) and the same KV-cache sampling (one batched decode step per new token, multinomial at
temperature 1, log-probs kept). Only torch and the standard library: it loads r1lab's
model.safetensors with a 20-line reader instead of the `safetensors` package.

It is a server: one JSON command per stdin line, one JSON reply per stdout line, so the TypeScript
driver can alternate r1lab and PyTorch runs in one sitting with both processes warm.

  {"cmd": "info"}                                         → versions, threads, BLAS library
  {"cmd": "load", "dir": "...", "config": {...}}          → loads model.safetensors
  {"cmd": "loss", "ids": [[...]]}                         → {"loss": x}
  {"cmd": "train", "ids": [[...]], "steps": n, "lr": x, "max_grad_norm": x, "weight_decay": x}
                                                          → {"losses": [...], "after": x}
  {"cmd": "time_train", "batch": B, "length": T, "runs": n, "warmup": true}
                                                          → {"wall_ms": [...], "cpu_ms": [...]}
  {"cmd": "time_sample", "batch": B, "new_tokens": n, "runs": n, "warmup": true}  → likewise

Run with `python3 llama_torch.py --threads 1`. Needs python3-torch (Debian) and, for a fast BLAS,
libopenblas0-pthread: without it Debian's torch uses the reference BLAS, about 20× slower.
"""

import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I32": torch.int32}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    body = memoryview(data)[8 + n :]
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        lo, hi = meta["data_offsets"]
        t = torch.frombuffer(bytearray(body[lo:hi]), dtype=DTYPES[meta["dtype"]])
        out[name] = t.reshape(meta["shape"]).float()
    return out


class Llama(torch.nn.Module):
    """HF LlamaForCausalLM's forward in plain ops (tensor names as in model.safetensors)."""

    def __init__(self, cfg, tensors):
        super().__init__()
        self.cfg = cfg
        self.H = cfg["num_attention_heads"]
        self.Hkv = cfg.get("num_key_value_heads", self.H)
        self.hd = cfg.get("head_dim") or cfg["hidden_size"] // self.H
        self.eps = cfg.get("rms_norm_eps", 1e-6)
        self.theta = cfg.get("rope_theta", 10000.0)
        self.p = torch.nn.ParameterDict(
            {name.replace(".", "__"): torch.nn.Parameter(t.clone()) for name, t in tensors.items()}
        )
        self.tied = "lm_head.weight" not in tensors

    def w(self, name):
        return self.p[name.replace(".", "__")]

    def norm(self, x, weight):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * weight

    def rope(self, positions):
        inv = 1.0 / (self.theta ** (torch.arange(0, self.hd, 2, dtype=torch.float64) / self.hd))
        freqs = positions.double()[:, None] * inv[None, :]
        emb = torch.cat([freqs, freqs], -1)
        return emb.cos().float(), emb.sin().float()

    @staticmethod
    def rotate_half(x):
        h = x.shape[-1] // 2
        return torch.cat([-x[..., h:], x[..., :h]], -1)

    def forward(self, ids, cache=None, start=0):
        """ids [B, T] at positions start..start+T-1; cache: per layer (k, v) [B, Hkv, Tk, hd]."""
        B, T = ids.shape
        H, Hkv, hd = self.H, self.Hkv, self.hd
        x = F.embedding(ids, self.w("model.embed_tokens.weight"))
        cos, sin = self.rope(torch.arange(start, start + T))
        cos, sin = cos[None, None], sin[None, None]
        new_cache = []
        tk = start + T
        mask = None
        if T > 1:
            mask = torch.full((T, tk), float("-inf")).triu(start + 1)
        for i in range(self.cfg["num_hidden_layers"]):
            p = f"model.layers.{i}."
            h = self.norm(x, self.w(p + "input_layernorm.weight"))
            q = F.linear(h, self.w(p + "self_attn.q_proj.weight")).view(B, T, H, hd).transpose(1, 2)
            k = F.linear(h, self.w(p + "self_attn.k_proj.weight")).view(B, T, Hkv, hd).transpose(1, 2)
            v = F.linear(h, self.w(p + "self_attn.v_proj.weight")).view(B, T, Hkv, hd).transpose(1, 2)
            q = q * cos + self.rotate_half(q) * sin
            k = k * cos + self.rotate_half(k) * sin
            if cache is not None:
                k = torch.cat([cache[i][0], k], 2)
                v = torch.cat([cache[i][1], v], 2)
            new_cache.append((k, v))
            if Hkv != H:
                k = k.repeat_interleave(H // Hkv, 1)
                v = v.repeat_interleave(H // Hkv, 1)
            scores = q @ k.transpose(-1, -2) / math.sqrt(hd)
            if mask is not None:
                scores = scores + mask
            o = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H * hd)
            x = x + F.linear(o, self.w(p + "self_attn.o_proj.weight"))
            h2 = self.norm(x, self.w(p + "post_attention_layernorm.weight"))
            gate = F.linear(h2, self.w(p + "mlp.gate_proj.weight"))
            up = F.linear(h2, self.w(p + "mlp.up_proj.weight"))
            x = x + F.linear(F.silu(gate) * up, self.w(p + "mlp.down_proj.weight"))
        x = self.norm(x, self.w("model.norm.weight"))
        head = self.w("model.embed_tokens.weight") if self.tied else self.w("lm_head.weight")
        return F.linear(x, head), new_cache

    def lm_loss(self, ids):
        logits, _ = self.forward(ids)
        V = logits.shape[-1]
        return F.cross_entropy(logits[:, :-1].reshape(-1, V), ids[:, 1:].reshape(-1))


def adamw(model, lr, weight_decay):
    """r1lab's AdamW: decoupled decay on matrices only, betas (0.9, 0.999), eps 1e-8."""
    params = list(model.parameters())
    groups = [
        {"params": [p for p in params if p.dim() >= 2], "weight_decay": weight_decay},
        {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=lr, betas=(0.9, 0.999), eps=1e-8)


def train_step(model, opt, ids, max_grad_norm):
    opt.zero_grad(set_to_none=True)
    loss = model.lm_loss(ids)
    loss.backward()
    value = loss.item()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
    opt.step()
    return value


@torch.inference_mode()
def sample(model, batch, new_tokens, bos, gen):
    ids = torch.full((batch, 1), bos, dtype=torch.long)
    logits, cache = model(ids)
    pos = 1
    tokens, logps = [], []
    for step in range(new_tokens):
        lp = torch.log_softmax(logits[:, -1], -1)
        tok = torch.multinomial(lp.exp(), 1, generator=gen)
        tokens.append(tok)
        logps.append(lp.gather(1, tok))
        if step == new_tokens - 1:
            break
        logits, cache = model(tok, cache, pos)
        pos += 1
    return torch.cat(tokens, 1), torch.cat(logps, 1)


def timed(runs, fn, warmup=True):
    if warmup:
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {"wall_ms": wall, "cpu_ms": cpu}


def blas_library():
    """The BLAS shared object this process mapped (what torch's matmuls actually call)."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if ".so" in line}
    except OSError:
        return "unknown"
    hits = sorted(l for l in libs if "blas" in os.path.basename(l).lower())
    return ", ".join(os.path.realpath(l) for l in hits) or "none mapped"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    torch.ones(64, 64) @ torch.ones(64, 64)  # maps the BLAS library
    model = None
    opt = None
    cfg = None
    for line in sys.stdin:
        req = json.loads(line)
        cmd = req["cmd"]
        try:
            if cmd == "info":
                out = {
                    "torch": torch.__version__,
                    "python": sys.version.split()[0],
                    "threads": torch.get_num_threads(),
                    "interop_threads": torch.get_num_interop_threads(),
                    "blas": blas_library(),
                    "openblas_num_threads": os.environ.get("OPENBLAS_NUM_THREADS", "unset"),
                    "mkldnn": torch.backends.mkldnn.is_available(),
                }
            elif cmd == "load":
                cfg = req["config"]
                model = Llama(cfg, read_safetensors(os.path.join(req["dir"], "model.safetensors")))
                opt = None
                out = {"parameters": sum(p.numel() for p in model.parameters())}
            elif cmd == "loss":
                with torch.no_grad():
                    out = {"loss": model.lm_loss(torch.tensor(req["ids"])).item()}
            elif cmd == "train":
                ids = torch.tensor(req["ids"])
                opt = adamw(model, req["lr"], req["weight_decay"])
                losses = [train_step(model, opt, ids, req["max_grad_norm"]) for _ in range(req["steps"])]
                with torch.no_grad():
                    out = {"losses": losses, "after": model.lm_loss(ids).item()}
            elif cmd == "time_train":
                ids = torch.randint(0, cfg["vocab_size"], (req["batch"], req["length"]))
                opt = opt or adamw(model, 1e-3, 0.01)
                out = timed(req["runs"], lambda: train_step(model, opt, ids, 1.0), req.get("warmup", True))
            elif cmd == "time_sample":
                gen = torch.Generator().manual_seed(1)
                out = timed(
                    req["runs"],
                    lambda: sample(model, req["batch"], req["new_tokens"], req.get("bos", 0), gen),
                    req.get("warmup", True),
                )
            else:
                raise ValueError(f"unknown command {cmd}")
        except Exception as err:  # reported to the driver, which stops with the message
            out = {"error": f"{type(err).__name__}: {err}"}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
