"""BN folding, im2col, Winograd and activation memory in the core against real numpy arrays
(tests/oracle_algorithms.py): a real BN folded into a real conv gives the same outputs and its
arrays are counted; the im2col matrix is built and multiplied; Winograd runs on random tiles
and counts the multiplications it performs; activation tensors are allocated and measured."""

from __future__ import annotations

import numpy as np
import oracle
import oracle_algorithms as oa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizcnn.core import LayerError, analyze
from quizcnn.core.algorithms import activations_bytes, im2col, tensor_bytes, winograd
from quizcnn.core.blocks import bn_fold, densenet_channels, squeeze_excite


@settings(max_examples=40, deadline=None)
@given(cin=st.sampled_from([1, 2, 3, 4, 6]), cout=st.sampled_from([2, 4, 6]),
       k=st.sampled_from([1, 2, 3, (1, 3), (3, 2)]), groups=st.sampled_from([1, 2]),
       bias=st.booleans(), seed=st.integers(0, 10**6))
def test_bn_fold_matches_a_real_folded_conv(cin, cout, k, groups, bias, seed):
    if cin % groups or cout % groups:
        return
    kh, kw = (k, k) if isinstance(k, int) else k
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(cout, cin // groups, kh, kw))
    b = rng.normal(size=cout) if bias else None
    gamma, beta, mean = rng.normal(size=cout), rng.normal(size=cout), rng.normal(size=cout)
    var = rng.uniform(0.1, 2.0, cout)
    x = rng.normal(size=(2, cin, 6, 7))
    want = oa.batchnorm_eval(oa.conv2d(x, w, b, padding=1, groups=groups), gamma, beta, mean, var)
    wf, bf = oa.fold(w, b, gamma, beta, mean, var)
    got = oa.conv2d(x, wf, bf, padding=1, groups=groups)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
    core = bn_fold(cin, cout, k, groups=groups, bias=bias)
    before = w.size + (0 if b is None else b.size) + gamma.size + beta.size
    assert core.before == before
    assert core.after == wf.size + bf.size
    assert core.bn_buffers == mean.size + var.size
    assert core.saved == before - (wf.size + bf.size)


@settings(max_examples=60, deadline=None)
@given(c=st.integers(1, 4), h=st.integers(3, 9), w=st.integers(3, 9), k=st.integers(1, 3),
       s=st.integers(1, 3), p=st.integers(0, 2), d=st.integers(1, 2), n=st.integers(1, 3),
       cout=st.integers(1, 3), dtype=st.sampled_from(["float32", "float16", "float64", "int8"]))
def test_im2col_shape_and_bytes_are_the_built_matrix(c, h, w, k, s, p, d, n, cout, dtype):
    rng = np.random.default_rng(c * 1000 + h * 100 + w)
    x = rng.normal(size=(n, c, h, w))
    if h + 2 * p < d * (k - 1) + 1 or w + 2 * p < d * (k - 1) + 1:
        with pytest.raises(LayerError):
            im2col(c, h, w, k, s, p, d, batch=n)
        return
    cols = oa.im2col(x, k, k, s, p, d)
    wt = rng.normal(size=(cout, c, k, k))
    direct = oa.conv2d(x, wt, None, s, p, d)
    prod = wt.reshape(cout, -1) @ cols  # the GEMM im2col exists for
    np.testing.assert_allclose(prod.reshape(cout, n, *direct.shape[2:]).transpose(1, 0, 2, 3),
                               direct, atol=1e-9)
    core = im2col(c, h, w, k, s, p, d, batch=n)
    assert (core.rows, core.cols) == cols.shape
    assert core.out_hw == direct.shape[2:]
    assert core.bytes(dtype) == cols.astype(dtype).nbytes


def test_im2col_per_group_rows():
    x = np.random.default_rng(0).normal(size=(1, 8, 5, 5))
    cols = oa.im2col(x[:, :2], 3, 3)  # one group of 4 sees 2 channels
    assert (im2col(8, 5, 5, 3, groups=4).rows, im2col(8, 5, 5, 3, groups=4).cols) == cols.shape


def test_toom_cook_matches_direct_1d():
    rng = np.random.default_rng(1)
    for m, r in [(2, 3), (4, 3), (3, 2), (2, 5), (6, 3), (3, 3), (4, 5)]:
        at, g, bt = oa.toom_cook(m, r)
        d, f = rng.normal(size=m + r - 1), rng.normal(size=r)
        want = [sum(d[i + j] * f[j] for j in range(r)) for i in range(m)]
        np.testing.assert_allclose(at @ ((g @ f) * (bt @ d)), want, atol=1e-8)


@pytest.mark.parametrize(("m", "r", "h", "w", "cin", "cout"),
                         [(2, 3, 4, 4, 1, 1), (2, 3, 7, 6, 2, 3), (4, 3, 8, 9, 2, 2),
                          (3, 2, 6, 5, 1, 2), (2, 5, 9, 7, 2, 1), (6, 3, 10, 8, 1, 1),
                          (3, 3, 7, 8, 1, 2), (4, 5, 11, 9, 1, 1)])
def test_winograd_counts_the_multiplications_performed(m, r, h, w, cin, cout):
    rng = np.random.default_rng(m * 10 + r)
    x = rng.normal(size=(cin, h, w))
    wt = rng.normal(size=(cout, cin, r, r))
    counter = oa.Counter()
    got = oa.winograd_conv(x, wt, m, counter)
    direct = oa.conv2d(x[None], wt, None)[0]
    np.testing.assert_allclose(got, direct, atol=1e-6)
    core = winograd(m, r, cin, cout, h - r + 1, w - r + 1)
    assert core.mults == counter.mults
    one = oa.Counter()  # a single tile, one channel pair
    oa.winograd_conv(x[:1, :m + r - 1, :m + r - 1], wt[:1, :1], m, one)
    assert winograd(m, r).tile_mults == one.mults
    # direct multiplications, counted by a loop over outputs and taps
    taps = sum(1 for _ in np.ndindex(cout, cin, h - r + 1, w - r + 1, r, r))
    assert core.direct_mults == taps


@pytest.mark.parametrize("dtype", ["float32", "float16", "float64", "int8"])
def test_activation_bytes_are_the_allocated_arrays(dtype):
    specs = [oracle.Spec("Conv2d", (3, 8, 3), {"stride": 2, "padding": 1}),
             oracle.Spec("MaxPool2d", (2,)), oracle.Spec("Conv2d", (8, 16, 3))]
    res = oracle.run((3, 17, 19), specs)
    texts = [s.text() for s in specs]
    core_shapes = [lr.output for lr in analyze((3, 17, 19), texts).layers]
    for batch in (1, 4):
        arrays = [np.zeros((batch, *s), dtype=dtype) for s in res.shapes]
        assert activations_bytes(core_shapes, batch, dtype) == sum(a.nbytes for a in arrays)
        assert tensor_bytes(core_shapes[0], batch, dtype) == arrays[0].nbytes
    bf16 = tensor_bytes((8, 9, 10), 2, "bfloat16")
    assert bf16 == np.zeros((2, 8, 9, 10), dtype=np.float16).nbytes  # 2 bytes, like fp16


def test_bad_input_is_a_layer_error():
    for call in (lambda: tensor_bytes((3, 4), 1, "float8"), lambda: im2col(3, 2, 2, 5),
                 lambda: squeeze_excite(30, 4), lambda: densenet_channels(64, 32, 6, 0),
                 lambda: bn_fold(6, 4, 3, groups=4), lambda: winograd(0, 3)):
        with pytest.raises(LayerError):
            call()
