// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.HashSet;
import java.util.Set;

/** A sensor returning a settable sample, throwing {@link SensorException} on chosen reads (counted from 1). */
final class ScriptedSensor implements SampleProvider {

    final double[] values;
    final Set<Integer> faultyReads = new HashSet<>();
    int reads;

    ScriptedSensor(double... values) {
        this.values = values.clone();
    }

    @Override
    public int sampleSize() {
        return values.length;
    }

    @Override
    public void fetchSample(double[] dst, int offset) {
        reads++;
        if (faultyReads.contains(reads)) {
            throw new SensorException("scripted fault on read " + reads);
        }
        System.arraycopy(values, 0, dst, offset, values.length);
    }
}
