#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Golden values for ReplayGoldenTest (examples/src/test/java/org/pamlearn/examples/cli).

An independent implementation, from scratch and with the standard library only, of docs/ALGORITHMS.md
section 3 (BP, SaR, PaM on a fully connected network) and of the replay semantics of docs/DESIGN.md,
"Replay log": per row, forward(inputs), then learn(error) on that forward pass; a scalar err goes to every
output, err0..errM-1 one per output (cues and relevance see their mean); a mod column replaces SaR's relevance
and PaM's cue product (BP ignores it); q feeds the look-ahead cue; E(n-1) is the previous row's (mean) error,
0 at first.

Run from the repository root:  python3 examples/src/test/python/replay_golden.py
It prints one Java `golden(...)` line per scenario, pasted into ReplayGoldenTest.
"""
import math

# The two tiny networks: (activation, weights[j][i], bias or None) per layer; 2 inputs each.
NET_A = [("CENTERED_SIGMOID", [[0.3, -0.2], [0.5, 0.1]], None),
         ("CENTERED_SIGMOID", [[0.7, -0.4]], None)]
NET_B = [("CENTERED_SIGMOID", [[0.2, 0.4], [-0.3, 0.6]], [0.05, -0.1]),
         ("TANH", [[0.5, -0.6], [0.25, 0.8]], None)]

# Rows: inputs, errors (one per output of NET_B; NET_A uses the first as its scalar err), mod, q.
ROWS = [([0.5, -1.0], [0.8, -0.3], 0.5, 3.0),
        ([1.0, 0.25], [-0.4, 0.2], 1.5, 9.5),
        ([-0.75, 0.5], [0.3, 0.6], 2.0, 5.0),
        ([0.2, 0.9], [0.6, -0.7], 0.25, 11.0)]

# name, network, per-output errors?, use mod?, use q?, options
SCENARIOS = [
    ("bp_scalar", NET_A, False, False, False, dict(rule="bp", eta=0.5)),
    ("bp_no_output_derivative_ignores_mod_q", NET_A, False, True, True,
     dict(rule="bp", eta=0.5, output_derivative=False)),
    ("bp_per_output", NET_B, True, False, False, dict(rule="bp", eta=0.3)),
    ("sar_abs_error", NET_A, False, False, False, dict(rule="sar", eta=0.1)),
    ("sar_mod", NET_A, False, True, False, dict(rule="sar", eta=0.1)),
    ("sar_const_sign_only_per_output", NET_B, True, False, False,
     dict(rule="sar", eta=0.1, relevance="const", sign_only=True)),
    ("pam_q", NET_A, False, False, True, dict(rule="pam", eta=0.05)),
    ("pam_mod_and_q", NET_A, False, True, True, dict(rule="pam", eta=0.05)),
    ("pam_per_output_q_custom_cues", NET_B, True, False, True,
     dict(rule="pam", eta=0.05, centre=4.0, kappa=0.5, clamp=0.1)),
    ("pam_error_rate_only", NET_A, False, False, False,
     dict(rule="pam", eta=0.05, cues=("error-rate",), output_derivative=False)),
    ("pam_no_cues_sign_only_per_output", NET_B, True, False, False,
     dict(rule="pam", eta=0.05, cues=(), sign_only=True)),
]


def f(name, v):
    if name == "CENTERED_SIGMOID":
        return 1.0 / (1.0 + math.exp(-v)) - 0.5
    if name == "TANH":
        return math.tanh(v)
    raise ValueError(name)


def df(name, v):
    # Written from v, not from f(v), to stay independent of the library's (0.5+f)(0.5-f) and 1-f^2.
    if name == "CENTERED_SIGMOID":
        e = math.exp(-v)
        return e / ((1.0 + e) * (1.0 + e))
    if name == "TANH":
        c = math.cosh(v)
        return 1.0 / (c * c)
    raise ValueError(name)


def sgn(x):
    return 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)


def replay(net, per_output, use_mod, use_q, opt):
    layers = [(act, [row[:] for row in w], None if b is None else b[:]) for act, w, b in net]
    rule = opt["rule"]
    eta = opt["eta"]
    output_derivative = opt.get("output_derivative", True)
    sign_only = opt.get("sign_only", False)
    previous = 0.0
    for x, errs, mod, q in ROWS:
        n_out = len(layers[-1][1])
        e_m = errs[:n_out] if per_output else [errs[0]] * n_out
        e = sum(e_m) / len(e_m) if per_output else errs[0]
        # forward
        a = [x]
        v = []
        for act, w, b in layers:
            vl = [sum(w[j][i] * a[-1][i] for i in range(len(a[-1]))) + (b[j] if b is not None else 0.0)
                  for j in range(len(w))]
            v.append(vl)
            a.append([f(act, z) for z in vl])
        # error signals, all from the weights before this step's update
        n_layers = len(layers)
        d = [None] * n_layers
        act_l = layers[-1][0]
        d[-1] = [e_m[m] * (df(act_l, v[-1][m]) if output_derivative else 1.0) for m in range(n_out)]
        if rule != "bp" and sign_only:
            d[-1] = [sgn(t) for t in d[-1]]
        for l in range(n_layers - 2, -1, -1):
            w_next = layers[l + 1][1]
            act_l = layers[l][0]
            back = [sum(w_next[j][k] * d[l + 1][j] for j in range(len(w_next))) for k in range(len(layers[l][1]))]
            d[l] = [df(act_l, v[l][k]) * back[k] for k in range(len(back))]
            if rule != "bp" and sign_only:
                d[l] = [sgn(t) for t in d[l]]
        # global factor; the cues see E(n) and E(n-1) saturated to [-L, L] (the cue error limit, default 1)
        lim = opt.get("cue_error_limit", 1.0)
        ce, cp = max(-lim, min(lim, e)), max(-lim, min(lim, previous))
        if rule == "bp":
            m_n = 1.0
        elif use_mod:
            m_n = mod
        elif rule == "sar":
            m_n = abs(ce) if opt.get("relevance", "abs-error") == "abs-error" else 1.0
        else:
            m_n = 1.0
            cues = opt.get("cues", ("error-rate", "lookahead"))
            if "error-rate" in cues:
                c = opt.get("clamp", 10.0)
                m_n *= math.exp(max(-c, min(c, ce * (ce - cp) / 1.0)))
            if "lookahead" in cues:
                m_n *= math.atan(opt.get("kappa", 1.0) * abs(opt.get("centre", 6.5) - q))
        # updates: dw_ji = eta * M * A_i * g_j, g = delta (bp) or sgn(delta); biases with input 1
        for l, (act, w, b) in enumerate(layers):
            for j in range(len(w)):
                g = d[l][j] if rule == "bp" else sgn(d[l][j])
                for i in range(len(w[j])):
                    w[j][i] += eta * m_n * a[l][i] * g
                if b is not None:
                    b[j] += eta * m_n * g
        previous = e
    return layers


def java(values):
    if isinstance(values, list):
        return "{" + ", ".join(java(x) for x in values) + "}"
    return repr(float(values))


def main():
    indent = " " * 12
    for name, net, per_output, use_mod, use_q, opt in SCENARIOS:
        layers = replay(net, per_output, use_mod, use_q, opt)
        weights = (",\n" + indent + "        ").join(java(w) for _, w, _ in layers)
        biases = ", ".join("null" if b is None else "new double[] " + java(b) for _, _, b in layers)
        print(indent + 'golden("%s",' % name)
        print(indent + "        new double[][][] {")
        print(indent + "        " + weights + "},")
        print(indent + "        new double[][] {%s})," % biases)


if __name__ == "__main__":
    main()
