// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import java.util.Locale;
import java.util.Objects;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.PlainEngine;
import org.pamlearn.core.internal.Texts;

/**
 * The engine that runs a {@link Network}'s math (docs/DESIGN.md, "Compute engines"): {@link #plain()}, loops in
 * plain Java, allocation-free, for the real-time loop (one sample per step), or {@link #nd4j(Precision)}, ND4J's
 * native matrix products, for mini-batches and large layers. The learning rules are written once; both engines run
 * the same rule objects and give the same results to rounding.
 *
 * <p>ND4J is an optional dependency of pam-core: {@link #nd4j} needs {@code org.nd4j:nd4j-native} (and its natives
 * for the platform) on the class path; without them it says so. Choose an engine with
 * {@link Network.Builder#engine(Engine)} or {@link Network#copy(Engine)}.
 */
public final class Engine {

    /** The arithmetic of the ND4J engine. */
    public enum Precision {
        /** Double precision, as the plain engine. */
        DOUBLE,
        /** Single precision: about twice the throughput of double in matrix products. */
        FLOAT
    }

    private static final Engine PLAIN = new Engine("plain", PlainEngine.INSTANCE);

    private final String name;
    private final ComputeEngine compute;

    private Engine(String name, ComputeEngine compute) {
        this.name = name;
        this.compute = compute;
    }

    /**
     * Returns the plain-Java engine, the default of every network.
     *
     * @return the plain engine
     */
    public static Engine plain() {
        return PLAIN;
    }

    /**
     * Returns an ND4J engine.
     *
     * @param precision its arithmetic
     * @return the engine
     * @throws IllegalStateException if ND4J or its natives are not on the class path (one line that says what is
     *     missing)
     */
    public static Engine nd4j(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        Nd4jSupport.require();
        return new Engine("nd4j-" + precision.name().toLowerCase(Locale.ROOT),
                Nd4jSupport.engine(precision == Precision.FLOAT));
    }

    /**
     * Returns the engine with this name: {@code plain}, {@code nd4j} (double), {@code nd4j-double} or
     * {@code nd4j-float}.
     *
     * @param name the name
     * @return the engine
     * @throws IllegalArgumentException if the name is none of these
     * @throws IllegalStateException if it names ND4J and ND4J is not available
     */
    public static Engine named(String name) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "plain":
                return plain();
            case "nd4j":
            case "nd4j-double":
                return nd4j(Precision.DOUBLE);
            case "nd4j-float":
                return nd4j(Precision.FLOAT);
            default:
                throw new IllegalArgumentException("unknown engine " + Texts.quote(name)
                        + ": use plain, nd4j, nd4j-double or nd4j-float");
        }
    }

    /**
     * Sets the threads of ND4J's native code (its OpenMP loops and OpenBLAS), process-wide. ND4J's default uses
     * every core; one thread per process is the fair setting when several runs share a machine.
     *
     * @param threads threads, {@code >= 1}
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException if ND4J is not available
     */
    public static void setNd4jThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Nd4jSupport.require();
        Nd4jSupport.setThreads(threads);
    }

    /**
     * Returns whether ND4J and its natives load in this JVM.
     *
     * @return {@code true} if {@link #nd4j} works
     */
    public static boolean nd4jAvailable() {
        return Nd4jSupport.problem() == null;
    }

    /**
     * Returns the engine's name, as {@link #named} takes it ({@code plain}, {@code nd4j-double}, {@code nd4j-float}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** The engine behind it, for {@link Network}. */
    ComputeEngine compute() {
        return compute;
    }

    @Override
    public String toString() {
        return name;
    }
}
