// SPDX-License-Identifier: Apache-2.0
/**
 * The soak benchmark, {@link org.pamlearn.bench.soak.Soak}: millions of online learning steps per rule on a
 * line-follower-sized network, watching for NaN, weight growth, heap, resident memory and time per step.
 */
package org.pamlearn.bench.soak;
