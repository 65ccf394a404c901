// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import java.util.Objects;
import java.util.SplittableRandom;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.SampleProvider;

/**
 * A 2D differential-drive line follower on a {@link Track}, after the authors' Enki setup (docs/ALGORITHMS.md &sect;5):
 * the embedded default robot of the closed-loop controller, headless and deterministic for a seed.
 *
 * <h2>Units and frames</h2>
 * World units are those of the track (think centimetres); time is in seconds. The world frame has x to the
 * right and y upwards, headings are radians counter-clockwise from +x. The robot frame has x forward and y to
 * the left, its origin the robot's reference point (the middle of the wheel axle, the centre of the
 * {@value #BODY_LENGTH} x {@value #BODY_WIDTH} body). A wheel speed command is in speed units, clamped to
 * {@code +-}{@value #MAX_SPEED}; a wheel moves at {@code command * speedScale()} world units per second
 * (default 1/3: the authors' forward speed {@code v0 = 90} covers 30 units per
 * second, 0.9 units per step, about 1160 steps per lap of the built-in track under a reflex). The wheels are
 * {@value #WHEEL_DISTANCE} units apart.
 *
 * <h2>One step</h2>
 * {@link #advance()} is one {@value #STEP_SECONDS} s world step in {@value #SUB_STEPS} sub-steps of exact
 * differential-drive kinematics (each sub-step moves along the circular arc that constant wheel speeds
 * describe, not an Euler step). With motor noise on, each wheel's speed for the step is its clamped command
 * times {@code 1 + u}, {@code u} uniform in {@code [-0.05, 0.05)} from a {@link SplittableRandom} of the seed.
 *
 * <h2>Ground sensors</h2>
 * A ground sensor reads the track's darkness {@code d} blurred by a Gaussian and answers
 * {@code value = logistic(1 - d) = 1 / (1 + exp(d - 1))}: {@link #WHITE} {@code = logistic(1) = 0.7311} on the
 * white floor, {@link #BLACK} {@code = 0.5} on the black line, in between on an edge (monotone in the
 * darkness). The reflex sensors use a blur of {@value #REFLEX_BLUR} units, the look-ahead sensors a stronger one
 * of {@value #LOOKAHEAD_BLUR} units. See {@link #reflexSensors()} and {@link #predictorSensors()}.
 *
 * <h2>Leaving the line</h2>
 * {@link #onLine()} is {@code distanceToLine() <= }{@value #ON_LINE_DISTANCE} (the outer reflex sensors are 15
 * units to the side, plus the line's half width and the blur). When the robot's reference point leaves the
 * track's area, or has been farther than {@value #LOST_DISTANCE} units from the line for {@value #LOST_STEPS}
 * consecutive steps, {@link #advance()} puts it back on the nearest line point heading along the line (the
 * direction closer to its heading), counts it in {@link #repositionCount()} and returns {@code true}, so that
 * the runner can pause learning (30 steps in docs/ALGORITHMS.md &sect;5).
 *
 * <p>After {@link Builder#build()} nothing allocates: {@link #advance()}, the sensors' {@code fetchSample} and
 * the drive's commands work on preallocated state. Not thread-safe: one control loop drives one simulator.
 */
public final class LineFollowerSim {

    /** Distance between the wheels, world units. */
    public static final double WHEEL_DISTANCE = 5.2;

    /** Wheel speed command clamp, speed units. */
    public static final double MAX_SPEED = 100.0;

    /** Relative motor noise: each wheel's speed is its command times {@code 1 + u}, {@code |u| <= 0.05}. */
    public static final double MOTOR_NOISE = 0.05;

    /** Duration of one world step, seconds. */
    public static final double STEP_SECONDS = 0.03;

    /** Kinematic sub-steps per world step. */
    public static final int SUB_STEPS = 3;

    /** Length of the body along x (forward), world units (documentation: there are no collisions). */
    public static final double BODY_LENGTH = 20.0;

    /** Width of the body along y, world units. */
    public static final double BODY_WIDTH = 10.0;

