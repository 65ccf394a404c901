// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock a {@link FixedRateLoop} runs by: the system's monotonic clock by default, a fake one in tests.
 */
public interface TimeSource {

    /**
     * Returns the current time of a monotonic clock.
     *
     * @return the time in nanoseconds, from an arbitrary origin
     */
    long nanoTime();

    /**
     * Waits until {@link #nanoTime()} reaches {@code deadline}, or the thread is interrupted (then returns early,
     * leaving the interrupt flag set).
     *
     * @param deadline the time to wait for, in nanoseconds on this clock
     */
    void parkUntil(long deadline);

    /**
     * The system clock: {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return SystemTime.INSTANCE;
    }

    /** The system clock. */
    enum SystemTime implements TimeSource {
        /** The one instance. */
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) {
            // parkNanos may return early (spuriously, or on unpark): park again for what is left.
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                LockSupport.parkNanos(left);
            }
        }
    }
}
