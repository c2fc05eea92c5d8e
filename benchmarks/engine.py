"""Engine forward + backward against PyTorch CPU autograd, float64, same shapes, one run.

    .venv/bin/python benchmarks/engine.py             # 1 thread each (stable on a shared box)
    .venv/bin/python benchmarks/engine.py --threads 0 # the libraries' default thread counts
    .venv/bin/python benchmarks/engine.py --quick     # fewer repetitions

For every case both sides do the same work: the forward pass over the whole sequence, then
the backward pass for L = Σ_t ⟨h_t, dh_t⟩ with a fixed random dh, giving every parameter,
input and initial-state gradient. The engine runs ``forward`` + ``backward``; PyTorch runs
``nn.LSTM`` / ``nn.GRU`` / ``nn.RNN`` (bidirectional for the BiLSTM) + ``out.backward(dh)``
with the inputs and initial states requiring grad, weights loaded through
``tutor.engine.convert``.

Timing: process CPU time by default (with one thread per library, the time the code needs
while it has the CPU, so other programs on a shared machine count less; ``--clock wall`` for
wall time), garbage collector off while timing as timeit does. Repetitions alternate engine
and torch in rounds: an engine block of consecutive calls, then a torch block; each round
gives the ratio of the two blocks' medians (paired in time, so drifting machine load cancels)
and the table reports the median ratio ("speed-up", on which the targets are checked). Each
round also alternates single calls ("cold"): every call then starts with the caches the other
library just filled, which costs numpy's ~200 small calls more than torch's few large ones.

Targets (issue #3): tutoring sizes (H ≤ 16, T ≤ 10, B = 1) at least 5× faster than torch;
the large size (D = 128, H = 256, T = 100, B = 32) no slower than 1.3× torch.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="BLAS / OpenMP threads for both numpy and torch (0: leave the libraries' defaults)",
    )
    parser.add_argument(
        "--clock",
        choices=("cpu", "wall"),
        help="process CPU time (the default with --threads 1: other programs' load does not "
        "count) or wall time (the default otherwise, where worker threads run in parallel)",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--no-large", action="store_true", help="skip the large cases")
    return parser.parse_args()


ARGS = _parse()
if ARGS.clock is None:
    ARGS.clock = "cpu" if ARGS.threads == 1 else "wall"
if ARGS.threads > 0:  # must happen before numpy / torch load their thread pools
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(ARGS.threads)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from tutor.engine import bilstm, convert, gru, lstm, rnn  # noqa: E402

if ARGS.threads > 0:
    torch.set_num_threads(ARGS.threads)

DTYPE = torch.float64


@dataclass(frozen=True)
class Case:
    cell: str  # "lstm", "gru", "rnn", "bilstm"
    D: int
    H: int
    T: int
    B: int
    large: bool


TUTORING = [
    Case(cell, D, H, T, 1, large=False)
    for cell in ("lstm", "gru", "rnn", "bilstm")
    for (D, H, T) in ((3, 4, 5), (8, 16, 10))
]
LARGE = [Case(cell, 128, 256, 100, 32, large=True) for cell in ("lstm", "gru", "rnn")]
#: (large, quick) -> (blocks, calls per block), for each of warm and cold.
REPEATS = {
    (False, False): (40, 20),
    (False, True): (8, 20),
    (True, False): (4, 2),
    (True, True): (1, 2),
}


def _engine_and_torch(case: Case, rng: np.random.Generator) -> tuple[Callable[[], object], ...]:
    """Two closures doing forward + backward, the engine's and torch's, on the same weights."""
    T, B, D, H = case.T, case.B, case.D, case.H
    xs = rng.standard_normal((T, B, D))
    h0 = rng.standard_normal((B, H))
    C0 = rng.standard_normal((B, H))
    width = 2 * H if case.cell == "bilstm" else H
    dhs = rng.standard_normal((T, B, width))

    if case.cell == "lstm":
        params = lstm.LSTMParams.random(D, H, rng)
        module = torch.nn.LSTM(D, H, dtype=DTYPE)
        state = convert.lstm_to_torch(params)

        def engine() -> object:
            trace = lstm.forward(params, xs, h0, C0)
            return lstm.backward(params, trace, dhs)

    elif case.cell == "gru":
        params = gru.GRUParams.random(D, H, rng)
        module = torch.nn.GRU(D, H, dtype=DTYPE)
        state = convert.gru_to_torch(params)

        def engine() -> object:
            trace = gru.forward(params, xs, h0)
            return gru.backward(params, trace, dhs)

    elif case.cell == "rnn":
        params = rnn.RNNParams.random(D, H, rng)
        module = torch.nn.RNN(D, H, dtype=DTYPE)
        state = convert.rnn_to_torch(params)

        def engine() -> object:
            trace = rnn.forward(params, xs, h0)
            return rnn.backward(params, trace, dhs)

    else:
        params = bilstm.BiLSTMParams.random(D, H, rng)
        module = torch.nn.LSTM(D, H, bidirectional=True, dtype=DTYPE)
        state = convert.bilstm_to_torch(params)
        h0_2 = np.stack([h0, h0])
        C0_2 = np.stack([C0, C0])

        def engine() -> object:
            trace = bilstm.forward(params, xs, h0_2, C0_2, merge="concat")
            return bilstm.backward(params, trace, dhs)

    module.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()})
    directions = 2 if case.cell == "bilstm" else 1
    x_t = torch.from_numpy(xs).requires_grad_()
    h0_t = torch.from_numpy(np.stack([h0] * directions)).requires_grad_()
    c0_t = torch.from_numpy(np.stack([C0] * directions)).requires_grad_()
    dhs_t = torch.from_numpy(dhs)
    is_lstm = case.cell in ("lstm", "bilstm")

    def reference() -> object:
        for tensor in (x_t, h0_t, c0_t, *module.parameters()):
            tensor.grad = None
        out, _ = module(x_t, (h0_t, c0_t) if is_lstm else h0_t)
        out.backward(dhs_t)
        return out

    return engine, reference


CLOCK = time.process_time if ARGS.clock == "cpu" else time.perf_counter


def _time(fn: Callable[[], object]) -> float:
    start = CLOCK()
    fn()
    return CLOCK() - start


@dataclass(frozen=True)
class Result:
    engine_s: float  # median seconds of one engine call, warm
    torch_s: float  # the same for torch
    speedup: float  # warm: the median over blocks of (torch block median / engine block median)
    cold_speedup: float  # the same for single calls alternating


def measure(case: Case, blocks: int, block: int, rng: np.random.Generator) -> Result:
    """Time engine and torch on one case.

    Warm: ``blocks`` rounds, each an engine block of ``block`` consecutive calls then a torch
    block; each round gives a ratio of the two blocks' medians (paired in time, so drifting
    machine load cancels) and the speed-up is the median of those ratios. Cold: in each round
    also ``block`` single calls alternating engine / torch, each starting with the caches the
    other side used, and the same paired ratio.
    """
    engine, reference = _engine_and_torch(case, rng)
    for _ in range(2 if case.large else 20):  # warm up both
        engine()
        reference()
    warm_engine: list[float] = []
    warm_torch: list[float] = []
    warm_ratios: list[float] = []
    cold_ratios: list[float] = []
    median = statistics.median
    gc.collect()
    gc.disable()
    try:
        for _ in range(blocks):
            e = [_time(engine) for _ in range(block)]
            t = [_time(reference) for _ in range(block)]
            warm_engine += e
            warm_torch += t
            warm_ratios.append(median(t) / median(e))
            pairs = [(_time(engine), _time(reference)) for _ in range(block)]
            cold_ratios.append(median(p[1] for p in pairs) / median(p[0] for p in pairs))
            gc.collect()
    finally:
        gc.enable()
    return Result(median(warm_engine), median(warm_torch), median(warm_ratios), median(cold_ratios))


def main() -> None:
    rng = np.random.default_rng(0)
    threads = (
        f"{ARGS.threads} (numpy and torch)"
        if ARGS.threads > 0
        else f"library defaults (torch {torch.get_num_threads()})"
    )
    print(
        f"engine vs torch {torch.__version__} CPU autograd, float64, threads: {threads}, "
        f"clock: {'process CPU time' if ARGS.clock == 'cpu' else 'wall time'}"
    )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"numpy {np.__version__}, {os.cpu_count()} CPUs, load average {load} at the start\n")
    header = (
        f"{'cell':7} {'D':>4} {'H':>4} {'T':>4} {'B':>3}  {'engine ms':>10} {'torch ms':>10}"
        f"  {'speed-up':>8}  {'cold':>7}  target (on the warm speed-up)"
    )
    print(header)
    print("-" * len(header))
    cases = TUTORING + ([] if ARGS.no_large else LARGE)
    for case in cases:
        blocks, block = REPEATS[(case.large, ARGS.quick)]
        r = measure(case, blocks, block, rng)
        if case.large:
            ok = r.speedup >= 1 / 1.3
            target = f"engine ≤ 1.3× torch: {'ok' if ok else 'MISSED'}"
        else:
            ok = r.speedup >= 5.0
            target = f"≥ 5×: {'ok' if ok else 'MISSED'}"
        print(
            f"{case.cell:7} {case.D:>4} {case.H:>4} {case.T:>4} {case.B:>3}  "
            f"{r.engine_s * 1e3:>10.3f} {r.torch_s * 1e3:>10.3f}  {r.speedup:>7.2f}×  "
            f"{r.cold_speedup:>6.2f}×  {target}",
            flush=True,
        )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average {load} at the end")
    print(
        "speed-up = torch time / engine time (higher is better for the engine), the median of"
        "\nthe ratios of alternating blocks of consecutive calls; engine ms and torch ms are"
        "\nmedians of single calls in those blocks. cold = the same ratio when single calls"
        "\nalternate, each starting with the caches the other side just used."
    )


if __name__ == "__main__":
    main()