    /** The default speed scale: world units per second per speed unit. */
    public static final double DEFAULT_SPEED_SCALE = 1.0 / 3.0;

    /** A ground sensor's value on white: {@code logistic(1) = 1 / (1 + e^-1)}. */
    public static final double WHITE = 1.0 / (1.0 + Math.exp(-1.0));

    /** A ground sensor's value on black: {@code logistic(0)}. */
    public static final double BLACK = 0.5;

    /** Gaussian blur (standard deviation) of the reflex sensors, world units. */
    public static final double REFLEX_BLUR = 1.5;

    /** Gaussian blur (standard deviation) of the look-ahead sensors and the camera, world units. */
    public static final double LOOKAHEAD_BLUR = 3.0;

    /** The gain of a row predictor: {@code p = max(0, -PREDICTOR_GAIN (value - WHITE))}. */
    public static final double PREDICTOR_GAIN = 10.0;

    /** The largest distance to the line at which {@link #onLine()} holds, world units. */
    public static final double ON_LINE_DISTANCE = 20.0;

    /** The distance to the line beyond which the robot counts as lost, world units. */
    public static final double LOST_DISTANCE = 40.0;

    /** Consecutive lost steps after which the robot is put back on the line. */
    public static final int LOST_STEPS = 100;

    /** Sensors per look-ahead row ({@link LookaheadSensors#ROWS}). */
    public static final int ROW_SENSORS = 15;

    /** Default camera rows. */
    public static final int DEFAULT_CAMERA_ROWS = 4;

    /** Default camera columns (patch pairs per row). */
    public static final int DEFAULT_CAMERA_COLUMNS = 5;

    /** Largest camera rows or columns. */
    public static final int MAX_CAMERA_SIZE = 32;

    /** Reflex sensor positions in the robot frame, in sample order L2, L1, R1, R2 (left to right). */
    private static final double[] REFLEX_X = {10, 10, 10, 10};
    private static final double[] REFLEX_Y = {15, 10, -10, -15};

    private final Track track;
    private final long seed;
    private final LookaheadSensors sensors;
    private final boolean motorNoise;
    private final double speedScale;
    private final Field reflexField;
    private final Field lookaheadField;
    private final int rows;
    private final int columns;
    private final double[] lookX;
    private final double[] lookY;
    private final SplittableRandom random;
    private final SampleProvider reflex = new ReflexSample();
    private final SampleProvider predictors = new PredictorSample();
    private final DifferentialDrive drive = new Drive();

    private double x;
    private double y;
    private double heading;
    private double cos;
    private double sin;
    private double distance;
    private double commandLeft;
    private double commandRight;
    private double wheelLeft;
    private double wheelRight;
    private boolean closed;
    private long steps;
    private int lostSteps;
    private long repositions;
    private final double[] repositionPose = new double[3];

    private LineFollowerSim(Builder b) {
        this.track = b.track;
        this.seed = b.seed;
        this.sensors = b.sensors;
        this.motorNoise = b.motorNoise;
        this.speedScale = b.speedScale;
        this.reflexField = track.blurred(REFLEX_BLUR);
        this.lookaheadField = track.blurred(LOOKAHEAD_BLUR);
        if (sensors == LookaheadSensors.ROWS) {
            rows = 2;
            columns = ROW_SENSORS;
            lookX = new double[rows * columns];
            lookY = new double[rows * columns];
            for (int c = 0; c < columns; c++) {
                lookX[c] = 12;
                lookY[c] = 10 - c * (20.0 / (columns - 1));
                lookX[columns + c] = 20;
                lookY[columns + c] = 20 - c * (40.0 / (columns - 1));
            }
        } else {
            rows = b.cameraRows;
            columns = b.cameraColumns;
            lookX = new double[rows * columns];
            lookY = new double[rows * columns];
            for (int r = 0; r < rows; r++) {
                final double halfSpan = 10.0 + 10.0 * r;
                for (int c = 0; c < columns; c++) {
                    lookX[r * columns + c] = 12.0 + 8.0 * r;
                    lookY[r * columns + c] = (c + 0.5) * halfSpan / columns;
                }
            }
        }
        this.random = new SplittableRandom(seed);
        Pose start = track.startPose();
        setPose(start.x(), start.y(), start.heading());
    }

