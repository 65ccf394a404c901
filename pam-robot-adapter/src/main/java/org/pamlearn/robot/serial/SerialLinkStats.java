// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

/**
 * A snapshot of a {@link SerialRobot}'s counters since it was built, for reports and logs.
 *
 * @param frames valid sensor frames decoded
 * @param tornFrames torn frames skipped by the decoder (the fetch that met them may still have succeeded)
 * @param timeouts fetches that failed because no byte arrived within the read timeout
 * @param unalignedFetches fetches that failed because no valid frame was found within the byte limit
 * @param portLosses times the port was found lost (a read or a write reported it, or the transport threw)
 * @param reconnects successful reopenings after the first opening
 * @param failedOpens attempts to open the port that failed
 * @param commandsSent command frames written completely
 * @param writeFailures command frames not written completely (lost port, short write, or no open port)
 */
public record SerialLinkStats(long frames, long tornFrames, long timeouts, long unalignedFetches, long portLosses,
        long reconnects, long failedOpens, long commandsSent, long writeFailures) {
}
