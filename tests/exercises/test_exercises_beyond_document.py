"""The generators of the topics beyond the document (LSTMP, inference memory, the forget-gate
bias and chrono initialisation, layer normalisation, the GRU's direct path, dropout masks)
against torch and the engine."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tutor.engine import lstm
from tutor.exercises import generate


def numel(module: torch.nn.Module, layer: str | None = None) -> int:
    return sum(
        p.numel() for n, p in module.named_parameters() if layer is None or n.endswith(layer)
    )


def sizes(exercise, *names: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [int(exercise.givens[name]) for name in names]


@pytest.mark.parametrize("seed", range(12))
def test_lstmp_counts_are_torchs(seed: int) -> None:
    one = generate("params.lstmp", seed, 1)
    H, D, P = sizes(one, "H", "D", "P")
    module = torch.nn.LSTM(D, H, proj_size=P, device="meta")
    h_n, c_n = (torch.zeros(1, 1, P), torch.zeros(1, 1, H))  # what nn.LSTM returns as state
    assert one.cell("h_size").expected == h_n.shape[-1] and one.cell("C_size").expected == H
    assert c_n.shape[-1] == H
    # one bias per gate: PyTorch's count less one of its two bias vectors
    assert one.cell("lstmp").expected == numel(module) - 4 * H
    assert one.cell("lstm").expected == numel(torch.nn.LSTM(D, H, device="meta")) - 4 * H

    two = generate("params.lstmp", seed, 2)
    H, D, P = sizes(two, "H", "D", "P")
    module = torch.nn.LSTM(D, H, proj_size=P, device="meta")
    assert two.cell("torch").expected == numel(module)
    # one product per weight entry for one example and one step
    weights = module.weight_ih_l0.numel() + module.weight_hh_l0.numel()
    assert two.cell("mults_lstmp").expected == weights + module.weight_hr_l0.numel()
    plain = torch.nn.LSTM(D, H, device="meta")
    assert two.cell("mults_lstm").expected == plain.weight_ih_l0.numel() + plain.weight_hh_l0.numel()

    three = generate("params.lstmp", seed, 3)
    H, D, P = sizes(three, "H", "D", "P")
    module = torch.nn.LSTM(D, H, num_layers=2, proj_size=P, device="meta")
    assert three.cell("layer_1").expected == numel(module, "_l0")
    assert three.cell("layer_2").expected == numel(module, "_l1")
    assert three.cell("loop").expected == module.weight_hh_l1.numel() + module.weight_hr_l1.numel()


@pytest.mark.parametrize("seed", range(12))
def test_inference_memory_is_the_size_of_the_tensors_kept(seed: int) -> None:
    for difficulty in (1, 2, 3):
        exercise = generate("acceleration.inference-memory", seed, difficulty)
        L, H, N, T = sizes(exercise, "L", "H", "N", "T")
        B = int(exercise.givens.get("B", 1))
        dtype = torch.float32 if difficulty == 1 else torch.float16
        size = 1 if difficulty == 1 else torch.zeros((), dtype=dtype).element_size()
        module = torch.nn.LSTM(2, H, num_layers=L)
        with torch.no_grad():  # the state after 1 step and after 3: the same size
            states = [module(torch.zeros(steps, B, 2))[1] for steps in (1, 3)]
        kept = {sum(s.numel() for s in state) for state in states}
        assert kept == {exercise.cell("lstm").expected // size}
        heads = int(exercise.givens["n_kv"]) if difficulty == 3 else 1
        width = int(exercise.givens["d_head"]) if difficulty == 3 else int(exercise.givens["d_model"])
        keys = torch.zeros(B, heads, T, width, dtype=dtype, device="meta")  # one layer's K
        cache = 2 * N * keys.numel() * size  # K and V in each of N layers
        assert exercise.cell("kv").expected == cache
        if difficulty == 2:
            assert exercise.cell("token").expected == cache // T
            assert exercise.cell("token_lstm").expected == 0
        if difficulty == 3:
            assert exercise.cell("fit").expected == int(exercise.givens["M"]) * 2**30 // cache


def decay(b_f: np.ndarray, steps: int) -> np.ndarray:
    """C_0 = 1 kept by an engine LSTM with zero weights, forget bias b_f and the input gate
    shut: C_k, k = 1…steps."""
    H = b_f.shape[0]
    zeros = np.zeros((H, H + 1))
    params = lstm.LSTMParams(
        W_f=zeros, W_i=zeros, W_C=zeros, W_o=zeros,
        b_f=b_f, b_i=np.full(H, -60.0), b_C=np.zeros(H), b_o=np.zeros(H),
    )  # fmt: skip
    trace = lstm.forward(params, np.zeros((steps, 1)), C0=np.ones(H))
    return trace.Cs


@pytest.mark.parametrize("seed", range(12))
def test_forget_bias_decay_half_life_and_time_scale_follow_the_engine(seed: int) -> None:
    for difficulty in (1, 2):
        exercise = generate("init.forget-bias", seed, difficulty)
        b = np.atleast_1d(exercise.givens["b_f"])
        Cs = decay(b, 1000)[:, 0]  # b_f ≤ 3: τ ≤ 21, so f^1000 is nothing
        assert np.isclose(exercise.cell("f").expected, Cs[0])
        # τ = 1/(1 − f): the content summed over the steps, C_0 + C_1 + …
        assert np.isclose(exercise.cell("tau").expected, 1 + Cs.sum())
        if difficulty == 2:
            assert exercise.cell("half").expected == 1 + int(np.argmax(Cs < 0.5))
            target = int(exercise.cell("b_wanted").label.split("= ")[1].rstrip(")$"))
            wanted = np.array([exercise.cell("b_wanted").expected])
            kept = decay(wanted, 1)[0, 0]  # f = σ(b_f) from the engine's step
            assert np.isclose(1 / (1 - kept), target)
    chrono = generate("init.forget-bias", seed, 3)
    u = np.asarray(chrono.givens["u"])
    b_f = np.asarray(chrono.cell("b_f").expected)
    assert np.allclose(np.exp(b_f), u) and np.allclose(chrono.cell("b_i").expected, -b_f)
    assert np.allclose(chrono.cell("f").expected, decay(b_f, 1)[0])
    assert np.allclose(chrono.cell("tau").expected, 1 + u)


@pytest.mark.parametrize("seed", range(12))
def test_layer_norm_is_torchs(seed: int) -> None:
    for difficulty in (1, 2, 3):
        exercise = generate("lstm.layer-norm", seed, difficulty)
        z = torch.tensor(np.asarray(exercise.givens.get("z", exercise.givens.get("C"))))
        gain = exercise.givens.get("alpha")
        bias = exercise.givens.get("beta")
        weight = None if gain is None else torch.tensor(np.asarray(gain))
        shift = None if bias is None else torch.tensor(np.asarray(bias))
        normed = torch.nn.functional.layer_norm(z, z.shape, weight, shift, eps=0.0)
        assert np.allclose(exercise.cell("normed").expected, normed.numpy(), atol=1e-12)
        assert np.isclose(exercise.cell("mu").expected, z.mean().item())
        assert np.isclose(exercise.cell("s").expected, z.std(correction=0).item())
        if difficulty == 3:
            o = torch.tensor(np.asarray(exercise.givens["o"]))
            assert np.allclose(exercise.cell("h").expected, (o * torch.tanh(normed)).numpy())


@pytest.mark.parametrize("seed", range(12))
def test_gru_direct_path_is_torchs_jacobian_without_recurrent_weights(seed: int) -> None:
    for difficulty in (1, 2, 3):
        exercise = generate("gru.direct-path", seed, difficulty)
        H = 2 if difficulty == 3 else 1
        if difficulty == 2:
            T = sum(1 for name in exercise.givens if name.startswith("a_"))
            z = torch.sigmoid(torch.tensor([[exercise.givens[f"a_{k}"]] for k in range(1, T + 1)]))
            f = torch.sigmoid(torch.tensor([exercise.givens[f"c_{k}"] for k in range(1, T + 1)]))
        else:
            T = sum(1 for name in exercise.givens if name.startswith("z_"))
            z = torch.tensor(np.array([np.atleast_1d(exercise.givens[f"z_{k}"]) for k in range(1, T + 1)]))
            f = (
                torch.tensor([exercise.givens[f"f_{k}"] for k in range(1, T + 1)])
                if difficulty == 1
                else None
            )
        cell = torch.nn.GRUCell(H, H, dtype=torch.float64)
        with torch.no_grad():
            for p in cell.parameters():
                p.zero_()
            cell.weight_ih[H : 2 * H] = torch.eye(H)  # PyTorch's rows r, z, n: x_t drives z_t
        xs = torch.logit(z.to(torch.float64))

        def run(
            h0: torch.Tensor, xs: torch.Tensor = xs, cell: torch.nn.GRUCell = cell
        ) -> torch.Tensor:
            h = h0
            for x in xs:
                h = cell(x[None], h[None])[0]
            return h

        J = torch.autograd.functional.jacobian(run, torch.full((H,), 0.3, dtype=torch.float64))
        assert np.allclose(exercise.cell("gru").expected, torch.diagonal(J).numpy(), atol=1e-12)
        if f is not None:
            assert np.isclose(exercise.cell("lstm").expected, torch.prod(f).item())


@pytest.mark.parametrize("seed", range(12))
def test_dropout_masks_are_the_sizes_of_what_they_multiply(seed: int) -> None:
    one = generate("dropout.masks", seed, 1)
    L, H, T, B = sizes(one, "L", "H", "T", "B")
    module = torch.nn.LSTM(3, H, num_layers=L, device="meta")
    output, _ = module(torch.zeros(T, B, 3, device="meta"))  # each layer's output: (T, B, H)
    assert one.cell("between").expected == (L - 1) * output.numel()
    p = float(one.prompt.en.split("dropout=")[1].split(")")[0])
    assert np.isclose(one.cell("scale").expected, 1 / (1 - p))

    two = generate("dropout.masks", seed, 2)
    H, T, B = sizes(two, "H", "T", "B")
    layer = torch.nn.LSTM(3, H, device="meta")
    assert two.cell("per_step").expected == torch.zeros(T, B, H, device="meta").numel()
    assert two.cell("per_sequence").expected == torch.zeros(B, H, device="meta").numel()
    assert two.cell("per_weight").expected == layer.weight_hh_l0.numel()

    three = generate("dropout.masks", seed, 3)
    L, H = sizes(three, "L", "H")
    stack = torch.nn.LSTM(3, H, num_layers=L, device="meta")
    recurrent = sum(getattr(stack, f"weight_hh_l{k}").numel() for k in range(L))
    assert three.cell("weights").expected == recurrent
    p = float(three.prompt.en.split("rate p = ")[1].split(" ")[0])
    assert three.cell("dropped").expected == p * recurrent