    /**
     * A builder with the defaults: seed 0, the built-in track, {@link LookaheadSensors#ROWS}, motor noise on,
     * speed scale 1/3, a {@value #DEFAULT_CAMERA_ROWS} x
     * {@value #DEFAULT_CAMERA_COLUMNS} camera.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The reflex sensors: 4 ground sensors (blur {@value #REFLEX_BLUR}), in the order <b>L2, L1, R1, R2</b>, i.e.
     * from left to right, at robot-frame {@code (10, +15), (10, +10), (10, -10), (10, -15)}. The authors' reflex
     * error is {@code E = (L1 + 2 L2) - (R1 + 2 R2)}: 0 when both sides see the same (all white: the line is
     * between the sensors), <b>{@code E < 0} when the line is on the robot's left</b> (dark reads lower),
     * {@code E > 0} on its right. With the motors {@code left = v0 + G_R E}, {@code right = v0 - G_R E}
     * ({@code G_R > 0}) a line on the left slows the left wheel and the robot turns towards the line. Values are
     * in {@code [BLACK, WHITE] = [0.5, 0.7311]}; {@code fetchSample} allocates nothing and never throws a
     * {@link org.pamlearn.robot.SensorException}.
     *
     * @return the sensor group, sample size 4; the same instance every call
     */
    public SampleProvider reflexSensors() {
        return reflex;
    }

    /**
     * The look-ahead sensors, giving the predictor signals directly (blur {@value #LOOKAHEAD_BLUR}), row-major,
     * {@code predictorRows() x predictorColumns()} values; row 0 is the nearest.
     * <ul>
     *   <li>{@link LookaheadSensors#ROWS}: 2 rows of 15 ground sensors, row 0 at robot-frame x = 12 spanning y
     *   from +10 to -10, row 1 (the farthest) at x = 20 spanning +20 to -20, equally spaced; column 1 (1-based)
     *   is the leftmost. Each value is the predictor {@code p = max(0, -10 (value - WHITE))}: 0 on white,
     *   {@code 10 (WHITE - BLACK) = 2.31} on black. The look-ahead position {@code q} is the 1-based column of
     *   the largest value in the farthest row; the centre is {@code (15 + 1) / 2 = 8}, {@code q < 8} means the
     *   path ahead lies to the left.</li>
     *   <li>{@link LookaheadSensors#CAMERA}: {@code R x C} values; row {@code r} (0-based) looks at x =
     *   {@code 12 + 8 r} across a half-span {@code h = 10 + 10 r}; column {@code c} (0-based, from the centre
     *   outwards) compares the two mirrored patches at {@code y = +-(c + 0.5) h / C}: value
     *   {@code darkness(left) - darkness(right)} of the blurred track, in [-1, 1], positive when the line is on
     *   the left. The farthest row gives the look-ahead position: with {@code c*} the 1-based column of its
     *   largest {@code |value|}, the line is {@code c*} patches left of centre if that value is positive, right
     *   otherwise; as a left-to-right position over {@code 2C} patches, {@code q = C + 1 - c*} (left) or
     *   {@code q = C + c*} (right), centre {@code (2C + 1) / 2}.</li>
     * </ul>
     * {@code fetchSample} allocates nothing and never throws a {@link org.pamlearn.robot.SensorException}.
     *
     * @return the sensor group, sample size {@code predictorRows() * predictorColumns()}; the same instance
     *     every call
     */
    public SampleProvider predictorSensors() {
        return predictors;
    }

    /**
     * Rows of the look-ahead sample.
     *
     * @return 2 for {@link LookaheadSensors#ROWS}, the camera rows otherwise
     */
    public int predictorRows() {
        return rows;
    }

