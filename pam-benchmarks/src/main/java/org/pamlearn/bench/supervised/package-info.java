// SPDX-License-Identifier: Apache-2.0
/**
 * The supervised study (docs/RESULTS.md, "Fashion-MNIST"): BP, Sign-and-Relevance and Prime-and-Modulate training deep
 * sigmoid MLPs on mini-batches of an IDX image data set, each at its own best learning rate, next to a ReLU
 * reference. {@link org.pamlearn.bench.supervised.SupervisedStudy} runs it, {@link
 * org.pamlearn.bench.supervised.StudyRun} is one run.
 */
package org.pamlearn.bench.supervised;
