// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/**
 * A clean stop on Ctrl-C (SIGINT) and SIGTERM for a long-running command: the command finishes its current step
 * (or run), writes whole files, prints its result and ends; the JVM then exits with 130 (SIGINT) or 143 (SIGTERM).
 *
 * <p>How: Java answers SIGINT and SIGTERM by running the shutdown hooks and then exiting with 128 + the signal's
 * number. While the command runs, a hook is registered that asks the command to stop ({@link #getAsBoolean()}
 * turns true) and then waits, at most {@link #WAIT_SECONDS} s, for the command to finish.
 * The command polls the request between steps, finishes, writes, prints its result and closes this. The hook then
 * returns once the command line has printed everything it will print: {@link #close()} after a signal only marks
 * the command as finished, and {@link #releaseFinished()} (called by {@link PamlearnCommand}'s execution strategy
 * after the command returns, and by its error handlers after they print the one-line error) lets the hook return,
 * so that an error raised while the files are written after a signal is still printed. The JVM then exits with
 * the signal's status. The main thread's own {@code System.exit} after that blocks (the JVM is already shutting
 * down), which is harmless: nothing waits for it. The wait is bounded so that a command stuck in I/O cannot keep
 * the JVM alive for ever; a second Ctrl-C does nothing (Java ignores signals while it shuts down), so the bound is
 * the user's guarantee.
 *
 * <p>Whatever runs after the signal runs while the JVM shuts down, where registering another shutdown hook fails.
 * ImageIO's disk cache does that for every PNG it writes, so {@link #install} switches ImageIO to its memory
 * cache (the plots are small).
 *
 * <p>Use one per command run, in try-with-resources around the work and its output:
 *
 * <pre>
 *   try (StopOnSignal stop = StopOnSignal.install()) {
 *       ... loop while !stop.getAsBoolean() ...; write the files; print the result
 *   }
 * </pre>
 */
final class StopOnSignal implements AutoCloseable, BooleanSupplier {

    /** How long the hook waits for the command to finish writing after a signal. */
    static final long WAIT_SECONDS = 60;

    /** The stops closed after a signal, whose hooks wait for {@link #releaseFinished()}. */
    private static final Queue<StopOnSignal> FINISHED = new ConcurrentLinkedQueue<>();

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopOnSignal() {
        this.hook = new Thread(this::stopAndWait, "pamlearn-stop-on-signal");
    }

    /**
     * Registers the hook; the command polls {@link #getAsBoolean()}.
     *
     * @return the armed stop; close it when the command has written and printed everything
     */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        ImageIO.setUseCache(false);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /**
     * Tells whether a stop was asked for.
     *
     * @return {@code true} once the JVM got SIGINT or SIGTERM
     */
    @Override
    public boolean getAsBoolean() {
        return requested;
    }

    private void stopAndWait() {
        requested = true;
        try {
            if (!finished.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("pamlearn: the command did not finish writing within " + WAIT_SECONDS
                        + " s of the signal; exiting anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the stop: removes the hook when no signal came; after a signal (the hook is running) marks the command as
     * finished, so that the hook returns at the next {@link #releaseFinished()}. Never throws.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running and waits until whatever is left is printed.
            FINISHED.add(this);
        }
    }

    /**
     * Lets the hooks of the commands that finished after a signal return, and with them the JVM exit; call it once
     * the command line has printed its last line. Does nothing when no signal came.
     */
    static void releaseFinished() {
        for (StopOnSignal stop = FINISHED.poll(); stop != null; stop = FINISHED.poll()) {
            stop.finished.countDown();
        }
    }
}