    /**
     * Columns of the look-ahead sample.
     *
     * @return 15 for {@link LookaheadSensors#ROWS}, the camera columns (patch pairs) otherwise
     */
    public int predictorColumns() {
        return columns;
    }

    /**
     * The look-ahead sensor kind.
     *
     * @return rows or camera
     */
    public LookaheadSensors lookaheadSensors() {
        return sensors;
    }

    /**
     * The wheels: {@code maxSpeed()} = {@value #MAX_SPEED}; {@code drive(left, right)} sets the commands for the
     * following {@link #advance()} steps (clamped, NaN becomes 0); {@code close()} stops the wheels for good
     * (later commands are ignored, the robot stays put).
     *
     * @return the drive; the same instance every call
     */
    public DifferentialDrive drive() {
        return drive;
    }

    /**
     * One world step of {@value #STEP_SECONDS} s with the current commands, then the leaving-the-line check
     * (see the class comment). Allocation-free.
     *
     * @return {@code true} if the robot was put back on the line in this step
     */
    public boolean advance() {
        double left = commandLeft;
        double right = commandRight;
        if (motorNoise) {
            left *= 1.0 + random.nextDouble(-MOTOR_NOISE, MOTOR_NOISE);
            right *= 1.0 + random.nextDouble(-MOTOR_NOISE, MOTOR_NOISE);
        }
        wheelLeft = left;
        wheelRight = right;
        final double v = 0.5 * (left + right) * speedScale;
        final double omega = (right - left) * speedScale / WHEEL_DISTANCE;
        final double dt = STEP_SECONDS / SUB_STEPS;
        // Exact arc: the chord of length 2 (v / omega) sin(omega dt / 2) along the mean heading.
        final double half = 0.5 * omega * dt;
        final double chord = v * dt * sinc(half);
        double h = heading;
        double px = x;
        double py = y;
        for (int k = 0; k < SUB_STEPS; k++) {
            final double mid = h + half;
            px += chord * Math.cos(mid);
            py += chord * Math.sin(mid);
            h = mid + half;
        }
        steps++;
        setPoseUnchecked(px, py, Angles.wrap(h));
        if (distance > LOST_DISTANCE) {
            lostSteps++;
        } else {
            lostSteps = 0;
        }
        if (!track.contains(x, y) || lostSteps >= LOST_STEPS) {
            track.nearestLinePose(x, y, heading, repositionPose);
            setPoseUnchecked(repositionPose[0], repositionPose[1], repositionPose[2]);
            lostSteps = 0;
            repositions++;
            return true;
        }
        return false;
    }

    /** {@code sin(a) / a}, accurate near 0. */
    private static double sinc(double a) {
        if (Math.abs(a) < 1e-4) {
            final double a2 = a * a;
            return 1.0 - a2 / 6.0 * (1.0 - a2 / 20.0);
        }
        return Math.sin(a) / a;
    }

