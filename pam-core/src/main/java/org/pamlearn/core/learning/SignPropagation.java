// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

/** What travels backwards through the network in the sign rules (docs/ALGORITHMS.md &sect;3). */
public enum SignPropagation {

    /**
     * The real-valued {@code delta} is back-propagated as in BP; only its sign acts at each synapse (the
     * authors' code; the default).
     */
    EXACT_THEN_SIGN,

    /**
     * Signs are what travels: {@code s^(L) = sgn(delta^(L))}, {@code s_k = sgn(f'(v_k) * sum_j w_jk * s_j)}, and
     * each synapse updates with {@code s_j}.
     */
    SIGN_ONLY
}
