// SPDX-License-Identifier: Apache-2.0
/**
 * Helpers of the benchmarks module (CSV lines, the {@code main} of its small tools) that are not API and may change
 * without notice.
 */
package org.pamlearn.bench.internal;
