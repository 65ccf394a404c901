// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

/** Checks shared by the rule builders. */
final class Rules {

    private Rules() {
    }

    static double requireEta(double eta) {
        if (!(eta > 0) || eta == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("eta must be finite and > 0, got " + eta);
        }
        return eta;
    }
}
