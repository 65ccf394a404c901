// SPDX-License-Identifier: Apache-2.0
/**
 * Small example programs around the library; the {@code pamlearn} tool itself is in
 * {@link org.pamlearn.examples.cli}. {@link org.pamlearn.examples.MakeExampleData} makes the example network and
 * session in {@code examples/data}.
 */
package org.pamlearn.examples;
