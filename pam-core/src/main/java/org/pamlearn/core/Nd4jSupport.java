// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import org.pamlearn.core.internal.ComputeEngine;

/**
 * Whether ND4J loads, and the only code outside {@code internal.Nd4jEngine} that names ND4J classes: kept in its own
 * class so that {@link Engine} and {@link Network} load without ND4J on the class path.
 */
final class Nd4jSupport {

    private static String problem;
    private static boolean checked;

    private Nd4jSupport() {
    }

    /** Returns why ND4J does not load, or {@code null} when it does; tries once per JVM. */
    static synchronized String problem() {
        if (!checked) {
            problem = load();
            checked = true;
        }
        return problem;
    }

    private static String load() {
        try {
            // Only whether the class is there: initialising Nd4j loads the native backend, told apart below.
            Class.forName("org.nd4j.linalg.factory.Nd4j", false, Nd4jSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "the ND4J engine needs org.nd4j:nd4j-native (an optional dependency of pam-core) on the class path";
        }
        try {
            org.nd4j.linalg.factory.Nd4j.getBackend();
            org.nd4j.linalg.factory.Nd4j.create(new double[] {1.0}, new long[] {1, 1},
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "the ND4J engine could not load its native backend (nd4j-native with the natives of this platform, "
                    + "and their dependencies): " + oneLine(e);
        }
    }

    /** The innermost cause's class and the first line of its message. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        // At most 20 causes deep: a cycle of causes (possible through initCause) must not loop.
        for (int depth = 0; depth < 20 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** Throws if ND4J does not load. */
    static void require() {
        String why = problem();
        if (why != null) {
            throw new IllegalStateException(why);
        }
    }

    static ComputeEngine engine(boolean single) {
        return new org.pamlearn.core.internal.Nd4jEngine(single);
    }

    static void setThreads(int threads) {
        org.pamlearn.core.internal.Nd4jEngine.setThreads(threads);
    }
}
