// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.spark;

import java.io.Serializable;
import org.pamlearn.bench.race.CompareSweep;

/**
 * Builds a sweep's {@link CompareSweep.Setting} where the runs happen. A setting holds its
 * {@link org.pamlearn.robot.sim.Track}, which is not serializable (and is megabytes of rasters), so a Spark task does
 * not get the setting but this recipe, made of what builds it again (a track's name or file path, the sensors, the
 * camera, speed, horizon and criterion), and builds it once per executor.
 */
@FunctionalInterface
public interface SettingRecipe extends Serializable {

    /**
     * Builds the setting.
     *
     * @return the setting, equal in every field but the track's identity to the sweep's
     */
    CompareSweep.Setting build();
}
