// SPDX-License-Identifier: Apache-2.0
/**
 * The link to a real line-follower robot over a serial port, with the framing of the original Arduino robot.
 *
 * <p>Framing (all configurable where noted):
 * <ul>
 *   <li><b>Handshake.</b> Open the port (default 115200 baud, 8N1) and send the single byte {@code 'd'}; it is sent
 *       again after every reopen.</li>
 *   <li><b>Sensors, robot &rarr; host.</b> Frames of 9 bytes: 8 light-sensor bytes then a {@code 0} sync byte.
 *       {@link org.pamlearn.robot.serial.SensorFrameDecoder} realigns on the {@code 0}: a frame is the 8 bytes right
 *       before a {@code 0} when exactly 8 (or, after one lost sync byte, 16) non-zero bytes came since the last
 *       {@code 0}. This assumes that the firmware never sends a sensor byte of {@code 0} (the sync byte is unique);
 *       a frame that lost a byte, or holds a {@code 0} data byte, is dropped as torn, never misread. Raw bytes
 *       become doubles as {@link org.pamlearn.robot.serial.SensorScaling} says (default {@code raw / 255}).</li>
 *   <li><b>Commands, host &rarr; robot.</b> Four int16, little-endian by default: the differential command, 0, 0,
 *       and the start marker {@code 32767} ({@link org.pamlearn.robot.serial.CommandFrameEncoder}).</li>
 * </ul>
 *
 * <p>{@link org.pamlearn.robot.serial.SerialRobot} ties a {@link org.pamlearn.robot.serial.SerialTransport} (the
 * byte port; {@link org.pamlearn.robot.serial.JSerialCommTransport} for a real one) to the decoder and the encoder
 * and is both the robot's {@link org.pamlearn.robot.SampleProvider} and its
 * {@link org.pamlearn.robot.DifferentialDrive}: faults surface as {@link org.pamlearn.robot.SensorException}s from
 * {@code fetchSample}, never as exceptions from {@code drive}, {@code stop} or {@code close}, and a lost port is
 * reopened with a back-off.
 *
 * <p>On top of the link: {@link org.pamlearn.robot.serial.SerialSession} runs one learning session (controller,
 * fixed-rate loop, session log, checkpoints), reading each frame once for the reflex and the predictors through
 * {@link org.pamlearn.robot.serial.RobotSensors}, with a {@link org.pamlearn.robot.serial.MotorSafety} stop that
 * closes the drive (a last zero command) when the JVM exits during the run.
 */
package org.pamlearn.robot.serial;
