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
}
