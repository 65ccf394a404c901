// SPDX-License-Identifier: Apache-2.0
/**
 * The network of closed-loop learning: {@link org.pamlearn.core.Network} (built once by its builder, then
 * fixed), its {@link org.pamlearn.core.Activation}s and {@link org.pamlearn.core.WeightInits weight
 * initialisations}. The learning rules live in {@code org.pamlearn.core.learning}, the checkpoint format
 * in {@code org.pamlearn.core.checkpoint}.
 */
package org.pamlearn.core;
