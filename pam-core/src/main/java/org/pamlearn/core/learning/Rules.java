// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.internal.Checks;

/** Checks shared by the rule builders. */
final class Rules {

    private Rules() {
    }

    static double requireEta(double eta) {
        Checks.requirePositive("eta", eta);
        return eta;
    }

    /** A cue error limit is {@code > 0}; {@code +Infinity} turns the limit off. */
    static double requireCueErrorLimit(double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("cueErrorLimit must be > 0 (Infinity turns the limit off), got "
                    + limit);
        }
        return limit;
    }
}
