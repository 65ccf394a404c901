// SPDX-License-Identifier: Apache-2.0
/**
 * Data sets for supervised learning: {@link org.pamlearn.core.data.Idx} reads the IDX files of MNIST and
 * Fashion-MNIST, strictly (docs/ALGORITHMS.md &sect;6).
 */
package org.pamlearn.core.data;
