// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import org.pamlearn.core.internal.Texts;
import org.pamlearn.robot.sim.LineFollowerSim;
import org.pamlearn.robot.sim.LookaheadSensors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --camera RxC} option: the camera grid of {@code --sensors camera}, {@code R} rows ahead of
 * {@code C} mirrored patch pairs each, so {@code 2 R C} predictors (4x6: the authors' 48). A failure is the usage
 * error {@code invalid value for --camera: <why>}.
 */
final class CameraOption implements ITypeConverter<CameraOption.Grid> {

    /** What {@code --camera} takes, for help texts. */
    static final String DESCRIPTION = "The camera grid of --sensors camera: R rows ahead x C mirrored patch pairs per"
            + " row, each 1.." + LineFollowerSim.MAX_CAMERA_SIZE + "; 2 R C predictors, each through 5 resonators"
            + " (4x6: the authors' 48 predictors, 240 network inputs).";

    /**
     * A camera grid.
     *
     * @param rows rows ahead
     * @param columns patch pairs per row
     */
    record Grid(int rows, int columns) {

        /**
         * The grid as the option writes it.
         *
         * @return {@code RxC}
         */
        @Override
        public String toString() {
            return rows + "x" + columns;
        }
    }

    /**
     * The grid a command uses: the option's, or the simulator's default when it was not given.
     *
     * @param spec the command
     * @param camera the option's value, or {@code null}
     * @param sensors the command's sensors
     * @return the grid
     * @throws picocli.CommandLine.ParameterException if {@code --camera} is given without {@code --sensors camera}
     */
    static Grid orDefault(CommandSpec spec, Grid camera, LookaheadSensors sensors) {
        if (camera != null && sensors != LookaheadSensors.CAMERA) {
            throw OptionChecks.usage(spec, "--camera needs --sensors camera");
        }
        return camera != null ? camera
                : new Grid(LineFollowerSim.DEFAULT_CAMERA_ROWS, LineFollowerSim.DEFAULT_CAMERA_COLUMNS);
    }

    CameraOption() {
        // picocli makes one per option
    }

    /**
     * Converts an option's value, for picocli.
     *
     * @param text the value, {@code RxC}
     * @return the grid
     * @throws TypeConversionException if the text is malformed or a size is out of range
     */
    @Override
    public Grid convert(String text) {
        String[] parts = text.strip().split("x", -1);
        int rows;
        int columns;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            rows = Integer.parseInt(parts[0].strip());
            columns = Integer.parseInt(parts[1].strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(Texts.quote(text) + "; expected RxC (rows x columns, e.g. 4x6)");
        }
        int max = LineFollowerSim.MAX_CAMERA_SIZE;
        if (rows < 1 || rows > max || columns < 1 || columns > max) {
            throw new TypeConversionException("rows and columns must be 1.." + max + ", got " + Texts.quote(text));
        }
        return new Grid(rows, columns);
    }
}