    /**
     * Puts the robot at a pose (tests, experiments); does not count as a repositioning and restarts the lost-step
     * count.
     *
     * @param x world x, finite (may be outside the area: the next {@link #advance()} then repositions)
     * @param y world y, finite
     * @param heading radians, finite; stored wrapped into {@code (-pi, pi]}
     * @throws IllegalArgumentException if a value is not finite
     */
    public void setPose(double x, double y, double heading) {
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(heading))) {
            throw new IllegalArgumentException("pose must be finite, got x " + x + ", y " + y + ", heading "
                    + heading);
        }
        setPoseUnchecked(x, y, Angles.wrap(heading));
        lostSteps = 0;
    }

    private void setPoseUnchecked(double px, double py, double h) {
        x = px;
        y = py;
        heading = h;
        cos = Math.cos(h);
        sin = Math.sin(h);
        distance = track.distanceToLine(px, py);
    }

    /**
     * The robot's x.
     *
     * @return world x of the reference point
     */
    public double x() {
        return x;
    }

    /**
     * The robot's y.
     *
     * @return world y of the reference point
     */
    public double y() {
        return y;
    }

    /**
     * The robot's heading.
     *
     * @return radians counter-clockwise from +x, in {@code (-pi, pi]}
     */
    public double heading() {
        return heading;
    }

    /**
     * The pose as a value (allocates; the per-step accessors are {@link #x()}, {@link #y()}, {@link #heading()}).
     *
     * @return a new pose
     */
    public Pose pose() {
        return new Pose(x, y, heading);
    }

    /**
     * The distance from the reference point to the line ({@link Track#distanceToLine}), for the current pose.
     *
     * @return world units, {@code >= 0}
     */
    public double distanceToLine() {
        return distance;
    }

    /**
     * Whether the robot is on the line.
     *
     * @return {@code distanceToLine() <= }{@value #ON_LINE_DISTANCE}
     */
    public boolean onLine() {
        return distance <= ON_LINE_DISTANCE;
    }

    /**
     * World steps taken.
     *
     * @return the number of {@link #advance()} calls
     */
    public long stepCount() {
        return steps;
    }

    /**
     * Times the robot was put back on the line.
     *
     * @return the count since construction
     */
    public long repositionCount() {
        return repositions;
    }

    /**
     * The left wheel's clamped command.
     *
     * @return speed units, in {@code [-100, 100]}
     */
    public double leftCommand() {
        return commandLeft;
    }

    /**
     * The right wheel's clamped command.
     *
     * @return speed units, in {@code [-100, 100]}
     */
    public double rightCommand() {
        return commandRight;
    }

    /**
     * The left wheel's speed in the last step: the command times the motor noise factor.
     *
     * @return speed units (0 before the first step)
     */
    public double leftWheelSpeed() {
        return wheelLeft;
    }

    /**
     * The right wheel's speed in the last step.
     *
     * @return speed units (0 before the first step)
     */
    public double rightWheelSpeed() {
        return wheelRight;
    }

    /**
     * The track.
     *
     * @return the track the robot drives on
     */
    public Track track() {
        return track;
    }

    /**
     * The seed of the motor noise.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The speed scale.
     *
     * @return world units per second per speed unit
     */
    public double speedScale() {
        return speedScale;
    }

    private static double groundValue(double darkness) {
        return 1.0 / (1.0 + Math.exp(darkness - 1.0));
    }

    private final class ReflexSample implements SampleProvider {
        @Override
        public int sampleSize() {
            return 4;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            Objects.checkFromIndexSize(offset, 4, dst.length);
            for (int k = 0; k < 4; k++) {
                final double wx = x + REFLEX_X[k] * cos - REFLEX_Y[k] * sin;
                final double wy = y + REFLEX_X[k] * sin + REFLEX_Y[k] * cos;
                dst[offset + k] = groundValue(reflexField.sample(wx, wy));
            }
        }
    }

    private final class PredictorSample implements SampleProvider {
        @Override
        public int sampleSize() {
            return lookX.length;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            final int n = lookX.length;
            Objects.checkFromIndexSize(offset, n, dst.length);
            final double px = x;
            final double py = y;
            final double c = cos;
            final double s = sin;
            if (sensors == LookaheadSensors.ROWS) {
                for (int k = 0; k < n; k++) {
                    final double wx = px + lookX[k] * c - lookY[k] * s;
                    final double wy = py + lookX[k] * s + lookY[k] * c;
                    final double value = groundValue(lookaheadField.sample(wx, wy));
                    dst[offset + k] = Math.max(0.0, -PREDICTOR_GAIN * (value - WHITE));
                }
            } else {
                for (int k = 0; k < n; k++) {
                    final double fx = px + lookX[k] * c;
                    final double fy = py + lookX[k] * s;
                    final double dx = -lookY[k] * s;
                    final double dy = lookY[k] * c;
                    dst[offset + k] = lookaheadField.sample(fx + dx, fy + dy) - lookaheadField.sample(fx - dx, fy - dy);
                }
            }
        }
    }

    private final class Drive implements DifferentialDrive {
        @Override
        public double maxSpeed() {
            return MAX_SPEED;
        }

        @Override
        public void drive(double left, double right) {
            if (closed) {
                return;
            }
            commandLeft = DifferentialDrive.safe(left, MAX_SPEED);
            commandRight = DifferentialDrive.safe(right, MAX_SPEED);
        }

        @Override
        public void stop() {
            commandLeft = 0.0;
            commandRight = 0.0;
        }

        @Override
        public void close() {
            stop();
            closed = true;
        }
    }

    /**
     * Checks a camera grid's size.
     *
     * @param rows rows ahead, 1 to {@value #MAX_CAMERA_SIZE}
     * @param columns patch pairs per row, 1 to {@value #MAX_CAMERA_SIZE}
     * @throws IllegalArgumentException if a size is out of range
     */
    public static void requireCamera(int rows, int columns) {
        if (rows < 1 || rows > MAX_CAMERA_SIZE || columns < 1 || columns > MAX_CAMERA_SIZE) {
            throw new IllegalArgumentException("camera rows and columns must be in [1, " + MAX_CAMERA_SIZE
                    + "], got " + rows + " x " + columns);
        }
    }

    /** Configures a {@link LineFollowerSim}; not thread-safe. */
    public static final class Builder {
        private long seed;
        private Track track;
        private LookaheadSensors sensors = LookaheadSensors.ROWS;
        private boolean motorNoise = true;
        private double speedScale = DEFAULT_SPEED_SCALE;
        private int cameraRows = DEFAULT_CAMERA_ROWS;
        private int cameraColumns = DEFAULT_CAMERA_COLUMNS;

        private Builder() {
        }

        /**
         * Sets the seed of the motor noise.
         *
         * @param seed any value; the same seed and commands give the same trajectory
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the track.
         *
         * @param track the track (default: {@link Tracks#builtin()}, built at {@link #build()})
         * @return this builder
         * @throws NullPointerException if {@code track} is null
         */
        public Builder track(Track track) {
            this.track = Objects.requireNonNull(track, "track");
            return this;
        }

        /**
         * Sets the look-ahead sensors.
         *
         * @param sensors rows (default) or camera
         * @return this builder
         * @throws NullPointerException if {@code sensors} is null
         */
        public Builder sensors(LookaheadSensors sensors) {
            this.sensors = Objects.requireNonNull(sensors, "sensors");
            return this;
        }

        /**
         * Turns the {@code +-5 %} motor noise on (default) or off (exact kinematics, for tests).
         *
         * @param on whether the wheels are noisy
         * @return this builder
         */
        public Builder motorNoise(boolean on) {
            this.motorNoise = on;
            return this;
        }

        /**
         * Sets the speed scale.
         *
         * @param unitsPerSecond world units per second per speed unit, finite and {@code > 0} (default
         *     1/3)
         * @return this builder
         * @throws IllegalArgumentException if the value is not finite and positive
         */
        public Builder speedScale(double unitsPerSecond) {
            Checks.requirePositive("speedScale", unitsPerSecond);
            this.speedScale = unitsPerSecond;
            return this;
        }

        /**
         * Sets the camera grid (used with {@link LookaheadSensors#CAMERA}).
         *
         * @param rows rows ahead, 1 to {@value #MAX_CAMERA_SIZE} (default {@value #DEFAULT_CAMERA_ROWS})
         * @param columns patch pairs per row, 1 to {@value #MAX_CAMERA_SIZE} (default
         *     {@value #DEFAULT_CAMERA_COLUMNS})
         * @return this builder
         * @throws IllegalArgumentException if a size is out of range
         */
        public Builder camera(int rows, int columns) {
            requireCamera(rows, columns);
            this.cameraRows = rows;
            this.cameraColumns = columns;
            return this;
        }

        /**
         * Builds the simulator at the track's start pose, wheels stopped.
         *
         * @return the simulator
         */
        public LineFollowerSim build() {
            if (track == null) {
                track = Tracks.builtin();
            }
            return new LineFollowerSim(this);
        }
    }
}
