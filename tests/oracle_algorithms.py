"""A numpy reference for BatchNorm folding, im2col and Winograd, written from the definitions.

Nothing here imports quizcnn. Each routine computes real arrays: a convolution is a loop over
output positions and a dot product with each (dilated) window; im2col gathers those windows
into a matrix; Winograd F(m, r) is built by Toom-Cook from polynomial evaluation at n = m+r-1
points (no published matrices copied) and counts each elementwise multiplication it performs.
"""

from __future__ import annotations

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray | None, stride: int = 1, padding: int = 0,
           dilation: int = 1, groups: int = 1) -> np.ndarray:
    """x (N, C, H, W), w (C_out, C/g, kh, kw): PyTorch's cross-correlation, by loops."""
    n, c, h, wd = x.shape
    cout, cg, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (wd + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    out = np.zeros((n, cout, ho, wo))
    per = cout // groups
    for o in range(cout):
        gi = o // per
        for i in range(ho):
            for j in range(wo):
                win = xp[:, gi * cg:(gi + 1) * cg,
                         i * stride:i * stride + dilation * (kh - 1) + 1:dilation,
                         j * stride:j * stride + dilation * (kw - 1) + 1:dilation]
                out[:, o, i, j] = (win * w[o]).sum(axis=(1, 2, 3))
    if b is not None:
        out += b[None, :, None, None]
    return out


def batchnorm_eval(y: np.ndarray, gamma, beta, mean, var, eps: float = 1e-5) -> np.ndarray:
    s = (None, slice(None), None, None)
    return (y - mean[s]) / np.sqrt(var[s] + eps) * gamma[s] + beta[s]


def fold(w: np.ndarray, b: np.ndarray | None, gamma, beta, mean, var, eps: float = 1e-5):
    """The folded conv's (weight, bias): the BN's per-channel affine map moved into the conv."""
    scale = gamma / np.sqrt(var + eps)
    b0 = np.zeros(w.shape[0]) if b is None else b
    return w * scale[:, None, None, None], beta + (b0 - mean) * scale


def im2col(x: np.ndarray, kh: int, kw: int, stride: int = 1, padding: int = 0,
           dilation: int = 1) -> np.ndarray:
    """One column per output position (all images), one row per weight of a filter."""
    n, c, h, wd = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    ho = (h + 2 * padding - dilation * (kh - 1) - 1) // stride + 1
    wo = (wd + 2 * padding - dilation * (kw - 1) - 1) // stride + 1
    cols = []
    for b in range(n):
        for i in range(ho):
            for j in range(wo):
                win = xp[b, :, i * stride:i * stride + dilation * (kh - 1) + 1:dilation,
                         j * stride:j * stride + dilation * (kw - 1) + 1:dilation]
                cols.append(win.reshape(-1))
    return np.stack(cols, axis=1)


def toom_cook(m: int, r: int):
    """(AT, G, BT) for the correlation F(m, r): y = AT [(G g) * (BT d)], from evaluating the
    product polynomial at n = m + r - 1 points and interpolating (transposed for correlation)."""
    n = m + r - 1
    pts = [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 1.5][:n]
    vand = np.array([[p ** j for j in range(n)] for p in pts])
    g_eval = vand[:, :r]  # g(p_k)
    x_eval = vand[:, :m]  # x(p_k)
    interp = np.linalg.inv(vand)  # coefficients of the product from its values
    # linear conv c = interp diag(G g) x_eval x; its transpose in x is the correlation
    return x_eval.T, g_eval, interp.T


class Counter:
    def __init__(self) -> None:
        self.mults = 0

    def mul(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        out = np.empty_like(a)
        for idx in np.ndindex(a.shape):
            out[idx] = a[idx] * b[idx]
            self.mults += 1
        return out


def winograd_conv(x: np.ndarray, w: np.ndarray, m: int, counter: Counter) -> np.ndarray:
    """Stride-1 valid conv of x (C_in, H, W) with w (C_out, C_in, r, r) by F(m x m, r x r);
    the last tiles read zeros past the edge and their extra outputs are dropped."""
    cin, h, wd = x.shape
    cout, _, r, _ = w.shape
    at, g, bt = toom_cook(m, r)
    n = m + r - 1
    ho, wo = h - r + 1, wd - r + 1
    th, tw = -(-ho // m), -(-wo // m)
    xp = np.zeros((cin, th * m + r - 1, tw * m + r - 1))
    xp[:, :h, :wd] = x
    u = np.einsum("ij,ocjk,lk->ocil", g, w, g)  # G g G^T per filter
    out = np.zeros((cout, th * m, tw * m))
    for ti in range(th):
        for tj in range(tw):
            d = xp[:, ti * m:ti * m + n, tj * m:tj * m + n]
            v = np.einsum("ij,cjk,lk->cil", bt, d, bt)  # B^T d B per channel
            for o in range(cout):
                acc = np.zeros((n, n))
                for c in range(cin):
                    acc += counter.mul(u[o, c], v[c])
                out[o, ti * m:(ti + 1) * m, tj * m:(tj + 1) * m] = at @ acc @ at.T
    return out[:, :ho, :wo]
