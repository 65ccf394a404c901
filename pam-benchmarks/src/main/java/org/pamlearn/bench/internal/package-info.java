// SPDX-License-Identifier: Apache-2.0
/** Helpers of the benchmarks module that are not API and may change without notice. */
package org.pamlearn.bench.internal;
