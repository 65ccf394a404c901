// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.internal;

/** The one place the plots switch AWT to headless: a command-line tool never opens a window. */
public final class Headless {

    private Headless() {
    }

    /** Lets XChart draw without a display, unless the user set {@code java.awt.headless} themselves. */
    public static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
